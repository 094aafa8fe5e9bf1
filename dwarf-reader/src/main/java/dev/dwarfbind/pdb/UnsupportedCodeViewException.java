package dev.dwarfbind.pdb;

/**
 * A valid CodeView type dwarfbind does not turn into a C type (a C++ class with bases or methods,
 * a 16-bit pointer, a type nesting too deep): the export needing it is listed as untyped with
 * this message as the reason, and the rest of the library is still read.
 */
final class UnsupportedCodeViewException extends RuntimeException {
    UnsupportedCodeViewException(String reason) {
        super(reason, null, false, false);
    }
}
