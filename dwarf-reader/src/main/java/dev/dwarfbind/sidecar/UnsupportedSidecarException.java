package dev.dwarfbind.sidecar;

/**
 * A type system that cannot be written as DWARF the reader would read back unchanged: the message
 * names the type (by id and C name) or declaration and what about it cannot be expressed.
 */
public final class UnsupportedSidecarException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public UnsupportedSidecarException(String message) {
        super(message);
    }
}
