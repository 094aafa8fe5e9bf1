package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.pe.PeFile;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The DWARF sections of one file (ELF, or a PE image built by MinGW), each an empty window when absent. A section is fetched (and, if
 * compressed, inflated) only when first asked for: compressed sections the reader never uses cost
 * nothing, and the ones it uses count against the file's inflation budget (see
 * {@link ElfFile#contents(String)}).
 *
 * <p>Not thread-safe, like the reader that uses it.
 */
public final class DwarfSections {
    private final Path file;
    private final ByteOrder order;
    private final Function<String, Optional<Bytes>> contents;
    private final Predicate<String> present;
    private final Map<String, Bytes> loaded = new HashMap<>();
    /** The ELF file read, or {@code null} for a PE image. */
    private final ElfFile elf;
    /** Appended to every section name: {@code ".dwo"} in split-DWARF files. */
    private final String suffix;
    private DwarfSections supplementary;
    /**
     * The sections asked for so far, each fetched through {@link #get} once: the reader asks for
     * {@code .debug_str} and {@code .debug_str_offsets} for every name it decodes, and a map
     * look-up under a concatenated name per string cost a tenth of typing glibc.
     */
    private Bytes cInfo, cAbbrev, cStr, cLineStr, cStrOffsets, cAddr, cRanges, cRnglists, cAranges, cLine, cMacro,
            cMacinfo, cTypes;
    /** {@code .debug_str}'s strings decoded so far. */
    private StringTable strings;

    private DwarfSections(Path file, ByteOrder order, Function<String, Optional<Bytes>> contents, Predicate<String> present,
                          ElfFile elf, String suffix) {
        this.file = file;
        this.order = order;
        this.contents = contents;
        this.present = present;
        this.elf = elf;
        this.suffix = suffix;
    }

    /** The DWARF sections of an ELF file; compressed ones are inflated when first used. */
    public static DwarfSections of(ElfFile elf) {
        return new DwarfSections(elf.path(), elf.order(), elf::contents, elf::hasContents, elf, "");
    }

    /** The sections of a split-DWARF file ({@code .dwo} or {@code .dwp}): {@code .debug_info.dwo} and so on. */
    static DwarfSections ofSplit(ElfFile elf) {
        return new DwarfSections(elf.path(), elf.order(), elf::contents, elf::hasContents, elf, ".dwo");
    }

    /**
     * The DWARF sections of a PE image (MinGW writes them under their ELF names, through the COFF
     * string table); PE files are little-endian and hold no compressed sections.
     */
    public static DwarfSections of(PeFile pe) {
        return new DwarfSections(pe.path(), ByteOrder.LITTLE_ENDIAN, pe::contents, pe::hasContents, null, "");
    }

    /** A {@code .dwp} package's unit index, {@code .debug_cu_index} or {@code .debug_tu_index}; empty if absent. */
    Bytes unitIndex(String name) {
        return loaded.computeIfAbsent(name, n -> contents.apply(n).orElseGet(() -> Bytes.empty(order, file, n)));
    }

    /**
     * Attaches the sections of this file's supplementary file ({@link SupplementaryLink}), which
     * its {@code DW_FORM_GNU_ref_alt}/{@code strp_alt} and {@code ref_sup}/{@code strp_sup}
     * forms point into. The caller has checked the supplementary file's build-id.
     */
    public void attachSupplementary(DwarfSections sup) {
        if (sup == this) throw new IllegalArgumentException("a file cannot be its own supplementary file");
        this.supplementary = sup;
    }

    /** The supplementary file's sections, or {@code null} if none was attached. */
    DwarfSections supplementary() {
        return supplementary;
    }

    /** The ELF file the sections are read from, or {@code null} for a PE image. */
    public ElfFile elf() {
        return elf;
    }

    /** Whether the PE image {@code pe} carries DWARF, judged by its section table alone. */
    public static boolean present(PeFile pe) {
        return pe.hasContents(".debug_info") || pe.hasContents(".debug_types");
    }

    private Bytes get(String name) {
        return loaded.computeIfAbsent(name + suffix, n -> contents.apply(n).orElseGet(() -> Bytes.empty(order, file, n)));
    }

    /** Whether these are a split-DWARF file's ({@code .dwo} or {@code .dwp}) sections. */
    boolean isSplit() {
        return !suffix.isEmpty();
    }

    /** The file the sections came from, for messages. */
    public Path file() {
        return file;
    }

    /** {@code .debug_info}. */
    public Bytes info() {
        Bytes b = cInfo;
        return b != null ? b : (cInfo = get(".debug_info"));
    }

    /** {@code .debug_abbrev}. */
    public Bytes abbrev() {
        Bytes b = cAbbrev;
        return b != null ? b : (cAbbrev = get(".debug_abbrev"));
    }

    /** {@code .debug_str}. */
    public Bytes str() {
        Bytes b = cStr;
        return b != null ? b : (cStr = get(".debug_str"));
    }

    /** The string at {@code offset} of {@code .debug_str}, decoded once however often it is asked for. */
    String string(long offset) {
        StringTable t = strings;
        if (t == null) strings = t = new StringTable(str());
        return t.at(offset);
    }

    /** {@code .debug_line_str}. */
    public Bytes lineStr() {
        Bytes b = cLineStr;
        return b != null ? b : (cLineStr = get(".debug_line_str"));
    }

    /** {@code .debug_str_offsets}. */
    public Bytes strOffsets() {
        Bytes b = cStrOffsets;
        return b != null ? b : (cStrOffsets = get(".debug_str_offsets"));
    }

    /** {@code .debug_addr}. */
    public Bytes addr() {
        Bytes b = cAddr;
        return b != null ? b : (cAddr = get(".debug_addr"));
    }

    /** {@code .debug_ranges} (DWARF 2–4). */
    public Bytes ranges() {
        Bytes b = cRanges;
        return b != null ? b : (cRanges = get(".debug_ranges"));
    }

    /** {@code .debug_rnglists} (DWARF 5). */
    public Bytes rnglists() {
        Bytes b = cRnglists;
        return b != null ? b : (cRnglists = get(".debug_rnglists"));
    }

    /** {@code .debug_aranges}: which unit holds the code at an address. */
    public Bytes aranges() {
        Bytes b = cAranges;
        return b != null ? b : (cAranges = get(".debug_aranges"));
    }

    /** {@code .debug_line}: only its headers' file tables are read, for macros' files. */
    public Bytes line() {
        Bytes b = cLine;
        return b != null ? b : (cLine = get(".debug_line"));
    }

    /** {@code .debug_macro} (DWARF 5, and GNU's version 4 that gcc {@code -g3} writes for DWARF 4). */
    public Bytes macro() {
        Bytes b = cMacro;
        return b != null ? b : (cMacro = get(".debug_macro"));
    }

    /** {@code .debug_macinfo} (DWARF 2–4). */
    public Bytes macinfo() {
        Bytes b = cMacinfo;
        return b != null ? b : (cMacinfo = get(".debug_macinfo"));
    }

    /** {@code .debug_types} (DWARF 4 type units). */
    public Bytes types() {
        Bytes b = cTypes;
        return b != null ? b : (cTypes = get(".debug_types"));
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
        return order;
    }

    /** Whether there is any DWARF to read, decided without inflating anything. */
    public boolean hasInfo() {
        return present.test(".debug_info") || present.test(".debug_types");
    }
}
