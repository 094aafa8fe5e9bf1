package dev.dwarfbind.bind;

import dev.dwarfbind.bind.internal.value.BigInt128;

import java.math.BigInteger;

/**
 * A C {@code __int128} or {@code unsigned __int128} value as its two 64-bit halves in two's complement:
 * the value is {@code high × 2^64 + (low as unsigned)}. Which of the two types it stands for is the C
 * type's business, as with a Java {@code long} and C's {@code uint64_t}: the same bits read as signed by
 * {@link #toBigInteger()} and {@link #toString()}, as unsigned by {@link #toUnsignedBigInteger()} and
 * {@link #toUnsignedString()}.
 *
 * <p>A bound method declaring an {@code __int128} parameter or result with this type passes the two
 * longs straight to the JIT's wrapper: no {@link BigInteger} is made, and the call allocates at most
 * this record for its result. {@code invoke} and Java callbacks take it too (any 128 bits are accepted,
 * for either type); {@code invoke} still returns a {@code BigInteger}.
 *
 * @param high bits 64 to 127
 * @param low  bits 0 to 63
 */
public record Int128(long high, long low) implements Comparable<Int128> {
    /** Zero. */
    public static final Int128 ZERO = new Int128(0, 0);
    /** The smallest {@code __int128}, -2^127. */
    public static final Int128 MIN_VALUE = new Int128(Long.MIN_VALUE, 0);
    /** The largest {@code __int128}, 2^127 - 1. */
    public static final Int128 MAX_VALUE = new Int128(Long.MAX_VALUE, -1);

    /** {@code v} sign-extended: the {@code __int128} of the same value. */
    public static Int128 of(long v) {
        return new Int128(v >> 63, v);
    }

    /** {@code v}'s 64 bits read as unsigned, zero-extended: {@code ofUnsigned(-1)} is 2^64 - 1. */
    public static Int128 ofUnsigned(long v) {
        return new Int128(0, v);
    }

    /**
     * {@code v} as an {@code __int128}.
     *
     * @throws ArithmeticException if {@code v} is outside -2^127 .. 2^127 - 1
     * @throws NullPointerException if {@code v} is null
     */
    public static Int128 of(BigInteger v) {
        if (!BigInt128.fits(v, true)) throw new ArithmeticException(v + " does not fit __int128 (-2^127 .. 2^127-1)");
        return new Int128(BigInt128.high(v), BigInt128.low(v));
    }

    /**
     * {@code v} as an {@code unsigned __int128}.
     *
     * @throws ArithmeticException if {@code v} is outside 0 .. 2^128 - 1
     * @throws NullPointerException if {@code v} is null
     */
    public static Int128 ofUnsigned(BigInteger v) {
        if (!BigInt128.fits(v, false)) throw new ArithmeticException(v + " does not fit unsigned __int128 (0 .. 2^128-1)");
        return new Int128(BigInt128.high(v), BigInt128.low(v));
    }

    /** The value read as signed ({@code __int128}). */
    public BigInteger toBigInteger() {
        return BigInt128.of(high, low, true);
    }

    /** The value read as unsigned ({@code unsigned __int128}). */
    public BigInteger toUnsignedBigInteger() {
        return BigInt128.of(high, low, false);
    }

    /** Whether the signed value fits a {@code long}. */
    public boolean fitsLong() {
        return high == low >> 63;
    }

    /**
     * The signed value as a {@code long}.
     *
     * @throws ArithmeticException if it does not fit one
     */
    public long longValueExact() {
        if (!fitsLong()) throw new ArithmeticException(this + " does not fit a long");
        return low;
    }

    /** -1, 0 or 1 as the signed value is negative, zero or positive. */
    public int signum() {
        return high < 0 ? -1 : (high | low) == 0 ? 0 : 1;
    }

    /** Compares the signed values. */
    @Override
    public int compareTo(Int128 o) {
        int c = Long.compare(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** Compares the values read as unsigned. */
    public static int compareUnsigned(Int128 a, Int128 b) {
        int c = Long.compareUnsigned(a.high, b.high);
        return c != 0 ? c : Long.compareUnsigned(a.low, b.low);
    }

    /** The signed value in decimal. */
    @Override
    public String toString() {
        return fitsLong() ? Long.toString(low) : toBigInteger().toString();
    }

    /** The value read as unsigned, in decimal. */
    public String toUnsignedString() {
        return high == 0 ? Long.toUnsignedString(low) : toUnsignedBigInteger().toString();
    }
}
