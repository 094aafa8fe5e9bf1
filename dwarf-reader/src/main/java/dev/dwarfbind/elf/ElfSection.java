package dev.dwarfbind.elf;

/**
 * One section header.
 *
 * @param index  index in the section header table
 * @param name   the section name from {@code .shstrtab}
 * @param type   {@code sh_type} ({@link #SHT_NOBITS}, {@link #SHT_NOTE}, ...)
 * @param flags  {@code sh_flags}
 * @param addr   virtual address when loaded
 * @param offset file offset of the contents
 * @param size   size in the file (or in memory, for NOBITS)
 * @param link   {@code sh_link}
 * @param info   {@code sh_info}
 * @param entsize size of one entry for table sections
 */
public record ElfSection(int index, String name, int type, long flags, long addr, long offset, long size,
                         int link, int info, long entsize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOTE = 7;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;
    public static final int SHT_GNU_VERDEF = 0x6ffffffd;
    public static final int SHT_GNU_VERNEED = 0x6ffffffe;
    public static final int SHT_GNU_VERSYM = 0x6fffffff;
    /** Section holds compressed data behind an {@code Elf_Chdr}. */
    public static final long SHF_COMPRESSED = 0x800;

    /** Whether the section's contents are compressed ({@code SHF_COMPRESSED}). */
    public boolean compressed() {
        return (flags & SHF_COMPRESSED) != 0;
    }
}
