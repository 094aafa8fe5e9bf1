package dev.dwarfbind.llvm.debuginfo;

/** A type valid in C that dwarfbind cannot hold (a vector, an integer of 200 bits): its exports become untyped. */
final class UnsupportedMetadataTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedMetadataTypeException(String message) {
        super(message);
    }
}
