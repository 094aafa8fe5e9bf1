package dev.dwarfbind.macro;

import java.math.BigInteger;

/**
 * An intermediate value of a constant expression.
 *
 * @param integer the value of an integer type (within its range), else {@code null}
 * @param real    the value of a floating type
 * @param string  the bytes of a string literal as text, else {@code null}
 * @param type    its type; {@code null} for a string
 */
record Value(BigInteger integer, double real, String string, ArithmeticType type) {
    static Value of(BigInteger v, ArithmeticType t) {
        return new Value(v, 0, null, t);
    }

    static Value of(double v, ArithmeticType t) {
        return new Value(null, v, null, t);
    }

    static Value string(String s) {
        return new Value(null, 0, s, null);
    }

    boolean isString() {
        return string != null;
    }

    boolean isFloating() {
        return type != null && type.floating();
    }

    /** Whether the value compares unequal to 0. */
    boolean truth() {
        return isFloating() ? real != 0 : integer.signum() != 0;
    }

    double asDouble() {
        return isFloating() ? real : integer.doubleValue();
    }
}
