package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * x86's 80-bit extended precision, C's {@code long double} on x86-64: a sign bit, a 15-bit exponent
 * biased by 16383 and a 64-bit significand whose top bit is explicit. Read exactly into a
 * {@link BigDecimal} (every finite value is one), written from a {@code double} exactly (every double
 * is a value) or from a {@link BigDecimal} rounded to the nearest value, ties to even, as C's
 * {@code strtold} does.
 *
 * <p>{@link BigDecimal} has no infinities, NaN or negative zero: those are read as a {@link Double}
 * (a NaN with its sign and the top 51 bits of its payload).
 */
public final class X87 {
    private static final int BIAS = 16383;
    private static final int MAX_EXPONENT = 0x7fff;
    /** 2^64, one past the largest significand. */
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    /** The scale of a denormal: value = significand × 2^-16445. */
    private static final int DENORMAL_SHIFT = BIAS - 1 + 63;

    /** 5^0 .. 5^27, the powers of five a long holds. */
    private static final long[] FIVES = new long[28];

    static {
        FIVES[0] = 1;
        for (int i = 1; i < FIVES.length; i++) FIVES[i] = FIVES[i - 1] * 5;
    }

    private X87() {
    }

    /** The value stored at {@code offset}: a {@code BigDecimal}, or a {@code Double} for ±∞, NaN and -0. */
    public static Number read(MemorySegment m, long offset) {
        return value(m, offset).exact();
    }

    /** The value stored at {@code offset}, converted when asked. */
    public static X87Value value(MemorySegment m, long offset) {
        return new X87Value(m.get(ValueLayout.JAVA_LONG_UNALIGNED, offset), m.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 8) & 0xffff);
    }

    /**
     * The exact value of a normal long double whose value, written in decimal, has an unscaled value
     * that fits a {@code long} (3.25, 1e15, 0.1's nearest long double does not): one {@code BigDecimal}
     * made with no {@code BigInteger} arithmetic, in the form {@link #decode} gives (fewest digits,
     * integers at scale 0). Null for every other value.
     */
    static BigDecimal smallExact(long significand, int se) {
        int exponent = se & 0x7fff;
        if (exponent == 0 || exponent == MAX_EXPONENT || significand >= 0) return null;
        int zeros = Long.numberOfTrailingZeros(significand);
        long m = significand >>> zeros;                       // odd
        int power = exponent - BIAS - 63 + zeros;              // value = m × 2^power
        long unscaled;
        int scale;
        if (power >= 0) {
            if (power > Long.numberOfLeadingZeros(m) - 1) return null;
            unscaled = m << power;
            scale = 0;
        } else {
            // m × 2^-k = m × 5^k / 10^k, and m × 5^k is odd, so no trailing decimal zero to strip.
            int k = -power;
            if (k >= FIVES.length || Math.multiplyHigh(m, FIVES[k]) != 0) return null;
            unscaled = m * FIVES[k];
            if (unscaled < 0) return null;
            scale = k;
        }
        return BigDecimal.valueOf((se & 0x8000) != 0 ? -unscaled : unscaled, scale);
    }

    /**
     * The exact value of these bits (see {@link #read}), by the cheapest way that gives it: no
     * {@code BigInteger} arithmetic when its decimal form fits a {@code long} ({@link #smallExact}) or
     * when it is also a double (its low 11 significand bits zero, within double's normal range: then
     * {@code new BigDecimal(double)} is exact and far cheaper than the general path).
     */
    public static Number exact(long significand, int se) {
        BigDecimal small = smallExact(significand, se);
        if (small != null) return small;
        int e = se & 0x7fff;
        int e2 = e - BIAS;
        if (e != 0 && significand < 0 && (significand & 0x7ff) == 0 && e2 >= -1022 && e2 <= 1023) {
            long bits = (long) (se & 0x8000) << 48 | (long) (e2 + 1023) << 52 | (significand >>> 11) & ((1L << 52) - 1);
            return new BigDecimal(Double.longBitsToDouble(bits));
        }
        return decode(significand, se);
    }

    /** The exact value of these bits (see {@link #read}), always by exact arithmetic. */
    static Number decode(long significand, int se) {
        boolean negative = (se & 0x8000) != 0;
        int exponent = se & 0x7fff;
        if (exponent == MAX_EXPONENT) {
            if (significand == Long.MIN_VALUE) return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            // A NaN keeps its sign and the top of its payload (sqrtl(-1) is -NaN on x87).
            long payload = (significand & Long.MAX_VALUE) >>> 11;
            if (payload == 0) payload = 1L << 51;
            return Double.longBitsToDouble((negative ? Long.MIN_VALUE : 0) | 0x7ffL << 52 | payload);
        }
        if (exponent != 0 && significand >= 0) {
            // An "unnormal" (explicit bit clear): x87 since the 387 treats it as an invalid operand.
            return Double.NaN;
        }
        if (significand == 0) return negative ? -0.0d : BigDecimal.ZERO;
        BigInteger m2 = new BigInteger(Long.toUnsignedString(significand));
        int power = exponent == 0 ? -DENORMAL_SHIFT : exponent - BIAS - 63;
        BigDecimal v = power >= 0 ? new BigDecimal(m2.shiftLeft(power))
                : new BigDecimal(m2.multiply(BigInteger.valueOf(5).pow(-power)), -power);
        // The fewest digits, and integers at scale 0, as new BigDecimal(double) gives them.
        v = v.stripTrailingZeros();
        if (v.scale() < 0) v = v.setScale(0);
        return negative ? v.negate() : v;
    }

    /** Writes {@code d} exactly (10 bytes; the 6 of padding are zeroed). */
    public static void write(MemorySegment m, long offset, double d) {
        store(m, offset, encode(d));
    }

    /** {@code d} as long double bits (exact: every double is a long double). */
    public static X87Value encode(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int sign = (int) (bits >>> 63) << 15;
        int e = (int) (bits >>> 52) & 0x7ff;
        long f = bits & 0xfffffffffffffL;
        long significand;
        int exponent;
        if (e == 0x7ff) {
            exponent = MAX_EXPONENT;
            significand = Long.MIN_VALUE | (f << 11);   // infinity, or a NaN keeping its payload (quiet bit included)
        } else if (e == 0) {
            if (f == 0) {
                exponent = 0;
                significand = 0;
            } else {
                // A double denormal is a normal long double: normalise it.
                int shift = Long.numberOfLeadingZeros(f);
                significand = f << shift;
                exponent = BIAS - 1022 - (shift - 11);
            }
        } else {
            exponent = e - 1023 + BIAS;
            significand = Long.MIN_VALUE | (f << 11);
        }
        return new X87Value(significand, sign | exponent);
    }

    /**
     * Writes {@code v} rounded to the nearest long double, ties to even; values beyond the largest
     * (about 1.19 × 10^4932) are refused, those below half the smallest denormal become zero.
     *
     * @throws ArithmeticException if {@code v} is too large for long double
     */
    public static void write(MemorySegment m, long offset, BigDecimal v) {
        store(m, offset, encode(v));
    }

    /**
     * {@code v} as long double bits, rounded as {@link #write(MemorySegment, long, BigDecimal)} does.
     *
     * @throws ArithmeticException if {@code v} is too large for long double
     */
    public static X87Value encode(BigDecimal v) {
        // Split so that the common cases inline into the caller, where escape analysis removes the
        // X87Value (the whole method is too large to inline, so its result was always allocated).
        int signum = v.signum();
        if (signum == 0) {
            return new X87Value(0, 0);
        }
        int sign = signum < 0 ? 0x8000 : 0;
        int scale = v.scale();
        int precision = v.precision();
        // An integer that fits a long is exact as a long double: no division.
        if (scale <= 0 && precision - scale <= 18) {
            long x = Math.abs(v.longValueExact());
            int shift = Long.numberOfLeadingZeros(x);
            return new X87Value(x << shift, sign | (63 - shift + BIAS));
        }
        // A short decimal that is a binary fraction (3.25 = 13 / 2^2): u / 10^s = (u / 5^s) / 2^s exactly.
        // The unscaled value, fewer than 19 digits, read as a long through a BigDecimal of scale 0 (an
        // object without arrays, which escape analysis removes): unscaledValue() would make a BigInteger.
        if (scale > 0 && scale <= 27 && precision <= 18) {
            long u = Math.abs(v.scaleByPowerOfTen(scale).longValueExact());
            long five = FIVES[scale];
            if (u % five == 0) {
                long q = u / five;
                int shift = Long.numberOfLeadingZeros(q);
                return new X87Value(q << shift, sign | (63 - shift - scale + BIAS));
            }
        }
        return encodeExactly(v, sign);
    }

    /** {@code v}, not zero, as long double bits by exact arithmetic (see {@link #encode(BigDecimal)}). */
    private static X87Value encodeExactly(BigDecimal v, int sign) {
        BigDecimal a = v.abs();
        // Decimal exponent: quick range checks before any exact arithmetic on huge numbers.
        long decimalExponent = (long) a.precision() - a.scale() - 1;
        if (decimalExponent > 4933) throw tooLarge(v);
        if (decimalExponent < -4952) {
            return new X87Value(0, sign);
        }
        BigInteger num;
        BigInteger den;
        if (a.scale() <= 0) {
            num = a.unscaledValue().multiply(BigInteger.TEN.pow(-a.scale()));
            den = BigInteger.ONE;
        } else {
            num = a.unscaledValue();
            den = BigInteger.TEN.pow(a.scale());
        }
        // Find k so that 2^63 <= num * 2^k / den < 2^64.
        int k = 63 - (num.bitLength() - den.bitLength());
        BigInteger q = scaledQuotient(num, den, k);
        while (q.bitLength() > 64) {
            k--;
            q = scaledQuotient(num, den, k);
        }
        while (q.bitLength() < 64) {
            k++;
            q = scaledQuotient(num, den, k);
        }
        int exponent = 63 - k + BIAS;
        if (exponent <= 0) {
            // Denormal (or zero after rounding): the scale is fixed, the significand shorter.
            k = DENORMAL_SHIFT;
            BigInteger r = rounded(num, den, k);
            // Rounding up to 2^63 makes it the smallest normal, which the same bits encode with exponent 1.
            int e = r.testBit(63) ? 1 : 0;
            return new X87Value(r.longValue(), sign | e);
        }
        BigInteger r = rounded(num, den, k);
        if (r.equals(TWO_64)) {
            r = r.shiftRight(1);
            exponent++;
        }
        if (exponent >= MAX_EXPONENT) throw tooLarge(v);
        return new X87Value(r.longValue(), sign | exponent);
    }

    private static ArithmeticException tooLarge(BigDecimal v) {
        return new ArithmeticException(v.round(new java.math.MathContext(6)) + " is beyond long double's range (about ±1.19E+4932)");
    }

    /** floor(num × 2^k / den). */
    private static BigInteger scaledQuotient(BigInteger num, BigInteger den, int k) {
        return k >= 0 ? num.shiftLeft(k).divide(den) : num.divide(den.shiftLeft(-k));
    }

    /** num × 2^k / den rounded to the nearest integer, ties to even. */
    private static BigInteger rounded(BigInteger num, BigInteger den, int k) {
        BigInteger n = k >= 0 ? num.shiftLeft(k) : num;
        BigInteger d = k >= 0 ? den : den.shiftLeft(-k);
        BigInteger[] qr = n.divideAndRemainder(d);
        int c = qr[1].shiftLeft(1).compareTo(d);
        if (c > 0 || c == 0 && qr[0].testBit(0)) return qr[0].add(BigInteger.ONE);
        return qr[0];
    }

    /** Writes bits made by {@link #encode(BigDecimal)} or {@link #encode(double)} (the 6 bytes of padding zeroed). */
    public static void write(MemorySegment m, long offset, X87Value v) {
        store(m, offset, v);
    }

    private static void store(MemorySegment m, long offset, X87Value v) {
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, v.significand());
        m.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 8, (short) v.signExponent());
        m.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 10, (short) 0);
        m.set(ValueLayout.JAVA_INT_UNALIGNED, offset + 12, 0);
    }
}
