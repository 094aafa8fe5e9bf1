package dev.dwarfbind.types;

/**
 * A data or function pointer.
 *
 * @param pointee  id of the pointed-to type ({@link VoidType} for {@code void *})
 * @param byteSize size of the pointer in bytes
 */
public record PointerType(int pointee, int byteSize) implements CType {
    public PointerType {
        if (byteSize <= 0) throw new IllegalArgumentException("pointer has size " + byteSize);
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof PointerType o
                && pointee == o.pointee
                && byteSize == o.byteSize;
    }

    @Override
    public int hashCode() {
        return 31 * pointee + byteSize;
    }
}
