package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;

/** {@code __int128} and {@code unsigned __int128} in memory (little-endian, two 64-bit halves) as {@link BigInteger}s. */
public final class Int128 {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    /** The smallest and largest values of each type. */
    public static final BigInteger MIN_SIGNED = BigInteger.ONE.shiftLeft(127).negate();
    public static final BigInteger MAX_SIGNED = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    public static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Int128() {
    }

    /** Whether {@code v} fits the signed or unsigned 128-bit type. */
    public static boolean fits(BigInteger v, boolean signed) {
        return signed ? v.compareTo(MIN_SIGNED) >= 0 && v.compareTo(MAX_SIGNED) <= 0
                : v.signum() >= 0 && v.compareTo(MAX_UNSIGNED) <= 0;
    }

    /** Writes {@code v} (already range-checked) at {@code offset}. */
    public static void write(MemorySegment m, long offset, BigInteger v) {
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, v.longValue());
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8, v.shiftRight(64).longValue());
    }

    /** Reads the value at {@code offset}. */
    public static BigInteger read(MemorySegment m, long offset, boolean signed) {
        long lo = m.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
        long hi = m.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8);
        BigInteger v = BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
        return signed || v.signum() >= 0 ? v : v.add(TWO_64.shiftLeft(64));
    }
}
