package dev.dwarfbind.debuginfo;

import dev.dwarfbind.binary.UnsupportedFeatureException;
import dev.dwarfbind.dwarf.DwarfSections;
import dev.dwarfbind.dwarf.DwarfTypeReader;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSymbol;
import dev.dwarfbind.binary.MappedFile;
import dev.dwarfbind.pdb.MsfFile;
import dev.dwarfbind.pdb.PdbTypeSource;
import dev.dwarfbind.pe.CodeViewId;
import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.types.Target;
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
import java.util.function.Supplier;

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
 * <p>A library is an ELF shared object or a PE image (a Windows DLL, read on any OS). Opening
 * reads the headers and symbols and finds the debug file; the DWARF itself is
 * inflated and indexed on first use, once. Thread-safe.
 */
public final class DebugInfo {
    /** The ELF library, or {@code null} for a PE image. */
    private final ElfFile elf;
    /** The PE image, or {@code null} for an ELF library. */
    private final PeFile pe;
    private final Path path;
    private final Path debugPath;
    private final Target target;
    /** The debug ELF file, whose dwz supplementary file is attached on first use; {@code null} for a PE image. */
    private final ElfFile debug;
    /** Makes the DWARF sections of the debug file, on first use (they may need inflating). */
    private final Supplier<DwarfSections> sections;
    private final List<Export> exports;
    /** The PDB the types come from, or {@code null} when they come from DWARF. */
    private final MsfFile pdb;
    private final MacroScope macroScope;
    /** Where a supplementary file missing here may be fetched. */
    private final Debuginfod debuginfod;
    /** The Debian package the debug file came from, where its supplementary file is looked for first; or {@code null}. */
    private final DebugPackage debugPackage;
    private volatile DwarfTypeReader reader;

    private DebugInfo(ElfFile elf, ElfFile debug, List<Export> exports, Debuginfod debuginfod) {
        this(elf, debug, exports, debuginfod, null);
    }

    private DebugInfo(ElfFile elf, ElfFile debug, List<Export> exports, Debuginfod debuginfod, DebugPackage debugPackage) {
        this.elf = elf;
        this.pe = null;
        this.path = elf.path();
        this.debugPath = debug.path();
        this.target = elf.target();
        this.debug = debug;
        this.sections = () -> DwarfSections.of(debug);
        this.exports = exports;
        this.pdb = null;
        this.macroScope = MacroScope.LIBRARY;
        this.debuginfod = debuginfod;
        this.debugPackage = debugPackage;
    }

    /** {@code other} with another macro scope; nothing read is shared. */
    private DebugInfo(DebugInfo other, MacroScope scope) {
        this.elf = other.elf;
        this.pe = other.pe;
        this.path = other.path;
        this.debugPath = other.debugPath;
        this.target = other.target;
        this.debug = other.debug;
        this.sections = other.sections;
        this.exports = other.exports;
        this.pdb = other.pdb;
        this.macroScope = scope;
        this.debuginfod = other.debuginfod;
        this.debugPackage = other.debugPackage;
    }

    /**
     * A PE image typed by {@code pdb} if not null, else by the DWARF of its light-DWARF
     * {@code sidecar} if not null, else by its own DWARF (MinGW {@code -g}).
     */
    private DebugInfo(PeFile pe, MsfFile pdb, ElfFile sidecar) {
        this.elf = null;
        this.pe = pe;
        this.path = pe.path();
        this.debugPath = pdb != null ? pdb.path() : sidecar != null ? sidecar.path() : pe.path();
        this.target = pe.target();
        this.debug = sidecar;
        this.sections = sidecar != null ? () -> DwarfSections.of(sidecar) : () -> DwarfSections.of(pe);
        this.exports = PeExports.of(pe);
        this.pdb = pdb;
        this.macroScope = MacroScope.LIBRARY;
        this.debuginfod = Debuginfod.none();
        this.debugPackage = null;
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
        return open(path, sidecarDirs, Debuginfod.fromEnvironment());
    }

    /**
     * Opens the library at {@code path} like {@link #open(Path, List)}; when nothing on this
     * machine has its debug info, fetches the debug file (or a sidecar) by build-id from the
     * servers {@code debuginfod} names, through its cache (and the dwz supplementary file the
     * same way, on first use). {@link Debuginfod#fromEnvironment()} is what {@link #open(Path)}
     * uses: the network only if {@code DEBUGINFOD_URLS} is set.
     *
     * @throws DebuginfodException      if a server failed (timed out, sent a truncated file or one
     *                                  with another build-id) and none had the file
     * @throws BuildIdMismatchException if debug files were found but none matches the library
     * @throws NoDebugInfoException     if there is no usable debug info, naming the places looked at
     */
    public static DebugInfo open(Path path, List<Path> sidecarDirs, Debuginfod debuginfod) throws IOException {
        if (PeFile.looksLikePe(MappedFile.head(path, 2))) return openPe(PeFile.open(path), sidecarDirs);
        ElfFile elf = ElfFile.open(path);
        if (DwarfSections.present(elf)) return new DebugInfo(elf, elf, exports(elf), debuginfod);
        DebugFileLocator.Result found = DebugFileLocator.find(elf, sidecarDirs);
        if (found.debugFile().isPresent()) {
            ElfFile debug = found.debugFile().get();
            if (!DwarfSections.present(debug)) throw new NoDebugInfoException(noDebugInfo(debug));
            return new DebugInfo(elf, debug, exports(elf), debuginfod);
        }
        String remote = "";
        if (elf.buildId().isPresent()) {
            DebuginfodClient.Result fetched = DebuginfodClient.find(debuginfod, elf.buildId().get());
            if (fetched.file().isPresent()) {
                ElfFile debug = ElfFile.open(fetched.file().get());
                if (!DwarfSections.present(debug)) throw new NoDebugInfoException(noDebugInfo(debug));
                return new DebugInfo(elf, debug, exports(elf), debuginfod);
            }
            remote = " " + fetched.notes() + ".";
        }
        String msg = noDebugInfo(elf) + " Looked for a separate debug file or sidecar at: " + String.join(", ", found.lookedAt()) + "." + remote;
        if (!found.refused().isEmpty()) {
            throw new BuildIdMismatchException(path + ": no matching debug file; refused " + String.join("; ", found.refused()) + "." + remote);
        }
        throw new NoDebugInfoException(msg);
    }

    /**
     * Opens the ELF library at {@code path} with its debug file taken straight out of the Debian
     * package {@code debugPackage} ({@code .deb} or {@code .ddeb}, e.g. {@code libgsl-dbg} or a
     * {@code -dbgsym} package), without installing it: the member
     * {@code usr/lib/debug/.build-id/xx/rest.debug} of the library's build-id, and the dwz
     * supplementary file it names from the same package. A library that carries its own DWARF is
     * read from itself.
     *
     * @throws DebugPackageException    if the package is malformed or holds no debug file of that build-id
     * @throws BuildIdMismatchException if the member found has another build-id
     * @throws NoDebugInfoException     if the library has no build-id to look for
     */
    public static DebugInfo open(Path path, Path debugPackage) throws IOException {
        if (PeFile.looksLikePe(MappedFile.head(path, 2))) {
            throw new UnsupportedFeatureException(path, null, "a Windows PE image with a Debian package; packages hold ELF debug files");
        }
        ElfFile elf = ElfFile.open(path);
        if (DwarfSections.present(elf)) return new DebugInfo(elf, elf, exports(elf), Debuginfod.none());
        String id = elf.buildId().orElseThrow(() -> new NoDebugInfoException(path + ": no build-id, so its debug file cannot be"
                + " found in " + debugPackage + " (packages name debug files by build-id)"));
        DebugPackage pkg = DebugPackage.open(debugPackage);
        String wanted = DebugPackage.buildIdPath(id);
        DebugPackage.Member m = pkg.find(List.of(wanted)).orElseThrow(() -> new DebugPackageException(debugPackage
                + ": holds no debug file for build-id " + id + " of " + path + " (looked for /" + wanted + ")"));
        ElfFile debug = ElfFile.of(Path.of(debugPackage + "!/" + m.name()), m.bytes());
        if (!debug.buildId().equals(Optional.of(id))) {
            throw new BuildIdMismatchException(debug.path() + " has build-id " + debug.buildId().orElse("(none)") + ", but " + path
                    + " has " + id);
        }
        if (!DwarfSections.present(debug)) throw new NoDebugInfoException(noDebugInfo(debug));
        return new DebugInfo(elf, debug, exports(elf), Debuginfod.none(), pkg);
    }

    /**
     * A PE image: its own DWARF (MinGW), else the PDB its CodeView record names, found by
     * {@link PdbLocator} next to it, in {@code searchDirs} and in {@code _NT_SYMBOL_PATH}; else
     * its light-DWARF sidecar ({@link PeSidecarLocator}: {@code DLL.debug} there and in the
     * sidecar directories), matched by the PDB's GUID and age or by the code.
     */
    private static DebugInfo openPe(PeFile pe, List<Path> searchDirs) throws IOException {
        // A CodeView record naming a PDB means the linker wrote one for this image: that is its
        // debug info. DWARF beside it comes from objects built without -gcodeview (MinGW's own
        // CRT) and describes those, not the library. (ld.lld writes a record with no PDB name
        // for a MinGW image linked with --build-id: only its GUID is used, as a build id.)
        Optional<CodeViewId> codeView = pe.codeView().filter(c -> !c.pdbPath().isEmpty());
        var refused = new ArrayList<String>();
        var looked = new ArrayList<String>();
        String what;
        if (codeView.isEmpty()) {
            if (DwarfSections.present(pe)) return new DebugInfo(pe, null, null);
            what = "no debug info (no DWARF .debug_info section and no CodeView record naming a PDB in the debug directory)";
        } else {
            CodeViewId id = codeView.get();
            PdbLocator.Result found = PdbLocator.find(pe.path(), id, searchDirs);
            if (found.pdb().isPresent()) return new DebugInfo(pe, MsfFile.open(found.pdb().get()), null);
            refused.addAll(found.refused());
            looked.addAll(found.lookedAt());
            what = id + " not found";
        }
        PeSidecarLocator.Result sidecar = PeSidecarLocator.find(pe, searchDirs);
        if (sidecar.sidecar().isPresent()) return new DebugInfo(pe, null, sidecar.sidecar().get());
        refused.addAll(sidecar.refused());
        looked.addAll(sidecar.lookedAt());
        if (!refused.isEmpty()) {
            throw new BuildIdMismatchException(pe.path() + ": " + what + " and no matching sidecar; refused " + String.join("; ", refused));
        }
        throw new NoDebugInfoException(pe.path() + ": " + what + ", nor a sidecar (dwarfbind sidecar); looked at: "
                + String.join(", ", looked) + (codeView.isEmpty() ? ". Rebuild with -g (MinGW DWARF) or link with /debug (a PDB)." : ""));
    }

    /**
     * Reads a library image already in memory; {@code name} is used in messages only.
     *
     * @throws NoDebugInfoException if it has no debug info dwarfbind can read
     * @throws dev.dwarfbind.binary.BinaryFormatException if it is malformed
     */
    public static DebugInfo read(Path name, byte[] image) throws NoDebugInfoException {
        if (PeFile.looksLikePe(image)) {
            PeFile pe = PeFile.of(name, image);
            if (!DwarfSections.present(pe)) throw new NoDebugInfoException(name + ": no DWARF debug info in this PE image");
            return new DebugInfo(pe, null, null);
        }
        ElfFile elf = ElfFile.of(name, image);
        if (!DwarfSections.present(elf)) throw new NoDebugInfoException(noDebugInfo(elf));
        return new DebugInfo(elf, elf, exports(elf), Debuginfod.none());
    }

    /**
     * Reads a PE image and its PDB, both already in memory (tests, fuzzing); the names are used
     * in messages only. The PDB must carry the image's GUID and age.
     *
     * @throws BuildIdMismatchException if it does not
     * @throws NoDebugInfoException     if the image names no PDB
     * @throws dev.dwarfbind.binary.BinaryFormatException if either is malformed
     */
    public static DebugInfo read(Path name, byte[] image, Path pdbName, byte[] pdbImage) throws NoDebugInfoException {
        PeFile pe = PeFile.of(name, image);
        CodeViewId id = pe.codeView().filter(c -> !c.pdbPath().isEmpty())
                .orElseThrow(() -> new NoDebugInfoException(name + ": no CodeView record naming a PDB"));
        MsfFile msf = MsfFile.of(pdbName, pdbImage);
        var info = dev.dwarfbind.pdb.PdbInfo.read(msf);
        if (!id.matches(info.guid(), info.age())) {
            throw new BuildIdMismatchException(pdbName + " is " + new CodeViewId(info.guid(), info.age(), "").guidString() + " age "
                    + info.age() + ", " + name + " wants " + id.guidString() + " age " + id.age());
        }
        return new DebugInfo(pe, msf, null);
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
            DwarfSections dwarf = sections.get();
            if (!dwarf.hasInfo()) throw new NoDebugInfoException(debugPath + ": no DWARF debug info (no .debug_info or .debug_types)");
            if (debug != null) SupplementaryFileLocator.attach(debug, dwarf, debuginfod, debugPackage);
            r = new DwarfTypeReader(dwarf, target, macroScope == MacroScope.ALL);
            reader = r;
            return r;
        }
    }

    /** The reader, also checked to describe something: for questions about the whole library. */
    private DwarfTypeReader wholeReader() throws NoDebugInfoException {
        DwarfTypeReader r = reader();
        Path path = debugPath;
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
     * binds. Needs no debug info: the header reader matches these against declarations.
     */
    public static List<Export> exports(ElfFile elf) {
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

    /**
     * This library with another choice of which macros become constants (a library built with
     * {@code gcc -g3} or {@code clang -fdebug-macro}); {@link MacroScope#LIBRARY} by default.
     * The copy reads the DWARF afresh on its first question.
     */
    public DebugInfo withMacros(MacroScope scope) {
        return scope == macroScope ? this : new DebugInfo(this, java.util.Objects.requireNonNull(scope, "scope"));
    }

    /** Which macros become constants. */
    public MacroScope macroScope() {
        return macroScope;
    }

    /** The library's path. */
    public Path path() {
        return path;
    }

    /**
     * The file the types are read from: the library itself, its separate debug file or sidecar,
     * or (for a PE image) its PDB or sidecar.
     */
    public Path debugFile() {
        return debugPath;
    }

    /**
     * The ELF file the DWARF is read from: the library itself or its debug file (which may live
     * only in memory, taken out of a package), or a PE image's sidecar; empty for a PE image
     * typed by its PDB or its own DWARF.
     */
    public Optional<ElfFile> debugElf() {
        return Optional.ofNullable(debug);
    }

    /** The machine, OS and data model the library was built for. */
    public Target target() {
        return target;
    }

    /**
     * The ELF container, for callers that need sections or symbols.
     *
     * @throws UnsupportedFeatureException if the library is a PE image ({@link #pe()})
     */
    public ElfFile elf() {
        if (elf == null) throw new UnsupportedFeatureException(path, null, "a Windows PE image; this needs an ELF library (use pe() for a DLL's container)");
        return elf;
    }

    /** The PE container, if the library is a Windows image. */
    public Optional<PeFile> pe() {
        return Optional.ofNullable(pe);
    }

    /** The GNU build-id, if any (a PE image has none). */
    public Optional<String> buildId() {
        return elf == null ? Optional.empty() : elf.buildId();
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
        if (pdb != null) {
            var builder = new TypeSystemBuilder(target);
            pdbSource(builder).addAll();
            return builder.build();
        }
        return wholeReader().read(exports, n -> true, true);
    }

    /** A source over the PDB; its streams are read now, once per source. */
    private PdbTypeSource pdbSource(TypeSystemBuilder builder) {
        var sectionList = pe.sections();
        return new PdbTypeSource(pdb, exports, pe.imageBase(), (section, offset) ->
                section >= 1 && section <= sectionList.size() ? sectionList.get((int) section - 1).rva() + offset : -1, builder);
    }

    /**
     * The type system of the named exports only (functions or variables) and the types they reach.
     *
     * @throws NoDebugInfoException if the DWARF describes nothing dwarfbind can use
     */
    public TypeSystem typeSystem(Collection<String> names) throws NoDebugInfoException {
        Set<String> wanted = Set.copyOf(names);
        if (pdb != null) {
            var builder = new TypeSystemBuilder(target);
            var source = pdbSource(builder);
            for (String n : source.exports()) if (wanted.contains(n)) source.addExport(n);
            return builder.build();
        }
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
        var builder = new TypeSystemBuilder(target);
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
            if (source == null && pdb != null) source = pdbSource(builder);
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
