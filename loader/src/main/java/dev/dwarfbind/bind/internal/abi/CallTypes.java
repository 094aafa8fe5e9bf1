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
import java.math.BigInteger;

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
            case RecordType r -> record(id, name, s, r);
            case ArrayType a -> throw new Unsupported(name + ": C has no array parameters or returns (an array parameter is a pointer)");
            case FunctionType f -> throw new Unsupported(name + ": a function type is not a value");
            default -> throw new AssertionError(t);
        };
    }

    private CallType scalar(int id, String name, ScalarType sc) {
        return switch (sc.kind()) {
            case BOOL -> new CallType(id, name, CallType.Kind.BOOL, ValueLayout.JAVA_BOOLEAN, boolean.class, 0, 1, -1);
            case CHAR, SIGNED_CHAR, UNSIGNED_CHAR, SIGNED, UNSIGNED, UNICODE_CHAR -> {
                if (sc.byteSize() == 16) {
                    // __int128: min is -1 for signed, 0 for unsigned (the range itself is checked on BigIntegers).
                    yield jit(id, name, CallType.Kind.INT128, 16, sc.alignment(), BigInteger.class,
                            sc.signed() && sc.kind() != ScalarKind.UNICODE_CHAR ? -1 : 0);
                }
                if (sc.byteSize() > 8) {
                    throw new Unsupported(name + " (" + sc.byteSize() * 8 + "-bit integer): neither java.lang.foreign's linker nor the JIT passes it");
                }
                yield integer(id, name, sc.byteSize(), sc.signed() && sc.kind() != ScalarKind.UNICODE_CHAR, -1);
            }
            case FLOAT -> switch (sc.byteSize()) {
                case 4 -> new CallType(id, name, CallType.Kind.FLOAT, ValueLayout.JAVA_FLOAT, float.class, 0, 0, -1);
                case 8 -> new CallType(id, name, CallType.Kind.DOUBLE, ValueLayout.JAVA_DOUBLE, double.class, 0, 0, -1);
                case 2 -> jit(id, name, CallType.Kind.FLOAT16, 2, 2, float.class, 0);
                default -> {
                    if (isX87LongDouble(sc)) yield jit(id, name, CallType.Kind.LONG_DOUBLE, 16, 16, Number.class, 0);
                    throw new Unsupported(name + " (" + sc.byteSize() * 8 + "-bit float): only x87 long double (x86-64) and"
                            + " _Float16 go through the JIT; __float128 and other formats are not supported");
                }
            };
            case COMPLEX -> {
                if (sc.byteSize() == 32 && isX87(ts)) {
                    yield jit(id, name, CallType.Kind.COMPLEX, 32, 16, Number[].class, 0);
                }
                if (sc.byteSize() != 8 && sc.byteSize() != 16) {
                    throw new Unsupported(name + ": only _Complex float, double and (x86-64) long double can be passed");
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

    /**
     * A struct or union by value: through the linker when it can describe it, else (packed, or with
     * {@code long double}, {@code __int128}, {@code _Float16} members) through the JIT, which is told
     * only its size and alignment here and writes its C definition itself.
     */
    private CallType record(int id, String name, int s, RecordType r) {
        if (!r.complete()) throw new Unsupported(name + " is incomplete (opaque): it can only be passed by pointer");
        // Packed, holding what the linker cannot pass, or aligned otherwise than its members (aligned(N),
        // or packed with every member in place, which gcc's DWARF shows only by the alignment): the
        // linker has no layout for these, the JIT's C definition has.
        if (r.packed() || !linkable(name, r, 0) || r.alignment() != memberAlignment(r)) {
            MemoryLayout bytes = MemoryLayout.sequenceLayout(r.byteSize(), ValueLayout.JAVA_BYTE).withByteAlignment(r.alignment());
            return new CallType(id, name, CallType.Kind.STRUCT, bytes, MemorySegment.class, 0, 0, s, true);
        }
        return new CallType(id, name, CallType.Kind.STRUCT, CallLayout.of(ts, s, name), MemorySegment.class, 0, 0, s);
    }

    /** Whether the linker can pass {@code r}'s members; throws for what nothing can pass by value. */
    private boolean linkable(String outer, RecordType r, int depth) {
        if (depth > 64) throw new Unsupported(outer + " nests too deeply");
        boolean ok = true;
        for (Field f : r.fields()) {
            int t = ts.strip(f.type());
            while (ts.type(t) instanceof ArrayType a) {
                if (a.isFlexible()) throw new Unsupported(outer + " has a flexible array member: it cannot be passed by value");
                t = ts.strip(a.element());
            }
            switch (ts.type(t)) {
                case ScalarType sc when !f.isBitfield() -> {
                    if (sc.kind() == ScalarKind.DECIMAL_FLOAT) {
                        throw new Unsupported(outer + " has member " + f.name() + " of type " + sc.name()
                                + ": decimal floating point cannot be passed in a struct by value");
                    }
                    ok &= sc.kind() == ScalarKind.COMPLEX ? sc.byteSize() <= 16 : CLayouts.scalarLayout(sc) != null;
                }
                case RecordType inner -> ok &= !inner.packed() && linkable(outer, inner, depth + 1);
                default -> { }
            }
        }
        return ok;
    }

    private int memberAlignment(RecordType r) {
        int a = 1;
        for (Field f : r.fields()) a = Math.max(a, ts.alignOf(f.type()));
        return a;
    }

    private CallType jit(int id, String name, CallType.Kind kind, long size, int align, Class<?> carrier, long min) {
        MemoryLayout layout = MemoryLayout.sequenceLayout(size, ValueLayout.JAVA_BYTE).withByteAlignment(align);
        return new CallType(id, name, kind, layout, carrier, min, 0, -1, true);
    }

    /** Whether {@code long double} is the x87 80-bit format here: x86-64, where it takes 16 bytes. */
    private boolean isX87LongDouble(ScalarType sc) {
        return sc.byteSize() == 16 && sc.name().contains("long double") && isX87(ts);
    }

    private static boolean isX87(TypeSystem ts) {
        return ts.target().arch().equals("x86_64") && !ts.target().os().equals("windows");
    }
}
