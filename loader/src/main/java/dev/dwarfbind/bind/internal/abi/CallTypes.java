package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.VoidType;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Classifies C types for calls: which {@link CallType} a parameter or return has, or why the
 * linker cannot pass it ({@link Unsupported}).
 */
public final class CallTypes {
    private final TypeSystem ts;
    private final CLayouts layouts;

    public CallTypes(CLayouts layouts) {
        this.ts = layouts.types();
        this.layouts = layouts;
    }

    public String cName(int id) {
        try {
            return CPrinter.typeName(ts, id);
        } catch (RuntimeException e) {
            return "type " + id;
        }
    }

    /**
     * The call type of a parameter. Integers narrower than {@code int} are passed as an
     * {@code int} extended by their own signedness: clang-built callees rely on the caller having
     * extended them (gcc's callees extend again themselves), so passing a bare byte would hand
     * clang code garbage in the upper bits. Parameters of an unprototyped (K&amp;R) function get
     * C's default argument promotions, which is what its callers pass: {@code float} as
     * {@code double}, {@code char}/{@code short}/{@code _Bool} as {@code int}.
     */
    public CallType parameter(int id, boolean prototyped) {
        CallType ct = of(id);
        boolean narrow = ct.kind() == CallType.Kind.INT && ct.layout().byteSize() < 4
                || !prototyped && ct.kind() == CallType.Kind.BOOL;
        if (narrow) {
            long max = ct.kind() == CallType.Kind.BOOL ? 1 : ct.max();
            return new CallType(ct.typeId(), ct.cName(), CallType.Kind.INT, ValueLayout.JAVA_INT, int.class, ct.min(), max,
                    ct.target());
        }
        if (!prototyped && ct.kind() == CallType.Kind.FLOAT) {
            return new CallType(ct.typeId(), ct.cName(), CallType.Kind.DOUBLE, ValueLayout.JAVA_DOUBLE, double.class, 0, 0, -1);
        }
        return ct;
    }

    /** The call type of {@code id}, or throws {@link Unsupported} naming the reason. */
    public CallType of(int id) {
        int s = ts.strip(id);
        CType t = ts.type(s);
        String name = cName(id);
        return switch (t) {
            case VoidType v -> new CallType(id, name, CallType.Kind.VOID, null, void.class, 0, 0, -1);
            case ScalarType sc -> scalar(id, name, sc);
            case EnumType e -> {
                if (!e.complete()) throw new Unsupported(name + " is an enum without a definition: its size is unknown");
                yield integer(id, name, e.byteSize(), e.signed(), s);
            }
            case PointerType p -> {
                int pointee = ts.strip(p.pointee());
                CallType.Kind k = ts.type(pointee) instanceof FunctionType ? CallType.Kind.FUNCTION_POINTER : CallType.Kind.POINTER;
                yield new CallType(id, name, k, ValueLayout.ADDRESS, MemorySegment.class, 0, 0, pointee);
            }
            case RecordType r -> new CallType(id, name, CallType.Kind.STRUCT, recordLayout(name, s, r), MemorySegment.class, 0, 0, s);
            case ArrayType a -> throw new Unsupported(name + ": C has no array parameters or returns (an array parameter is a pointer)");
            case FunctionType f -> throw new Unsupported(name + ": a function type is not a value");
            default -> throw new AssertionError(t);
        };
    }

    private CallType scalar(int id, String name, ScalarType sc) {
        return switch (sc.kind()) {
            case BOOL -> new CallType(id, name, CallType.Kind.BOOL, ValueLayout.JAVA_BOOLEAN, boolean.class, 0, 1, -1);
            case CHAR, SIGNED_CHAR, UNSIGNED_CHAR, SIGNED, UNSIGNED, UNICODE_CHAR -> {
                if (sc.byteSize() > 8) {
                    throw new Unsupported(name + " (" + sc.byteSize() * 8 + "-bit integer): java.lang.foreign's linker has no carrier for it");
                }
                yield integer(id, name, sc.byteSize(), sc.signed() && sc.kind() != ScalarKind.UNICODE_CHAR, -1);
            }
            case FLOAT -> switch (sc.byteSize()) {
                case 4 -> new CallType(id, name, CallType.Kind.FLOAT, ValueLayout.JAVA_FLOAT, float.class, 0, 0, -1);
                case 8 -> new CallType(id, name, CallType.Kind.DOUBLE, ValueLayout.JAVA_DOUBLE, double.class, 0, 0, -1);
                default -> throw new Unsupported(name + " (" + sc.byteSize() * 8
                        + "-bit float): java.lang.foreign's linker cannot pass long double, _Float16 or __float128");
            };
            case COMPLEX -> {
                if (sc.byteSize() != 8 && sc.byteSize() != 16) {
                    throw new Unsupported(name + ": complex long double cannot be passed by java.lang.foreign's linker");
                }
                // _Complex float/double are passed exactly like a struct of two floats/doubles.
                yield new CallType(id, name, CallType.Kind.STRUCT, layouts.memoryLayout(id), MemorySegment.class, 0, 0, ts.strip(id));
            }
            case DECIMAL_FLOAT -> throw new Unsupported(name + ": decimal floating point cannot be passed by java.lang.foreign's linker");
        };
    }

    private static CallType integer(int id, String name, int size, boolean signed, int target) {
        ValueLayout layout = CLayouts.integer(size);
        Class<?> carrier = layout.carrier();
        long min;
        long max;
        if (signed) {
            min = size == 8 ? Long.MIN_VALUE : -(1L << (size * 8 - 1));
            max = size == 8 ? Long.MAX_VALUE : (1L << (size * 8 - 1)) - 1;
        } else {
            min = 0;
            max = size == 8 ? -1 : (1L << (size * 8)) - 1;
        }
        return new CallType(id, name, CallType.Kind.INT, layout, carrier, min, max, target);
    }

    private MemoryLayout recordLayout(String name, int id, RecordType r) {
        if (!r.complete()) throw new Unsupported(name + " is incomplete (opaque): it can only be passed by pointer");
        if (r.packed()) {
            throw new Unsupported(name + " is packed: java.lang.foreign's linker cannot pass a packed struct by value");
        }
        checkMembers(name, r, 0);
        return CallLayout.of(ts, id, name);
    }

    private void checkMembers(String outer, RecordType r, int depth) {
        if (depth > 64) throw new Unsupported(outer + " nests too deeply");
        for (Field f : r.fields()) {
            int t = ts.strip(f.type());
            while (ts.type(t) instanceof ArrayType a) {
                if (a.isFlexible()) throw new Unsupported(outer + " has a flexible array member: it cannot be passed by value");
                t = ts.strip(a.element());
            }
            switch (ts.type(t)) {
                case ScalarType sc when !f.isBitfield() -> {
                    boolean ok = sc.kind() == ScalarKind.COMPLEX ? sc.byteSize() <= 16
                            : CLayouts.scalarLayout(sc) != null;
                    if (!ok) throw new Unsupported(outer + " has member " + f.name() + " of type " + sc.name()
                            + ", which java.lang.foreign's linker cannot pass in a struct by value");
                }
                case RecordType inner -> {
                    if (inner.packed()) throw new Unsupported(outer + " contains a packed struct: it cannot be passed by value");
                    checkMembers(outer, inner, depth + 1);
                }
                default -> { }
            }
        }
    }
}
