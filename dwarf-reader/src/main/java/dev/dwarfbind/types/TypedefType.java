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
}
