package dev.dwarfbind.llvm.debuginfo;

/**
 * A module's debug metadata is missing or is not what the converter can read: no debug info at all
 * (compiled without {@code -g}), or a node where another kind was expected (naming the node as LLVM
 * prints it). Types that are valid but beyond what dwarfbind supports do not throw this: the export
 * that needs them is left untyped with the reason, as with DWARF.
 */
public final class DebugMetadataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception saying {@code message}. */
    public DebugMetadataException(String message) {
        super(message);
    }
}
