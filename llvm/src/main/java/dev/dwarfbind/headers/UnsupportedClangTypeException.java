package dev.dwarfbind.headers;

/**
 * A declaration needs a C type the type system cannot hold (a vector, a block pointer, a
 * variable-length array, a type libclang does not expose). The declaration is listed as untyped
 * with this message as the reason; the rest of the headers are read.
 */
final class UnsupportedClangTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedClangTypeException(String message) {
        super(message);
    }
}
