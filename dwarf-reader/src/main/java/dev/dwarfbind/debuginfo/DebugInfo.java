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
    private final Path debugFile;
    private final List<Export> exports;
    private final DwarfTypeReader reader;

    private DebugInfo(ElfFile elf, Path debugFile, List<Export> exports, DwarfTypeReader reader) {
        this.elf = elf;
        this.debugFile = debugFile;
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
        return open(path, List.of());
    }

    /**
     * Opens the library at {@code path}; if it carries no DWARF itself (a stripped library), finds
     * its separate debug file or light-DWARF sidecar, also in {@code sidecarDirs} (see
     * {@link DebugFileLocator} for every place looked at). A debug file is used only if its
     * build-id is the library's.
     *
     * @throws BuildIdMismatchException if debug files were found but none matches the library
     * @throws NoDebugInfoException     if there is no usable debug info, naming the places looked at
     */
    public static DebugInfo open(Path path, List<Path> sidecarDirs) throws IOException {
        ElfFile elf = ElfFile.open(path);
        if (DwarfSections.of(elf).hasInfo()) return of(elf, elf);
        DebugFileLocator.Result found = DebugFileLocator.find(elf, sidecarDirs);
        if (found.debugFile().isPresent()) return of(elf, found.debugFile().get());
        String msg = noDebugInfo(elf) + " Looked for a separate debug file or sidecar at: " + String.join(", ", found.lookedAt());
        if (!found.refused().isEmpty()) {
            throw new BuildIdMismatchException(path + ": no matching debug file; refused " + String.join("; ", found.refused()));
        }
        throw new NoDebugInfoException(msg);
    }

    /**
     * Reads a library image already in memory; {@code name} is used in messages only.
     *
     * @throws NoDebugInfoException if it has no debug info dwarfbind can read
     * @throws dev.dwarfbind.binary.BinaryFormatException if it is malformed
     */
    public static DebugInfo read(Path name, byte[] image) throws NoDebugInfoException {
        ElfFile elf = ElfFile.of(name, image);
        return of(elf, elf);
    }

    /** The library {@code elf} with its DWARF read from {@code debug} (itself, or a separate file). */
    private static DebugInfo of(ElfFile elf, ElfFile debug) throws NoDebugInfoException {
        Path path = debug.path();
        DwarfSections sections = DwarfSections.of(debug);
        if (!sections.hasInfo()) throw new NoDebugInfoException(noDebugInfo(debug));
        var reader = new DwarfTypeReader(sections, elf.target());
        if (!reader.hasTypes()) {
            if (!reader.splitUnits().isEmpty()) {
                throw new NoDebugInfoException(path + ": the library uses split DWARF; its types are in "
                        + reader.splitUnits() + ", which dwarfbind does not read yet");
            }
            throw new NoDebugInfoException(path + ": .debug_info has " + reader.unitCount()
                    + " units but describes no function, variable or type");
        }
        return new DebugInfo(elf, debug.path(), exports(elf), reader);
    }

    private static String noDebugInfo(ElfFile elf) {
        var sb = new StringBuilder(elf.path().toString()).append(": no DWARF debug info (looked for .debug_info, .zdebug_info and .debug_types");
        sb.append("; build-id ").append(elf.buildId().orElse("absent"));
        elf.debugLink().ifPresent(l -> sb.append("; .gnu_debuglink names ").append(l.fileName()));
        return sb.append("). Rebuild with -g, or put its debug file or sidecar (dwarfbind sidecar) next to it.").toString();
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

    /** The file the DWARF was read from: the library itself, or its separate debug file or sidecar. */
    public Path debugFile() {
        return debugFile;
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
