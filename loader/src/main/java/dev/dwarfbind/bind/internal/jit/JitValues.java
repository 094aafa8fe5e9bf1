package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.internal.value.Int128;
import dev.dwarfbind.bind.internal.value.X87;
import dev.dwarfbind.bind.internal.value.X87Value;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
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
        return Int128.read(frame, 0, signed);
    }

    /** The {@code _Complex long double} result at the start of the frame, as its two parts. */
    static Number[] complex(MemorySegment frame) {
        return new Number[] {X87.value(frame, 0), X87.value(frame, 16)};
    }

    /** The struct result at the start of the frame, copied to memory from {@code allocator}. */
    static MemorySegment struct(MemorySegment frame, SegmentAllocator allocator, long size, long alignment) {
        MemorySegment r = allocator.allocate(size, alignment);
        MemorySegment.copy(frame, 0, r, 0, size);
        return r;
    }
}
