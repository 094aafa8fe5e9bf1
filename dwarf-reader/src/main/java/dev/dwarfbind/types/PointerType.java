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
}
