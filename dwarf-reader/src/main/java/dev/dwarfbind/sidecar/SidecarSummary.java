package dev.dwarfbind.sidecar;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SidecarWriter} wrote.
 *
 * @param file        the sidecar
 * @param buildId     the build-id it carries (the library's), lower-case hex, or {@code null} if
 *                    the library has none; for a PE image, the identity its note carries: the
 *                    PDB's GUID and age as a symbol server keys them, or (an image without a
 *                    CodeView record) the SHA-256 of its code in hex
 * @param compression how the debug sections were asked to be stored
 * @param fileSize    size of the sidecar in bytes
 * @param sections    the debug sections, with their sizes before and after compression
 * @param functions   exported functions described
 * @param variables   exported variables described
 * @param types       types in the type system written (ids, {@code void} included)
 */
public record SidecarSummary(Path file, String buildId, Compression compression, long fileSize,
                             List<SectionSize> sections, int functions, int variables, int types) {
    /**
     * One debug section's size.
     *
     * @param name       the section name
     * @param size       its DWARF contents in bytes
     * @param storedSize bytes it takes in the file ({@code Elf_Chdr} included when compressed)
     */
    public record SectionSize(String name, long size, long storedSize) {
    }

    /** Copies {@code sections}. */
    public SidecarSummary {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(compression, "compression");
        sections = List.copyOf(sections);
    }

    /** Bytes of DWARF, uncompressed, over all debug sections. */
    public long debugBytes() {
        return sections.stream().mapToLong(SectionSize::size).sum();
    }

    /** Bytes the debug sections take in the file. */
    public long storedDebugBytes() {
        return sections.stream().mapToLong(SectionSize::storedSize).sum();
    }
}
