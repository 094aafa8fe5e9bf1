package dev.dwarfbind.debuginfo;

import dev.dwarfbind.binary.UnsupportedFeatureException;
import dev.dwarfbind.dwarf.DwarfSections;
import dev.dwarfbind.dwarf.DwarfTypeReader;
import dev.dwarfbind.dwarf.Export;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSymbol;
import dev.dwarfbind.types.TypeSource;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * TypeSystem lazy = info.lazyTypeSystem();                  // each export typed when first asked for
 * }</pre>
 *
 * <p>Opening reads the ELF headers and symbols and finds the debug file; the DWARF itself is
 * inflated and indexed on first use, once. Thread-safe.
 */
public final class DebugInfo {
    private final ElfFile elf;
    private final ElfFile debug;
    private final List<Export> exports;
    private volatile DwarfTypeReader reader;

    private DebugInfo(ElfFile elf, ElfFile debug, List<Export> exports) {
        this.elf = elf;
        this.debug = debug;
        this.exports = exports;
    }

    /**
     * Opens the library at {@code path} and finds its debug information.
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
        if (DwarfSections.present(elf)) return new DebugInfo(elf, elf, exports(elf));
        DebugFileLocator.Result found = DebugFileLocator.find(elf, sidecarDirs);
        if (found.debugFile().isPresent()) {
            ElfFile debug = found.debugFile().get();
            if (!DwarfSections.present(debug)) throw new NoDebugInfoException(noDebugInfo(debug));
            return new DebugInfo(elf, debug, exports(elf));
        }
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
        if (!DwarfSections.present(elf)) throw new NoDebugInfoException(noDebugInfo(elf));
        return new DebugInfo(elf, elf, exports(elf));
    }

    /**
     * The DWARF reader, made on first use: the sections inflated, the units and the index read.
     *
     * @throws NoDebugInfoException if the DWARF describes nothing dwarfbind can use
     * @throws UnsupportedFeatureException if it uses something dwarfbind does not read yet
     */
    private DwarfTypeReader reader() throws NoDebugInfoException {
        DwarfTypeReader r = reader;
        if (r != null) return r;
        synchronized (this) {
            if (reader != null) return reader;
            DwarfSections sections = DwarfSections.of(debug);
            if (!sections.hasInfo()) throw new NoDebugInfoException(noDebugInfo(debug));
            SupplementaryFileLocator.attach(debug, sections);
            r = new DwarfTypeReader(sections, elf.target());
            reader = r;
            return r;
        }
    }

    /** The reader, also checked to describe something: for questions about the whole library. */
    private DwarfTypeReader wholeReader() throws NoDebugInfoException {
        DwarfTypeReader r = reader();
        Path path = debug.path();
        if (!r.hasTypes()) {
            if (!r.splitUnits().isEmpty()) {
                throw new NoDebugInfoException(path + ": the library uses split DWARF and its units are not here: "
                        + String.join("; ", r.splitUnits()));
            }
            throw new NoDebugInfoException(path + ": .debug_info has " + r.unitCount()
                    + " units but describes no function, variable or type");
        }
        return r;
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

    /** The file the DWARF is read from: the library itself, or its separate debug file or sidecar. */
    public Path debugFile() {
        return debug.path();
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

    /**
     * The type system of every export plus every named type and enum in the debug info.
     *
     * @throws NoDebugInfoException if the DWARF describes nothing dwarfbind can use
     */
    public TypeSystem typeSystem() throws NoDebugInfoException {
        return wholeReader().read(exports, n -> true, true);
    }

    /**
     * The type system of the named exports only (functions or variables) and the types they reach.
     *
     * @throws NoDebugInfoException if the DWARF describes nothing dwarfbind can use
     */
    public TypeSystem typeSystem(Collection<String> names) throws NoDebugInfoException {
        Set<String> wanted = Set.copyOf(names);
        return wholeReader().read(exports, wanted::contains, false);
    }

    /**
     * A type system that types each export, named type and constant the first time it is asked
     * for (see {@link TypeSystem#lazy}); the DWARF is read on the first question. A question that
     * finds the DWARF unusable throws {@link UncheckedIOException} around the
     * {@link NoDebugInfoException} (or {@link UnsupportedFeatureException}) that
     * {@link #typeSystem()} would have thrown.
     */
    public TypeSystem lazyTypeSystem() {
        var builder = new TypeSystemBuilder(elf.target());
        return TypeSystem.lazy(builder, new LazySource(builder));
    }

    /** Makes the reader on the first question, then hands every question to its source. */
    private final class LazySource implements TypeSource {
        private final TypeSystemBuilder builder;
        private List<String> names;
        private TypeSource source;

        LazySource(TypeSystemBuilder builder) {
            this.builder = builder;
        }

        private TypeSource source() {
            if (source == null) {
                try {
                    source = reader().source(exports, builder);
                } catch (NoDebugInfoException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
            return source;
        }

        @Override
        public synchronized List<String> exports() {
            if (names == null) {
                var distinct = new java.util.LinkedHashSet<String>();
                for (Export e : exports) distinct.add(e.name());
                names = List.copyOf(distinct);
            }
            return names;
        }

        @Override
        public void addExport(String name) {
            source().addExport(name);
        }

        @Override
        public void addNamedType(String name) {
            source().addNamedType(name);
        }

        @Override
        public void addConstant(String name) {
            source().addConstant(name);
        }

        @Override
        public void addAll() {
            source().addAll();
        }
    }
}
