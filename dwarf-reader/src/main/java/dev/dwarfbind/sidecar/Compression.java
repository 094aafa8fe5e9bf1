package dev.dwarfbind.sidecar;

/**
 * How a sidecar stores its {@code .debug_*} sections: as they are, or as {@code SHF_COMPRESSED}
 * sections behind an {@code Elf_Chdr}, which {@code llvm-dwarfdump}, gdb, lldb and
 * {@link dev.dwarfbind.elf.ElfFile} all inflate.
 */
public enum Compression {
    /** Uncompressed. */
    NONE(0),
    /** {@code ELFCOMPRESS_ZLIB}: a zlib stream, as {@code -gz=zlib} writes. */
    ZLIB(1),
    /** {@code ELFCOMPRESS_ZSTD}: a zstd frame, as {@code -gz=zstd} writes. */
    ZSTD(2);

    private final int chType;

    Compression(int chType) {
        this.chType = chType;
    }

    /** The {@code ch_type} of the {@code Elf_Chdr}; 0 for {@link #NONE}. */
    public int chType() {
        return chType;
    }
}
