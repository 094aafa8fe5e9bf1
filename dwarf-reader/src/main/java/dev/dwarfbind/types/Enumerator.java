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
}
