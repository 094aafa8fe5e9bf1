package dev.dwarfbind.types;

import java.util.Objects;

/**
 * A base type: integer, character, boolean or floating point.
 *
 * @param name      the C spelling, e.g. {@code "unsigned long"} or {@code "long double"}
 * @param kind      how the bits are interpreted
 * @param byteSize  size in bytes ({@code long double} on x86-64 is 16: 10 bytes of value plus padding)
 * @param alignment alignment in bytes under the library's ABI
 * @param signed    whether an integer kind is signed; for {@link ScalarKind#CHAR} this is the
 *                  platform's choice, for floating kinds it is {@code true}
 */
public record ScalarType(String name, ScalarKind kind, int byteSize, int alignment, boolean signed)
        implements CType {
    public ScalarType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (byteSize <= 0) throw new IllegalArgumentException("scalar " + name + " has size " + byteSize);
        if (alignment <= 0) throw new IllegalArgumentException("scalar " + name + " has alignment " + alignment);
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ScalarType o
                && name.equals(o.name)
                && kind.equals(o.kind)
                && byteSize == o.byteSize
                && alignment == o.alignment
                && signed == o.signed;
    }

    @Override
    public int hashCode() {
        int h = name.hashCode();
        h = 31 * h + kind.hashCode();
        h = 31 * h + byteSize;
        h = 31 * h + alignment;
        h = 31 * h + Boolean.hashCode(signed);
        return h;
    }
}
