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
}
