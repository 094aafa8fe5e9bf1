package dev.dwarfbind.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.dwarf.DwarfSections;
import dev.dwarfbind.dwarf.DwarfTypeReader;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSection;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.oracle.Tool;
import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.UntypedSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sidecars of every fixture library and of zlib read back as the very type system the full debug
 * info gives (exact JSON, ids included), pass {@code llvm-dwarfdump --verify}, and carry the
 * library's build-id, which stripping the library keeps.
 */
class SidecarTest {
    /**
     * Every fixture library of every flavour (split DWARF too: the sidecar is written from its
     * .dwo or .dwp units), and both zlib builds.
     */
    static Stream<Arguments> libraries() {
        var out = new ArrayList<Arguments>();
        for (String flavour : Fixtures.flavours()) {
            Path dir = Fixtures.buildDir().resolve("fixtures").resolve(flavour);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().matches("lib.*\\.so")).sorted()
                        .forEach(p -> out.add(Arguments.of(flavour + "/" + p.getFileName(), p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String compiler : List.of("clang", "gcc")) out.add(Arguments.of("zlib/" + compiler, Fixtures.zlib(compiler)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void sidecarReadsBackAsTheFullDebugInfoDoes(String label, Path lib, @TempDir Path tmp) throws IOException {
        DebugInfo info = DebugInfo.open(lib);
        TypeSystem want = info.typeSystem(info.exports().stream().map(Export::name).toList());
        for (Compression c : List.of(Compression.NONE, Compression.ZSTD)) {
            Path sidecar = tmp.resolve(lib.getFileName() + "." + c.name().toLowerCase() + ".debug");
            SidecarSummary summary = SidecarWriter.write(info, sidecar, c);
            assertEquals(Files.size(sidecar), summary.fileSize());

            ElfFile elf = ElfFile.open(sidecar);
            assertTrue(info.buildId().isPresent(), lib + " has no build-id");
            assertEquals(info.buildId(), elf.buildId(), "build-id of " + sidecar);
            if (c != Compression.NONE) {
                // .debug_info always shrinks; tiny sections may be kept as they are.
                assertTrue(elf.section(".debug_info").orElseThrow().compressed(), sidecar + ": .debug_info is not compressed");
            }

            TypeSystem got = new DwarfTypeReader(DwarfSections.of(elf), info.elf().target()).read(info.exports(), n -> true, false);
            assertSameTypeSystem(want, got, label + " (" + c + ")");
            verify(sidecar);
        }
    }

    /**
     * Exact JSON equality; only where the library has debug info for a symbol that the reader
     * could not convert (gcc's DWARF 2 {@code _Decimal32}) does the reason differ, because the
     * reader's reason names the file and DIE offset it read. There both must agree that the
     * symbol is described but untypable.
     */
    static void assertSameTypeSystem(TypeSystem want, TypeSystem got, String what) {
        boolean unconvertible = want.untyped().stream().anyMatch(u -> isConversionFailure(u.reason()));
        if (!unconvertible) {
            assertEquals(TypeSystemJson.toJson(want), TypeSystemJson.toJson(got), what);
            return;
        }
        assertEquals(canonical(want, true), canonical(got, false), what);
    }

    private static boolean isConversionFailure(String reason) {
        return reason.matches("(?s).*: \\.debug_\\w+ at offset 0x\\p{XDigit}+: .*");
    }

    private static String canonical(TypeSystem ts, boolean original) {
        try {
            var mapper = new ObjectMapper();
            JsonNode root = mapper.readTree(TypeSystemJson.toJson(ts));
            for (JsonNode u : root.get("untyped")) {
                String reason = u.get("reason").asText();
                boolean untypable = original ? isConversionFailure(reason) : reason.contains("has no C equivalent");
                if (untypable) ((ObjectNode) u).put("reason", "<debug info the reader cannot convert>");
            }
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code llvm-dwarfdump-19 --verify} exits 0 and reports no errors. */
    static void verify(Path file) {
        Tool.Result r = Tool.run(List.of("llvm-dwarfdump-19", "--verify", file.toString()));
        assertTrue(r.ok() && r.stdout().contains("No errors.") && !r.stdout().contains("error:"),
                r.describe() + "\n" + r.stdout());
    }

    static Stream<Arguments> strippers() {
        return Stream.of(
                Arguments.of(Fixtures.zlib("clang"), "strip"),
                Arguments.of(Fixtures.zlib("gcc"), "llvm-objcopy-19"),
                Arguments.of(Fixtures.library("clang-dwarf5-O2-lld", "symbols"), "strip"),
                Arguments.of(Fixtures.library("gcc-dwarf5-O2-bfd", "symbols"), "llvm-objcopy-19"));
    }

    /**
     * Stripping keeps what ties a sidecar to its library: the build-id and the dynamic symbols
     * the reader matches DIEs against. A sidecar next to the stripped copy is then found by
     * {@link DebugInfo#open} and gives the full debug info's type system.
     */
    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("strippers")
    void strippedLibraryKeepsBuildIdAndDynamicSymbols(Path lib, String tool, @TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve(lib.getFileName());
        Files.copy(lib, copy);
        Tool.Result r = Tool.run(List.of(tool, "--strip-all", copy.toString()));
        assertTrue(r.ok(), r.describe());

        ElfFile original = ElfFile.open(lib);
        ElfFile stripped = ElfFile.open(copy);
        assertTrue(stripped.section(".debug_info").isEmpty() && stripped.staticSymbols().isEmpty(), tool + " left debug info or .symtab");
        assertTrue(original.buildId().isPresent());
        assertEquals(original.buildId(), stripped.buildId());
        assertEquals(original.dynamicSymbols(), stripped.dynamicSymbols());
        assertTrue(Files.size(copy) < Files.size(lib));

        DebugInfo info = DebugInfo.open(lib);
        List<String> names = info.exports().stream().map(Export::name).toList();
        SidecarWriter.write(info, tmp.resolve(lib.getFileName() + ".debug"), Compression.ZSTD);
        DebugInfo viaSidecar = DebugInfo.open(copy);
        assertEquals(info.exports(), viaSidecar.exports());
        assertSameTypeSystem(info.typeSystem(names), viaSidecar.typeSystem(names), "stripped " + lib);
    }

    @Test
    void zlibCompressionReadsBackToo(@TempDir Path tmp) throws IOException {
        DebugInfo info = DebugInfo.open(Fixtures.zlib("clang"));
        List<String> names = info.exports().stream().map(Export::name).toList();
        Path sidecar = tmp.resolve("libz.so.debug");
        SidecarSummary s = SidecarWriter.write(info, sidecar, Compression.ZLIB);
        assertTrue(s.storedDebugBytes() < s.debugBytes());
        ElfFile elf = ElfFile.open(sidecar);
        for (ElfSection sec : elf.sections()) {
            if (sec.name().equals(".debug_info")) assertTrue(sec.compressed());
        }
        TypeSystem got = new DwarfTypeReader(DwarfSections.of(elf), info.elf().target()).read(info.exports(), n -> true, false);
        assertEquals(TypeSystemJson.toJson(info.typeSystem(names)), TypeSystemJson.toJson(got));
        verify(sidecar);
    }

    /** Sizes for the record: the full library's DWARF against its sidecar, printed, not asserted beyond "smaller". */
    @Test
    void sidecarIsAFractionOfTheFullDebugInfo(@TempDir Path tmp) throws IOException {
        Path lib = Fixtures.zlib("clang");
        DebugInfo info = DebugInfo.open(lib);
        long full = 0;
        for (ElfSection s : info.elf().sections()) if (s.name().startsWith(".debug_")) full += s.size();
        SidecarSummary raw = SidecarWriter.write(info, tmp.resolve("raw.debug"), Compression.NONE);
        SidecarSummary zstd = SidecarWriter.write(info, tmp.resolve("zstd.debug"), Compression.ZSTD);
        System.out.printf("zlib (clang): .debug_* %d bytes; sidecar %d bytes raw, %d bytes zstd%n", full, raw.fileSize(), zstd.fileSize());
        assertTrue(raw.fileSize() * 5 < full, "sidecar " + raw.fileSize() + " vs " + full);
        assertTrue(zstd.fileSize() < raw.fileSize());
        assertFalse(raw.sections().isEmpty());
        // Same library, same bytes: a sidecar can be rebuilt and compared.
        SidecarWriter.write(info, tmp.resolve("again.debug"), Compression.NONE);
        assertEquals(-1L, Files.mismatch(tmp.resolve("raw.debug"), tmp.resolve("again.debug")));
    }

    @Test
    void refusesToOverwriteItsInput() throws IOException {
        DebugInfo info = DebugInfo.open(Fixtures.library("clang-dwarf5-O0-lld", "demo"));
        var e = assertThrows(IllegalArgumentException.class, () -> SidecarWriter.write(info, info.path(), Compression.NONE));
        assertTrue(e.getMessage().contains("write the sidecar elsewhere"), e.getMessage());
    }

    /** Untyped symbols keep their kind whether or not there was debug info to try. */
    @Test
    void untypableSymbolsStayUntypedInTheSidecar(@TempDir Path tmp) throws IOException {
        DebugInfo info = DebugInfo.open(Fixtures.library("gcc-dwarf2-O0-bfd", "types"));
        List<String> names = info.exports().stream().map(Export::name).toList();
        TypeSystem want = info.typeSystem(names);
        Path sidecar = tmp.resolve("libtypes.so.debug");
        SidecarWriter.write(info, sidecar, Compression.NONE);
        TypeSystem got = new DwarfTypeReader(DwarfSections.of(ElfFile.open(sidecar)), info.elf().target())
                .read(info.exports(), n -> true, false);
        List<UntypedSymbol> w = want.untyped();
        List<UntypedSymbol> g = got.untyped();
        assertEquals(w.size(), g.size());
        for (int i = 0; i < w.size(); i++) {
            assertEquals(w.get(i).name(), g.get(i).name());
            if (isConversionFailure(w.get(i).reason())) {
                assertTrue(g.get(i).reason().contains("no C equivalent"), g.get(i).reason());
            } else {
                assertEquals(w.get(i).reason(), g.get(i).reason());
            }
        }
    }
}
