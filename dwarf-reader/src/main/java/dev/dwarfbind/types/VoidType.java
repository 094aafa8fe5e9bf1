package dev.dwarfbind.types;

/** C's {@code void}: the return type of a procedure and the pointee of a generic pointer. */
public record VoidType() implements CType {

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return other instanceof VoidType;
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
