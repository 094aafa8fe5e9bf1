package dev.dwarfbind.types;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One constant of an enum.
 *
 * @param name  the constant's name
 * @param value its value; a {@link BigInteger} so that constants of 64-bit unsigned enums keep
 *              their true value
 */
public record Enumerator(String name, BigInteger value) {
    public Enumerator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Enumerator o
                && name.equals(o.name)
                && value.equals(o.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + value.hashCode();
    }
}
