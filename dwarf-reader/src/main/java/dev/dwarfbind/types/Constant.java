package dev.dwarfbind.types;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A named compile-time constant of a library: an enumerator of any enum the debug info holds
 * (also of anonymous enums no export reaches, such as GSL's {@code GSL_SUCCESS}), or a macro
 * whose body is a literal, read from {@code .debug_macro} or a header.
 *
 * @param name  the constant's name
 * @param value a {@link BigInteger} for integers, a {@link Double} for floating constants, a
 *              {@link String} for string literals
 * @param type  id of its C type (the enum for an enumerator), or {@link TypeSystem#NO_TYPE}
 */
public record Constant(String name, Object value, int type) {
    public Constant {
        Objects.requireNonNull(name, "name");
        if (!(value instanceof BigInteger || value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException("constant " + name + " has value " + value
                    + ": a constant is a BigInteger, a Double or a String");
        }
    }

    /** The value as a {@code long}; fails for a non-integer or one outside the {@code long} range. */
    public long longValue() {
        if (!(value instanceof BigInteger b)) throw new IllegalStateException("constant " + name + " is not an integer: " + value);
        if (b.bitLength() > 63) {
            // A 64-bit unsigned constant above Long.MAX_VALUE: its bit pattern, as C would store it.
            if (b.signum() > 0 && b.bitLength() == 64) return b.longValue();
            throw new IllegalStateException("constant " + name + " = " + b + " does not fit a long");
        }
        return b.longValue();
    }

    /** The value as an {@code int}; fails for a non-integer or one outside the {@code int} range. */
    public int intValue() {
        long v = longValue();
        if (v != (int) v) throw new IllegalStateException("constant " + name + " = " + value + " does not fit an int");
        return (int) v;
    }
}
