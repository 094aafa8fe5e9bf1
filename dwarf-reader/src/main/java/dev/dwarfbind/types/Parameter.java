package dev.dwarfbind.types;

import java.util.Objects;

/**
 * One declared parameter of a function type.
 *
 * @param name the parameter's name, or {@code null} where the debug info has none (function
 *             pointer types usually)
 * @param type id of the parameter's type
 */
public record Parameter(String name, int type) {

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Parameter o
                && Objects.equals(name, o.name)
                && type == o.type;
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(name) + type;
    }
}
