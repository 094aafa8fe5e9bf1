package dev.dwarfbind.sidecar;

import dev.dwarfbind.debuginfo.BuildIdMismatchException;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.oracle.Tool;
import dev.dwarfbind.pe.CodeViewId;
import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.pe.PeIdentity;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.testing.CanonicalTypes;
import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sidecars of Windows DLLs (route 2): written from the type system of every fixture DLL of
 * every Windows flavour and of zlib's two DLLs (typed by their PDB, or by MinGW's DWARF), each
 * passes {@code llvm-dwarfdump --verify}; a copy of the DLL shipped without its PDB (or stripped
 * of its DWARF) finds its sidecar and reads exactly the type system the PDB or DWARF gives (the
 * same JSON, ids included, for DWARF, as ELF sidecars do; for a PDB the same JSON once ids are
 * numbered by reachability, {@link CanonicalTypes}); a sidecar of another build is refused, naming both
 * identities.
 */
class DllSidecarTest {
    private static final List<String> LIBRARIES = List.of("types", "calls", "callconv", "demo");

    static Stream<Arguments> dlls() {
        var out = new ArrayList<Arguments>();
        for (String flavour : Fixtures.WINDOWS_FLAVOURS) {
            for (String lib : LIBRARIES) {
                Path p = Fixtures.buildDir().resolve("windows").resolve(flavour).resolve("lib" + lib + ".dll");
                if (Files.isRegularFile(p)) out.add(Arguments.of(flavour + "/lib" + lib + ".dll", p));
            }
        }
        for (String kind : List.of("pdb", "dwarf")) out.add(Arguments.of("zlib/" + kind, Fixtures.zlibDll(kind)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dlls")
    void aDllWithoutItsPdbOrDwarfReadsItsSidecarAsTheFullDebugInfo(String label, Path dll, @TempDir Path tmp) throws IOException {
        DebugInfo info = DebugInfo.open(dll);
        List<String> names = info.exports().stream().map(Export::name).toList();
        TypeSystem want = info.typeSystem(names);
        boolean pdbTyped = info.debugFile().toString().endsWith(".pdb");
        Path shipped = ship(dll, tmp.resolve("shipped"));
        var notFound = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(shipped));
        assertTrue(notFound.getMessage().contains(shipped.getFileName() + ".debug"), "the places looked at name the sidecar: " + notFound.getMessage());

        for (Compression c : List.of(Compression.NONE, Compression.ZSTD)) {
            Path sidecar = shipped.resolveSibling(shipped.getFileName() + ".debug");
            SidecarSummary summary = SidecarWriter.write(info, sidecar, c);
            SidecarTest.verify(sidecar);
            ElfFile elf = ElfFile.open(sidecar);
            PeIdentity recorded = PeIdentity.decode(elf.note(PeIdentity.NOTE_OWNER, PeIdentity.NOTE_TYPE).orElseThrow());
            PeFile pe = info.pe().orElseThrow();
            assertEquals(PeIdentity.of(pe), recorded, label);
            assertEquals(pe.codeView().map(CodeViewId::symbolServerKey).orElse(null),
                    recorded.codeView().isPresent() ? summary.buildId() : null, "the summary names the GUID and age");

            DebugInfo viaSidecar = DebugInfo.open(shipped);
            assertEquals(sidecar, viaSidecar.debugFile(), label);
            assertEquals(info.target(), viaSidecar.target());
            TypeSystem got = viaSidecar.typeSystem(names);
            if (pdbTyped) {
                // The PDB reader numbers types in its own order (CodeView's type stream, void
                // among them); the DWARF reader numbers them as it meets them from the exports.
                // The same graph, numbered by reachability, is the same JSON. What the sidecar
                // drops on purpose: why a described symbol could not be typed (it stays untyped).
                assertSameUpToUntypableReasons(CanonicalTypes.reachableJson(want), CanonicalTypes.reachableJson(got), label + " (" + c + ")");
            } else {
                SidecarTest.assertSameTypeSystem(want, got, label + " (" + c + ")");
            }
            Files.delete(sidecar);
        }
    }

    /**
     * {@code want} and {@code got} (read from a sidecar) are the same JSON once the reason of each
     * untyped symbol that {@code got} reports as described but untypable is taken as equal: a sidecar keeps that the
     * symbol has debug info no C type stands for, and names the original reason only in the
     * stand-in DIE's {@code DW_AT_name}, for people reading it with llvm-dwarfdump.
     */
    private static void assertSameUpToUntypableReasons(String want, String got, String what) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var w = mapper.readTree(want);
            var g = mapper.readTree(got);
            var wu = w.get("untyped");
            var gu = g.get("untyped");
            assertEquals(wu.size(), gu.size(), "untyped symbols");
            for (int i = 0; i < wu.size(); i++) {
                assertEquals(wu.get(i).get("name"), gu.get(i).get("name"));
                if (gu.get(i).get("reason").asText().contains("has no C equivalent")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) wu.get(i)).set("reason", gu.get(i).get("reason"));
                }
            }
            assertEquals(w.toPrettyString(), g.toPrettyString(), what);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A copy of {@code dll} in {@code dir} as it would ship: without its PDB (and with the
     * absolute build path the MinGW flavour records made to name nothing, as on another
     * machine), or stripped of its DWARF.
     */
    static Path ship(Path dll, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path copy = dir.resolve(dll.getFileName());
        Files.copy(dll, copy);
        PeFile pe = PeFile.open(dll);
        String pdb = pe.codeView().map(CodeViewId::pdbPath).orElse("");
        if (!pdb.isEmpty()) {
            if (pdb.startsWith("/")) {
                byte[] bytes = Files.readAllBytes(copy);
                byte[] path = pdb.getBytes(StandardCharsets.UTF_8);
                int at = indexOf(bytes, path);
                assertTrue(at >= 0, dll + " holds its PDB path");
                Arrays.fill(bytes, at, at + path.length - "x.pdb".length(), (byte) 'z');
                Files.write(copy, bytes);
            }
        } else {
            // MinGW gcc's DLLs by binutils' strip (which rewrites the time stamp and image size),
            // clang's by llvm-strip.
            String strip = dll.toString().contains("gcc-mingw") ? "x86_64-w64-mingw32-strip" : "llvm-strip-19";
            Tool.Result r = Tool.run(List.of(strip, "--strip-debug", copy.toString()));
            assertTrue(r.ok(), r.describe());
            assertTrue(PeFile.open(copy).section(".debug_info").isEmpty(), strip + " left .debug_info in " + copy);
        }
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** A sidecar is also found in a search directory, flat or in the symbol-server layout. */
    @Test
    void sidecarsAreFoundWhereThePdbIsLookedFor(@TempDir Path tmp) throws IOException {
        Path dll = Fixtures.zlibDll("pdb");
        DebugInfo info = DebugInfo.open(dll);
        Path shipped = ship(dll, tmp.resolve("shipped"));
        Path store = tmp.resolve("store");
        String key = info.pe().orElseThrow().codeView().orElseThrow().symbolServerKey();
        Path layered = store.resolve("libz.dll.debug").resolve(key).resolve("libz.dll.debug");
        Files.createDirectories(layered.getParent());
        SidecarWriter.write(info, layered, Compression.ZSTD);
        assertEquals(layered, DebugInfo.open(shipped, List.of(store)).debugFile());
        Path flat = tmp.resolve("flat");
        Files.createDirectories(flat);
        SidecarWriter.write(info, flat.resolve("libz.dll.debug"), Compression.NONE);
        assertEquals(flat.resolve("libz.dll.debug"), DebugInfo.open(shipped, List.of(flat)).debugFile());
    }

    /**
     * Another build's sidecar is refused, with both identities: PDB GUIDs and ages for the
     * DLLs that have them, code digests for MinGW gcc's.
     */
    @Test
    void aSidecarOfAnotherBuildIsRefusedNamingBoth(@TempDir Path tmp) throws IOException {
        for (String flavour : List.of("clang-msvc-pdb", "clang-mingw-pdb", "clang-mingw-dwarf", "gcc-mingw-dwarf")) {
            Path calls = Fixtures.windowsLibrary(flavour, "calls");
            Path types = Fixtures.windowsLibrary(flavour, "types");
            Path shipped = ship(calls, tmp.resolve(flavour));
            Path wrong = shipped.resolveSibling("libcalls.dll.debug");
            SidecarWriter.write(DebugInfo.open(types), wrong, Compression.NONE);
            var e = assertThrows(BuildIdMismatchException.class, () -> DebugInfo.open(shipped));
            PeFile mine = PeFile.open(calls);
            PeFile theirs = PeFile.open(types);
            String m = e.getMessage();
            assertTrue(m.contains(wrong.toString()), m);
            if (mine.codeView().isPresent()) {
                assertTrue(m.contains(mine.codeView().get().guidString()) && m.contains(theirs.codeView().orElseThrow().guidString()), m);
            } else {
                var hex = java.util.HexFormat.of();
                assertTrue(m.contains(hex.formatHex(PeIdentity.of(mine).codeDigest()))
                        && m.contains(hex.formatHex(PeIdentity.of(theirs).codeDigest())), m);
            }
        }
    }

    /** A sidecar whose identity note is damaged is refused with the reason, not read as a match. */
    @Test
    void aDamagedIdentityNoteIsRefused(@TempDir Path tmp) throws IOException {
        Path dll = Fixtures.windowsLibrary("clang-msvc-pdb", "calls");
        Path shipped = ship(dll, tmp);
        Path sidecar = shipped.resolveSibling("libcalls.dll.debug");
        SidecarWriter.write(DebugInfo.open(dll), sidecar, Compression.NONE);
        byte[] bytes = Files.readAllBytes(sidecar);
        var section = ElfFile.open(sidecar).section(PeIdentity.NOTE_SECTION).orElseThrow();
        // The descriptor's version, after the note header (12 bytes) and "dwarfbind\0" padded to 12.
        bytes[(int) section.offset() + 24] = 7;
        Files.write(sidecar, bytes);
        var e = assertThrows(BuildIdMismatchException.class, () -> DebugInfo.open(shipped));
        assertTrue(e.getMessage().contains(sidecar.toString()) && e.getMessage().contains("version 7"), e.getMessage());
    }

    /** Sizes for docs/sidecars.md: each PDB against its DLL's sidecar, raw and zstd-compressed. */
    @Test
    void sidecarsAreAFractionOfThePdb(@TempDir Path tmp) throws IOException {
        var dlls = new ArrayList<Path>(List.of(Fixtures.zlibDll("pdb")));
        for (String flavour : List.of("clang-mingw-pdb", "clang-msvc-pdb", "clang-msvc-pdb-i686", "clang-msvc-pdb-arm64")) {
            dlls.add(Fixtures.windowsLibrary(flavour, "types"));
        }
        for (Path dll : dlls) {
            DebugInfo info = DebugInfo.open(dll);
            long pdb = Files.size(info.debugFile());
            long raw = SidecarWriter.write(info, tmp.resolve("raw.debug"), Compression.NONE).fileSize();
            long zstd = SidecarWriter.write(info, tmp.resolve("zstd.debug"), Compression.ZSTD).fileSize();
            System.out.printf("DllSidecarTest %s: PDB %d bytes, DLL %d bytes; sidecar %d bytes, %d zstd%n",
                    dll.getParent().getFileName() + "/" + dll.getFileName(), pdb, Files.size(dll), raw, zstd);
            assertTrue(raw * 4 < pdb && zstd < raw, dll + ": sidecar " + raw + " / " + zstd + " against PDB " + pdb);
            // Same DLL, same bytes.
            SidecarWriter.write(info, tmp.resolve("again.debug"), Compression.NONE);
            assertEquals(-1L, Files.mismatch(tmp.resolve("raw.debug"), tmp.resolve("again.debug")));
        }
        assertFalse(dlls.isEmpty());
    }
}
