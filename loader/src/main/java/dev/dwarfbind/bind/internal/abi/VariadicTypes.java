package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The C types of arguments passed through {@code ...}: by C's default promotions of the Java
 * value, or by a C type name the caller gives.
 */
public final class VariadicTypes {
    private final TypeSystem ts;
    private final CallTypes callTypes;

    public VariadicTypes(TypeSystem ts, CallTypes callTypes) {
        this.ts = ts;
        this.callTypes = callTypes;
    }

    /**
     * The C type of a variadic argument: {@code explicitType} when the caller named one, else
     * by C's default promotions of the Java value.
     *
     * @param explicitType a C type name, or {@code null}
     * @param value        the Java value (used when no type is named)
     * @param what         the argument, for messages
     */
    public CallType of(String explicitType, Object value, String what) {
        if (explicitType != null) return spelled(explicitType, what);
        return switch (value) {
            case Integer i -> spelled("int", what);
            case Short s -> spelled("int", what);
            case Byte b -> spelled("int", what);
            case Character c -> spelled("int", what);
            case Boolean b -> spelled("int", what);
            case Long l -> spelled("long", what);
            case Float f -> spelled("double", what);
            case Double d -> spelled("double", what);
            case String s -> pointer("char *", ts.typeNamed("char").orElse(-1));
            case null -> pointer("void *", -1);
            default -> {
                if (value instanceof MemorySegment) yield pointer("void *", -1);
                throw new ArgumentException(what + ": cannot pass " + value.getClass().getSimpleName()
                        + " through ...; wrap it in VarArg.of(\"C type\", value)");
            }
        };
    }

    /** A pointer argument: a struct view, a segment, or anything else the caller marks as an address. */
    public static CallType pointer(String cName, int target) {
        return new CallType(-1, cName, CallType.Kind.POINTER, ValueLayout.ADDRESS, MemorySegment.class, 0, 0, target);
    }

    /**
     * The call type of a C type spelled as a declaration would: a base type or typedef name
     * ({@code "unsigned long"}, {@code "size_t"}, {@code "struct point"}), qualifiers allowed,
     * any of them followed by {@code *}s for a pointer, and optionally a parameter name
     * ({@code "const char *name"}).
     */
    public CallType spelled(String cType, String what) {
        String t = cType.strip();
        int stars = 0;
        var base = new StringBuilder();
        for (String word : t.replace("*", " * ").trim().split("\\s+")) {
            switch (word) {
                case "*" -> stars++;
                case "const", "volatile", "restrict", "__restrict" -> { }
                default -> {
                    // A word after a '*' is a parameter name: "char *s".
                    if (stars > 0) continue;
                    if (!base.isEmpty()) base.append(' ');
                    base.append(word);
                }
            }
        }
        String name = base.toString();
        if (stars > 0) {
            int target = name.equals("void") || stars > 1 ? -1 : resolve(name).orElse(-1);
            return pointer(t, target);
        }
        var id = resolve(name);
        if (id.isPresent()) return callTypes.of(id.getAsInt());
        // A trailing parameter name after a base type: "int count".
        int space = name.lastIndexOf(' ');
        if (space > 0 && resolve(name.substring(0, space)).isPresent()) return callTypes.of(resolve(name.substring(0, space)).getAsInt());
        if (space > 0 && builtin(name.substring(0, space)) != null) return scalar(name.substring(0, space), builtin(name.substring(0, space)));
        return named(name, cType, what);
    }

    private java.util.OptionalInt resolve(String name) {
        return ts.typeNamed(name);
    }

    private CallType named(String t, String cType, String what) {
        // The library may never use e.g. "long"; C's own types are the platform's.
        ScalarType s = builtin(t);
        if (s == null) {
            throw new ArgumentException(what + ": unknown C type " + cType + " (use a base type or typedef name of the library)");
        }
        if (ts.target().pointerSize() == 4 && s.byteSize() == 8 && t.startsWith("long") && !t.contains("long long")) {
            throw new ArgumentException(what + ": 'long' on this 32-bit target: use a type from the library's debug info");
        }
        return scalar(t, s);
    }

    /** C's own scalar types on an LP64 target, for names the library's debug info never uses. */
    private static ScalarType builtin(String t) {
        return switch (t) {
            case "int", "signed", "signed int" -> new ScalarType(t, ScalarKind.SIGNED, 4, 4, true);
            case "unsigned int", "unsigned" -> new ScalarType(t, ScalarKind.UNSIGNED, 4, 4, false);
            case "short", "short int", "signed short" -> new ScalarType(t, ScalarKind.SIGNED, 2, 2, true);
            case "unsigned short", "short unsigned int" -> new ScalarType(t, ScalarKind.UNSIGNED, 2, 2, false);
            case "char", "signed char" -> new ScalarType(t, ScalarKind.SIGNED_CHAR, 1, 1, true);
            case "unsigned char" -> new ScalarType(t, ScalarKind.UNSIGNED_CHAR, 1, 1, false);
            case "long", "long int", "long long", "long long int" -> new ScalarType(t, ScalarKind.SIGNED, 8, 8, true);
            case "unsigned long", "long unsigned int", "unsigned long long", "long long unsigned int" ->
                    new ScalarType(t, ScalarKind.UNSIGNED, 8, 8, false);
            case "float" -> new ScalarType(t, ScalarKind.FLOAT, 4, 4, true);
            case "double" -> new ScalarType(t, ScalarKind.FLOAT, 8, 8, true);
            case "_Bool" -> new ScalarType(t, ScalarKind.BOOL, 1, 1, false);
            default -> null;
        };
    }

    /** {@code int}, what {@code char}, {@code short} and {@code int} arguments are promoted to. */
    public static CallType promotedInt() {
        return scalar("int", new ScalarType("int", ScalarKind.SIGNED, 4, 4, true));
    }

    /** {@code long} (LP64). */
    public static CallType promotedLong() {
        return scalar("long", new ScalarType("long", ScalarKind.SIGNED, 8, 8, true));
    }

    /** {@code double}, what {@code float} arguments are promoted to. */
    public static CallType promotedDouble() {
        return scalar("double", new ScalarType("double", ScalarKind.FLOAT, 8, 8, true));
    }

    private static CallType scalar(String t, ScalarType s) {
        if (s.kind() == ScalarKind.BOOL) return new CallType(-1, t, CallType.Kind.BOOL, ValueLayout.JAVA_BOOLEAN, boolean.class, 0, 1, -1);
        if (s.kind() == ScalarKind.FLOAT && s.byteSize() == 4) {
            return new CallType(-1, t, CallType.Kind.FLOAT, ValueLayout.JAVA_FLOAT, float.class, 0, 0, -1);
        }
        return new CallType(-1, t, s.kind() == ScalarKind.FLOAT ? CallType.Kind.DOUBLE : CallType.Kind.INT,
                CLayouts.scalarLayout(s), CLayouts.scalarLayout(s).carrier(),
                s.signed() ? Long.MIN_VALUE >> (64 - s.byteSize() * 8) : 0,
                s.signed() ? Long.MAX_VALUE >>> (64 - s.byteSize() * 8) : (s.byteSize() == 8 ? -1 : (1L << (s.byteSize() * 8)) - 1), -1);
    }
}
