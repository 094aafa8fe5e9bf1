package dev.dwarfbind.types;

/** C's {@code void}: the return type of a procedure and the pointee of a generic pointer. */
public record VoidType() implements CType {
}
