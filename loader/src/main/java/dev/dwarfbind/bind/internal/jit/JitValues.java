package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.value.BigInt128;
import dev.dwarfbind.bind.internal.value.X87;
import dev.dwarfbind.bind.internal.value.X87Value;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What the generated marshalling of a wrapped call ({@link JitCall}) calls for values the linker does not
 * carry: a {@code long double} argument as its bits, structs and complex values copied into the frame,
 * results read back from it. Small static methods, so that they inline into the generated code.
 */
final class JitValues {
    private JitValues() {
    }

    /** A {@code long double} argument's bits: a {@code BigDecimal} rounded to nearest, any other number exactly as a double. */
    static X87Value x87(Number v) {
        return switch (v) {
            case X87Value x -> x;
            case BigDecimal b -> X87.encode(b);
            default -> X87.encode(v.doubleValue());
        };
    }

    /** Copies a struct argument of {@code size} bytes into the frame at {@code at}. */
    static void putStruct(MemorySegment frame, long at, MemorySegment value, long size) {
        MemorySegment.copy(value, 0, frame, at, size);
    }

    /** Writes a {@code _Complex long double} argument (its two parts) into the frame at {@code at}. */
    static void putComplex(MemorySegment frame, long at, Number[] parts) {
        X87.write(frame, at, x87(parts[0]));
        X87.write(frame, at + 16, x87(parts[1]));
    }

    /** The {@code __int128} result at the start of the frame. */
    static BigInteger int128(MemorySegment frame, boolean signed) {
        return BigInt128.read(frame, 0, signed);
    }

    /**
     * The {@code long double} result at the start of the frame as a {@code BigDecimal}, exactly (-0 as 0),
     * for a bound method declared so: refused for what a {@code BigDecimal} cannot hold.
     */
    static BigDecimal decimal(MemorySegment frame) {
        Number n = X87.exact(frame.get(ValueLayout.JAVA_LONG, 0), frame.get(ValueLayout.JAVA_SHORT, 8) & 0xffff);
        if (n instanceof BigDecimal b) return b;
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ArithmeticException("the long double result is " + d + ", which a BigDecimal cannot hold (declare the method double)");
        }
        return BigDecimal.ZERO;   // -0.0, the one finite value read as a Double
    }

    /** The 64 bits at {@code at} in the frame: a half of an {@code __int128} result. */
    static long half(MemorySegment frame, long at) {
        return frame.get(ValueLayout.JAVA_LONG, at);
    }

    /** The {@code _Complex long double} result at the start of the frame, as its two parts. */
    static Number[] complex(MemorySegment frame) {
        return new Number[] {X87.value(frame, 0), X87.value(frame, 16)};
    }

    /**
     * The value of C type {@code ct} at {@code at} in a thunk's frame, as the carrier the linker path would
     * give a callback (a struct as a view of the frame, valid during the callback).
     */
    static Object read(MemorySegment f, long at, CallType ct) {
        return switch (ct.kind()) {
            case VOID -> null;
            case INT -> switch ((int) ct.layout().byteSize()) {
                case 1 -> f.get(ValueLayout.JAVA_BYTE, at);
                case 2 -> f.get(ValueLayout.JAVA_SHORT, at);
                case 4 -> f.get(ValueLayout.JAVA_INT, at);
                default -> f.get(ValueLayout.JAVA_LONG, at);
            };
            case BOOL -> f.get(ValueLayout.JAVA_BYTE, at) != 0;
            case FLOAT -> f.get(ValueLayout.JAVA_FLOAT, at);
            case DOUBLE -> f.get(ValueLayout.JAVA_DOUBLE, at);
            case FLOAT16 -> Float.float16ToFloat(f.get(ValueLayout.JAVA_SHORT, at));
            case POINTER, FUNCTION_POINTER -> MemorySegment.ofAddress(f.get(ValueLayout.JAVA_LONG, at));
            case STRUCT -> f.asSlice(at, ct.layout().byteSize());
            case LONG_DOUBLE -> X87.value(f, at);
            case INT128 -> BigInt128.read(f, at, ct.min() != 0);
            case COMPLEX -> new Number[] {X87.value(f, at), X87.value(f, at + 16)};
        };
    }

    /**
     * Stores carrier {@code v} of C type {@code ct} at {@code at}: a callback's result. {@code null} (a
     * callback that threw) leaves the zeros the thunk put there.
     */
    static void write(MemorySegment f, long at, CallType ct, Object v) {
        if (v == null) return;
        switch (ct.kind()) {
            case INT -> {
                switch ((int) ct.layout().byteSize()) {
                    case 1 -> f.set(ValueLayout.JAVA_BYTE, at, ((Number) v).byteValue());
                    case 2 -> f.set(ValueLayout.JAVA_SHORT, at, ((Number) v).shortValue());
                    case 4 -> f.set(ValueLayout.JAVA_INT, at, ((Number) v).intValue());
                    default -> f.set(ValueLayout.JAVA_LONG, at, ((Number) v).longValue());
                }
            }
            case BOOL -> f.set(ValueLayout.JAVA_BYTE, at, (byte) ((Boolean) v ? 1 : 0));
            case FLOAT -> f.set(ValueLayout.JAVA_FLOAT, at, ((Number) v).floatValue());
            case DOUBLE -> f.set(ValueLayout.JAVA_DOUBLE, at, ((Number) v).doubleValue());
            case FLOAT16 -> f.set(ValueLayout.JAVA_SHORT, at, Float.floatToFloat16(((Number) v).floatValue()));
            case POINTER, FUNCTION_POINTER -> f.set(ValueLayout.JAVA_LONG, at, ((MemorySegment) v).address());
            case STRUCT -> MemorySegment.copy((MemorySegment) v, 0, f, at, ct.layout().byteSize());
            case LONG_DOUBLE -> X87.write(f, at, x87((Number) v));
            case INT128 -> BigInt128.write(f, at, (BigInteger) v);
            case COMPLEX -> putComplex(f, at, (Number[]) v);
            case VOID -> { }
        }
    }

    /** The struct result at the start of the frame, copied to memory from {@code allocator}. */
    static MemorySegment struct(MemorySegment frame, SegmentAllocator allocator, long size, long alignment) {
        MemorySegment r = allocator.allocate(size, alignment);
        MemorySegment.copy(frame, 0, r, 0, size);
        return r;
    }
}
