package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.elf.ElfFile;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The DWARF sections of one file, each an empty window when absent. Containers other than ELF
 * (PE's long section names, Mach-O's {@code __debug_*}) fill the same record.
 *
 * @param file the file the sections came from, for messages
 */
public record DwarfSections(Path file, Bytes info, Bytes abbrev, Bytes str, Bytes lineStr, Bytes strOffsets,
                            Bytes addr, Bytes ranges, Bytes rnglists, Bytes types) {

    /** The DWARF sections of an ELF file, inflating compressed ones. */
    public static DwarfSections of(ElfFile elf) {
        return new DwarfSections(elf.path(),
                get(elf, ".debug_info"), get(elf, ".debug_abbrev"), get(elf, ".debug_str"),
                get(elf, ".debug_line_str"), get(elf, ".debug_str_offsets"), get(elf, ".debug_addr"),
                get(elf, ".debug_ranges"), get(elf, ".debug_rnglists"), get(elf, ".debug_types"));
    }

    private static Bytes get(ElfFile elf, String name) {
        return elf.contents(name).orElseGet(() -> Bytes.empty(elf.order(), elf.path(), name));
    }

    /**
     * Whether {@code elf} has DWARF to read, judged by its section headers alone: nothing is
     * read or inflated, so this is cheap enough for opening a library.
     */
    public static boolean present(ElfFile elf) {
        for (String name : new String[]{".debug_info", ".zdebug_info", ".debug_types"}) {
            var s = elf.section(name);
            if (s.isPresent() && s.get().size() > 0 && s.get().type() != dev.dwarfbind.elf.ElfSection.SHT_NOBITS) return true;
        }
        return false;
    }

    /** The byte order of the data. */
    public ByteOrder order() {
        return info.order();
    }

    /** Whether there is any DWARF to read. */
    public boolean hasInfo() {
        return info.size() > 0 || types.size() > 0;
    }
}
