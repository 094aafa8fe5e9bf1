package dev.dwarfbind.types;

import java.util.Objects;

/**
 * A typedef name.
 *
 * @param name   the new name
 * @param target id of the type it stands for
 */
public record TypedefType(String name, int target) implements CType {
    public TypedefType {
        Objects.requireNonNull(name, "name");
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof TypedefType o
                && name.equals(o.name)
                && target == o.target;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + target;
    }
}
