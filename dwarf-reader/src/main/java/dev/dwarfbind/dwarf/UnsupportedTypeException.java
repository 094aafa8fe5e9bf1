package dev.dwarfbind.dwarf;

/**
 * A type DIE that is well-formed DWARF but has no counterpart in dwarfbind's C type system (a C++
 * pointer-to-member, a fixed-point base type, ...). The function or variable that needs it is
 * listed as untyped with this message as the reason; the rest of the library still loads.
 */
final class UnsupportedTypeException extends RuntimeException {
    UnsupportedTypeException(String message) {
        super(message);
    }
}
