package dev.dwarfbind.sidecar;

import java.util.Objects;

/**
 * One section the emitter produced, uncompressed.
 *
 * @param name     the ELF section name, e.g. {@code ".debug_info"}
 * @param contents the bytes
 */
public record DebugSection(String name, byte[] contents) {
    /** Copies {@code contents}: a section is immutable. */
    public DebugSection {
        Objects.requireNonNull(name, "name");
        contents = contents.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] contents() {
        return contents.clone();
    }

    /** The size in bytes. */
    public int size() {
        return contents.length;
    }
}
