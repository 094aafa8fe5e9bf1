package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;

/** {@code __int128} and {@code unsigned __int128} in memory (little-endian, two 64-bit halves) as {@link BigInteger}s. */
public final class Int128 {
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
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, low(v));
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8, high(v));
    }

    /** The low 64 bits of {@code v} in two's complement. */
    public static long low(BigInteger v) {
        return v.longValue();
    }

    /** Bits 64 to 127 of {@code v} (already range-checked) in two's complement. */
    public static long high(BigInteger v) {
        // Below 2^63 in magnitude the high half is the sign extension: no shift to allocate.
        return v.bitLength() <= 63 ? v.longValue() >> 63 : v.shiftRight(64).longValue();
    }

    /** Reads the value at {@code offset}. */
    public static BigInteger read(MemorySegment m, long offset, boolean signed) {
        long lo = m.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
        long hi = m.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8);
        if (signed ? hi == lo >> 63 : hi == 0 && lo >= 0) return BigInteger.valueOf(lo);   // fits a long: no arithmetic
        byte[] be = new byte[16];
        for (int i = 0; i < 8; i++) {
            be[i] = (byte) (hi >>> (56 - 8 * i));
            be[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return signed ? new BigInteger(be) : new BigInteger(1, be);
    }
}
