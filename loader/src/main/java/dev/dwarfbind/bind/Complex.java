package dev.dwarfbind.bind;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A C {@code _Complex} value: {@code real + imaginary·i}. A {@code _Complex long double} result has
 * {@link BigDecimal} parts holding the long doubles exactly (or {@code Double} for infinities, NaN and
 * negative zero); as an argument either part may be any {@code Number}, converted as a {@code long double}
 * argument is.
 *
 * @param real      the real part
 * @param imaginary the imaginary part
 */
public record Complex(Number real, Number imaginary) {
    public Complex {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(imaginary, "imaginary");
    }

    /** A complex of two doubles. */
    public static Complex of(double real, double imaginary) {
        return new Complex(real, imaginary);
    }
}
