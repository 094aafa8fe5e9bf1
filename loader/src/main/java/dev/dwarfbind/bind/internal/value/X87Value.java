package dev.dwarfbind.bind.internal.value;

import java.math.BigDecimal;

/**
 * A {@code long double} result as its bits, converted only to what the caller asks for: a bound
 * method returning {@code double} gets the nearest double without ever making a {@link BigDecimal};
 * {@link #exact()} gives the exact value that dynamic calls return.
 */
public final class X87Value extends Number {
    private static final long serialVersionUID = 1L;
    private final long significand;
    private final int signExponent;

    X87Value(long significand, int signExponent) {
        this.significand = significand;
        this.signExponent = signExponent;
    }

    /** The 64-bit significand, its top (integer) bit explicit. */
    public long significand() {
        return significand;
    }

    /** The sign bit (bit 15) and the 15-bit biased exponent. */
    public int signExponent() {
        return signExponent;
    }

    /** The exact value: a {@code BigDecimal}, or a {@code Double} for ±∞, NaN and -0 (see {@link X87}). */
    public Number exact() {
        return X87.exact(significand, signExponent);
    }

    /** The nearest double, ties to even. */
    @Override
    public double doubleValue() {
        int e = signExponent & 0x7fff;
        int e2 = e - 16383;
        if (e != 0 && e != 0x7fff && significand < 0 && e2 >= -1022 && e2 <= 1023) {
            long mantissa = significand >>> 11;   // 53 bits, the top one explicit
            long rest = significand & 0x7ff;
            if (rest > 0x400 || rest == 0x400 && (mantissa & 1) != 0) mantissa++;
            if (mantissa == 1L << 53) {
                mantissa >>>= 1;
                e2++;
                if (e2 > 1023) return (signExponent & 0x8000) != 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            long bits = (long) (signExponent & 0x8000) << 48 | (long) (e2 + 1023) << 52 | mantissa & ((1L << 52) - 1);
            return Double.longBitsToDouble(bits);
        }
        // Infinities, NaN, zero, and what rounds to a double denormal or overflows: through the exact value.
        return X87.decode(significand, signExponent).doubleValue();
    }

    @Override
    public float floatValue() {
        return (float) exact().doubleValue();
    }

    @Override
    public long longValue() {
        Number n = exact();
        return n instanceof BigDecimal b ? b.longValue() : n.longValue();
    }

    @Override
    public int intValue() {
        return (int) longValue();
    }

    @Override
    public String toString() {
        return exact().toString();
    }
}
