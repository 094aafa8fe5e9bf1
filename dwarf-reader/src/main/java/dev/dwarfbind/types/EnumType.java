package dev.dwarfbind.types;

import java.util.Objects;
import java.util.List;

/**
 * An enum.
 *
 * @param tag        the tag, or {@code null} for an anonymous enum
 * @param underlying id of the integer type that holds the values, or {@link TypeSystem#NO_TYPE}
 *                   when the debug info does not say (then {@code byteSize} and {@code signed} do)
 * @param byteSize   size in bytes (1, 2, 4 or 8); 0 for a forward-declared enum
 * @param alignment  alignment in bytes
 * @param signed     whether values are read as signed
 * @param values     the constants in declaration order
 * @param complete   {@code false} for an enum only ever declared
 */
public record EnumType(String tag, int underlying, int byteSize, int alignment, boolean signed,
                       List<Enumerator> values, boolean complete) implements CType {
    public EnumType {
        values = List.copyOf(values);
        if (byteSize < 0) throw new IllegalArgumentException("enum " + tag + " has size " + byteSize);
        if (alignment <= 0) throw new IllegalArgumentException("enum " + tag + " has alignment " + alignment);
    }

    /** The constant called {@code name}, or {@code null}. */
    public Enumerator value(String name) {
        for (Enumerator e : values) {
            if (e.name().equals(name)) return e;
        }
        return null;
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof EnumType o
                && Objects.equals(tag, o.tag)
                && underlying == o.underlying
                && byteSize == o.byteSize
                && alignment == o.alignment
                && signed == o.signed
                && values.equals(o.values)
                && complete == o.complete;
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(tag);
        h = 31 * h + underlying;
        h = 31 * h + byteSize;
        h = 31 * h + alignment;
        h = 31 * h + Boolean.hashCode(signed);
        h = 31 * h + values.hashCode();
        h = 31 * h + Boolean.hashCode(complete);
        return h;
    }
}
