package dev.dwarfbind.binary;

import java.nio.file.Path;

/**
 * A well-formed file uses something dwarfbind does not read yet (split DWARF, dwz supplementary
 * files, ...). Distinct from {@link BinaryFormatException}, which means the file is corrupt: this
 * one means the file is fine and dwarfbind is what falls short. The message names the file, the
 * section and offset where the feature was met, and the feature.
 */
public final class UnsupportedFeatureException extends RuntimeException {
    private final Path file;
    private final String feature;

    /**
     * @param file    the file being read (may be {@code null} for in-memory data)
     * @param where   the section or structure and offset, e.g. {@code ".debug_info at offset 0x2a"}, or {@code null}
     * @param feature what is not supported, phrased for a user
     */
    public UnsupportedFeatureException(Path file, String where, String feature) {
        super((file == null ? "<memory>" : file.toString()) + (where == null ? "" : ": " + where) + ": " + feature);
        this.file = file;
        this.feature = feature;
    }

    /** The file, or {@code null}. */
    public Path file() {
        return file;
    }

    /** What is not supported. */
    public String feature() {
        return feature;
    }
}
