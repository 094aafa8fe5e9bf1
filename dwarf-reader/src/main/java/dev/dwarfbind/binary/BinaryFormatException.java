package dev.dwarfbind.binary;

import java.nio.file.Path;

/**
 * A binary file is malformed or uses something dwarfbind does not read. The message always names
 * the file, the section and the offset within that section where the problem was seen.
 */
public final class BinaryFormatException extends RuntimeException {
    private final Path file;
    private final String section;
    private final long offset;

    /**
     * @param file    the file being read (may be {@code null} for in-memory data)
     * @param section the section or structure, e.g. {@code ".debug_info"} or {@code "ELF header"}
     * @param offset  the offset within that section, or -1 if none applies
     * @param problem what is wrong, phrased for a user
     */
    public BinaryFormatException(Path file, String section, long offset, String problem) {
        super(format(file, section, offset, problem));
        this.file = file;
        this.section = section;
        this.offset = offset;
    }

    /** The same error, caused by another (e.g. a decompression failure). */
    public BinaryFormatException(Path file, String section, long offset, String problem, Throwable cause) {
        super(format(file, section, offset, problem), cause);
        this.file = file;
        this.section = section;
        this.offset = offset;
    }

    private static String format(Path file, String section, long offset, String problem) {
        var sb = new StringBuilder();
        sb.append(file == null ? "<memory>" : file.toString());
        if (section != null) sb.append(": ").append(section);
        if (offset >= 0) sb.append(" at offset 0x").append(Long.toHexString(offset));
        return sb.append(": ").append(problem).toString();
    }

    /** The file, or {@code null}. */
    public Path file() {
        return file;
    }

    /** The section or structure name. */
    public String section() {
        return section;
    }

    /** The offset within the section, or -1. */
    public long offset() {
        return offset;
    }
}
