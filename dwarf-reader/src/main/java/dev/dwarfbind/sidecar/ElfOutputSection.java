package dev.dwarfbind.sidecar;

import java.util.Objects;

/**
 * One section of an ELF file being written.
 *
 * @param name      the name, entered into {@code .shstrtab}
 * @param type      {@code sh_type}
 * @param flags     {@code sh_flags}
 * @param address   {@code sh_addr}
 * @param alignment {@code sh_addralign}; the contents are placed at a file offset that is a
 *                  multiple of it
 * @param entrySize {@code sh_entsize}
 * @param contents  the bytes
 * @param link      {@code sh_link}: the index of a related section (a symbol table's strings)
 * @param info      {@code sh_info}
 */
record ElfOutputSection(String name, int type, long flags, long address, int alignment, long entrySize,
                        byte[] contents, int link, int info) {
    static final int SHT_PROGBITS = 1;
    static final int SHT_STRTAB = 3;
    static final int SHT_NOTE = 7;
    static final long SHF_ALLOC = 0x2;
    static final long SHF_MERGE = 0x10;
    static final long SHF_STRINGS = 0x20;
    static final long SHF_COMPRESSED = 0x800;

    ElfOutputSection {
        Objects.requireNonNull(name, "name");
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) throw new IllegalArgumentException("alignment " + alignment);
        contents = contents.clone();
    }

    /** A section that links to no other. */
    ElfOutputSection(String name, int type, long flags, long address, int alignment, long entrySize, byte[] contents) {
        this(name, type, flags, address, alignment, entrySize, contents, 0, 0);
    }
}
