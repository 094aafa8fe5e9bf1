package dev.dwarfbind.debuginfo;

import dev.dwarfbind.dwarf.DwarfSections;
import dev.dwarfbind.dwarf.DwarfTypeReader;
import dev.dwarfbind.dwarf.Export;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSymbol;
import dev.dwarfbind.types.TypeSystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A library's debug information, ready to be turned into types.
 *
 * <pre>{@code
 * DebugInfo info = DebugInfo.open(Path.of("libz.so"));
 * TypeSystem all = info.typeSystem();                       // every export and named type
 * TypeSystem one = info.typeSystem(Set.of("compress2"));    // only what compress2 needs
 * }</pre>
 *
 * <p>Not thread-safe (type systems it returns are).
 */
public final class DebugInfo {
    private final ElfFile elf;
    private final List<Export> exports;
    private final DwarfTypeReader reader;

    private DebugInfo(ElfFile elf, List<Export> exports, DwarfTypeReader reader) {
        this.elf = elf;
        this.exports = exports;
        this.reader = reader;
    }

    /**
     * Opens the library at {@code path} and indexes its debug information.
     *
     * @throws NoDebugInfoException if it has none dwarfbind can read
     * @throws IOException          if it cannot be read
     * @throws dev.dwarfbind.binary.BinaryFormatException if it is malformed
     */
    public static DebugInfo open(Path path) throws IOException {
        return of(ElfFile.open(path));
    }

    /**
     * Reads a library image already in memory; {@code name} is used in messages only.
     *
     * @throws NoDebugInfoException if it has no debug info dwarfbind can read
     * @throws dev.dwarfbind.binary.BinaryFormatException if it is malformed
     */
    public static DebugInfo read(Path name, byte[] image) throws NoDebugInfoException {
        return of(ElfFile.of(name, image));
    }

    private static DebugInfo of(ElfFile elf) throws NoDebugInfoException {
        Path path = elf.path();
        DwarfSections sections = DwarfSections.of(elf);
        if (!sections.hasInfo()) throw new NoDebugInfoException(noDebugInfo(elf));
        var reader = new DwarfTypeReader(sections, elf.target());
        if (!reader.hasTypes()) {
            if (!reader.splitUnits().isEmpty()) {
                throw new NoDebugInfoException(path + ": the library uses split DWARF; its types are in "
                        + reader.splitUnits() + ", which dwarfbind does not read yet");
            }
            throw new NoDebugInfoException(path + ": .debug_info has " + reader.unitCount()
                    + " units but describes no function, variable or type");
        }
        return new DebugInfo(elf, exports(elf), reader);
    }

    private static String noDebugInfo(ElfFile elf) {
        var sb = new StringBuilder(elf.path().toString()).append(": no DWARF debug info (looked for .debug_info, .zdebug_info and .debug_types");
        sb.append("; build-id ").append(elf.buildId().orElse("absent"));
        elf.debugLink().ifPresent(l -> sb.append("; .gnu_debuglink names ").append(l.fileName())
                .append(", a separate debug file, which dwarfbind does not follow yet"));
        return sb.append("). Rebuild with -g or pass the library's debug file.").toString();
    }

    /**
     * The exported symbols: defined, global or weak, default or protected visibility, code or
     * data, from {@code .dynsym} (or {@code .symtab} for a file without one). Where a name has
     * several versions the default one ({@code name@@V}) is kept: that is the one {@code dlsym}
     * binds.
     */
    static List<Export> exports(ElfFile elf) {
        List<ElfSymbol> syms = elf.dynamicSymbols();
        if (syms.isEmpty()) syms = elf.staticSymbols();
        var byName = new LinkedHashMap<String, ElfSymbol>();
        for (ElfSymbol s : syms) {
            if (!s.exported() || !(s.isFunction() || s.isData()) || s.name().isEmpty()) continue;
            // GNU ld defines each version name as an absolute symbol of that name: not an export.
            if (s.name().equals(s.version())) continue;
            ElfSymbol old = byName.get(s.name());
            if (old == null || !old.defaultVersion() && s.defaultVersion()) byName.put(s.name(), s);
        }
        var out = new ArrayList<Export>(byName.size());
        for (ElfSymbol s : byName.values()) {
            out.add(new Export(s.name(), s.value(), s.size(), s.isFunction(), s.type() == ElfSymbol.STT_TLS,
                    s.type() == ElfSymbol.STT_GNU_IFUNC, s.binding() == ElfSymbol.STB_WEAK, s.version()));
        }
        return List.copyOf(out);
    }

    /** The library's path. */
    public Path path() {
        return elf.path();
    }

    /** The container, for callers that need sections or symbols. */
    public ElfFile elf() {
        return elf;
    }

    /** The GNU build-id, if any. */
    public Optional<String> buildId() {
        return elf.buildId();
    }

    /** The exported symbols the type system is built for. */
    public List<Export> exports() {
        return exports;
    }

    /** The type system of every export plus every named type in the debug info. */
    public TypeSystem typeSystem() {
        return reader.read(exports, n -> true, true);
    }

    /** The type system of the named exports only (functions or variables) and the types they reach. */
    public TypeSystem typeSystem(Collection<String> names) {
        Set<String> wanted = Set.copyOf(names);
        return reader.read(exports, wanted::contains, false);
    }
}
