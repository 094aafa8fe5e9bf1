package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * {@code __int128} and {@code unsigned __int128} as two 64-bit halves (in memory: little-endian, low half
 * first) and as {@link BigInteger}s. The conversions take the fewest {@code BigInteger} operations the
 * public API allows: a value that fits a {@code long} is made by {@link BigInteger#valueOf} and taken apart
 * with no arithmetic; a wider one is taken apart with one shift and made from one 16-byte array.
 */
public final class BigInt128 {
    /** The smallest and largest values of each type. */
    public static final BigInteger MIN_SIGNED = BigInteger.ONE.shiftLeft(127).negate();
    public static final BigInteger MAX_SIGNED = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    public static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BigInt128() {
    }

    /** Whether {@code v} fits the signed or unsigned 128-bit type. */
    public static boolean fits(BigInteger v, boolean signed) {
        // bitLength excludes the sign: -2^127 and 2^127 - 1 both have 127 bits.
        return signed ? v.bitLength() <= 127 : v.signum() >= 0 && v.bitLength() <= 128;
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
        // Below 2^63 in magnitude the high half is the sign extension: nothing to take apart. Above, a
        // shifted BigInteger: escape analysis removes the object, leaving its one- or two-int magnitude
        // (24 bytes), less than toByteArray's 9 to 17 bytes (32 with the array's header), measured.
        return v.bitLength() <= 63 ? v.longValue() >> 63 : v.shiftRight(64).longValue();
    }

    /**
     * The value of halves {@code high} and {@code low} read as a signed or an unsigned 128-bit integer
     * (as {@link BigInteger#valueOf} when it fits a {@code long}).
     */
    public static BigInteger of(long high, long low, boolean signed) {
        if (signed ? high == low >> 63 : high == 0 && low >= 0) return BigInteger.valueOf(low);
        byte[] be = new byte[16];
        BIG_ENDIAN_LONG.set(be, 0, high);
        BIG_ENDIAN_LONG.set(be, 8, low);
        return signed ? new BigInteger(be) : new BigInteger(1, be);
    }

    /** Reads the value at {@code offset}. */
    public static BigInteger read(MemorySegment m, long offset, boolean signed) {
        return of(m.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8), m.get(ValueLayout.JAVA_LONG_UNALIGNED, offset), signed);
    }
}
