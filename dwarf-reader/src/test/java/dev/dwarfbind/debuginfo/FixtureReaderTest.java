package dev.dwarfbind.debuginfo;

import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.UntypedSymbol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the reader must get right on every fixture flavour, beyond what the oracles compare:
 * cross-unit resolution, unification, symbol matching (aliases, versions, weak, ICF), and
 * consistency of layouts across compilers, DWARF versions and linkers.
 */
class FixtureReaderTest {
    static List<String> flavours() {
        return Fixtures.flavours().stream().filter(f -> !f.endsWith("-split")).toList();
    }

    private static TypeSystem read(String flavour, String lib) throws IOException {
        return DebugInfo.open(Fixtures.library(flavour, lib)).typeSystem();
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void crossUnitDeclarationResolvesToDefinition(String flavour) throws IOException {
        TypeSystem ts = read(flavour, "types");
        // ua_cross_remember is in unit A, which only declares struct cross_unit.
        FunctionType f = ts.signature(ts.function("ua_cross_remember").orElseThrow());
        var ptr = ts.type(ts.strip(f.returnType()), PointerType.class);
        RecordType r = ts.type(ts.strip(ptr.pointee()), RecordType.class);
        assertEquals("cross_unit", r.tag());
        assertTrue(r.complete(), "unit A's declaration must resolve to unit B's definition");
        assertTrue(r.byteSize() > 0);
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void sharedStructIsUnifiedAndSameNamedDifferentStructsAreNot(String flavour) throws IOException {
        TypeSystem ts = read(flavour, "types");
        Map<String, Long> count = ts.types().stream()
                .filter(t -> t instanceof RecordType r && r.complete() && r.tag() != null)
                .collect(Collectors.groupingBy(t -> ((RecordType) t).tag(), Collectors.counting()));
        assertEquals(1L, count.get("shared_pair"), "struct shared_pair is defined in two units by one header");
        assertEquals(2L, count.get("local_conf"), "the two struct local_conf have different layouts");
        // The parameters of functions in both units refer to the one type.
        int a = ts.strip(ts.type(ts.strip(ts.signature(ts.function("ua_pair_value").orElseThrow()).parameters().get(0).type()),
                PointerType.class).pointee());
        int b = ts.strip(ts.signature(ts.function("ub_pair_key").orElseThrow()).parameters().get(0).type());
        assertEquals(a, b);
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void opaqueStructsStayIncomplete(String flavour) throws IOException {
        TypeSystem ts = read(flavour, "types");
        var r = ts.type(ts.typeNamed("struct opaque_handle").orElseThrow(), RecordType.class);
        assertFalse(r.complete());
        assertEquals(0, r.byteSize());
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void symbolsAreMatchedLikeTheDynamicLinkerSeesThem(String flavour) throws IOException {
        TypeSystem ts = read(flavour, "symbols");
        FunctionDecl add = ts.function("sym_add").orElseThrow();
        FunctionDecl alias = ts.function("sym_alias_add").orElseThrow();
        FunctionDecl weakAlias = ts.function("sym_weak_alias").orElseThrow();
        assertEquals(add.address(), alias.address());
        assertEquals(add.type(), alias.type(), "an alias has its target's signature");
        assertEquals("sym_add", alias.debugName());
        assertTrue(weakAlias.weak());
        assertTrue(ts.function("sym_weak_hook").orElseThrow().weak());
        assertNull(add.debugName());
        assertEquals("FIX_1.0", add.version());
        // Two versions of one name: the default (@@FIX_2.0) is what dlsym binds.
        assertEquals("FIX_2.0", ts.function("sym_versioned").orElseThrow().version());
        assertEquals("FIX_2.0", ts.function("sym_new_in_2").orElseThrow().version());
        // Not exported: static, hidden, and version-definition symbols.
        for (String hidden : List.of("sym_static_add", "sym_static_mul", "sym_static_unused", "sym_hidden_sub",
                "sym_hidden_var", "FIX_1.0", "FIX_2.0", "sym_ifunc_generic", "sym_ifunc_resolver")) {
            assertTrue(ts.function(hidden).isEmpty() && ts.variable(hidden).isEmpty()
                    && ts.untyped().stream().noneMatch(u -> u.name().equals(hidden)), hidden + " must not be listed");
        }
        // Exported without debug info: listed with a reason, not dropped.
        Map<String, UntypedSymbol> untyped = new HashMap<>();
        ts.untyped().forEach(u -> untyped.put(u.name(), u));
        for (String name : List.of("sym_nodebug_add", "sym_nodebug_scale", "sym_nodebug_pair")) {
            assertTrue(untyped.get(name).reason().contains("no debug info"), name + ": " + untyped.get(name));
        }
        assertTrue(untyped.get("sym_tls_counter").reason().contains("thread-local"));
        // An IFUNC's symbol points at its resolver: typed only through a DIE of its own name.
        assertTrue(untyped.containsKey("sym_ifunc") || ts.signature(ts.function("sym_ifunc").orElseThrow())
                .parameters().size() == 1, "sym_ifunc must not get its resolver's signature");
        assertEquals(ts.variable("sym_int").orElseThrow().type(), ts.variable("sym_int_alias").orElseThrow().type());
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void functionFlagsSurviveOptimisation(String flavour) throws IOException {
        TypeSystem ts = read(flavour, "calls");
        // DW_AT_noreturn is DWARF 5's (gcc also writes it for DWARF 3/4); strict DWARF 2 cannot say it.
        if (!flavour.contains("dwarf2")) {
            assertTrue(ts.function("cl_die").orElseThrow().noreturn());
            assertTrue(ts.function("cl_abort_msg").orElseThrow().noreturn());
        }
        FunctionType kr = ts.signature(ts.function("cl_kr_add").orElseThrow());
        assertFalse(kr.prototyped(), "K&R definitions are unprototyped");
        assertEquals(List.of("a", "b"), kr.parameters().stream().map(p -> p.name()).toList());
        FunctionType noargs = ts.signature(ts.function("cl_kr_noargs").orElseThrow());
        assertFalse(noargs.prototyped());
        assertTrue(noargs.parameters().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void callingConventionsFromClang(String flavour) throws IOException {
        TypeSystem ts = read(flavour, "callconv");
        CallingConvention cc = ts.signature(ts.function("cc_ms_add4").orElseThrow()).convention();
        if (flavour.startsWith("clang")) {
            assertEquals(CallingConvention.MS_ABI, cc);
            // clang exports regcall functions under a mangled name.
            assertEquals(CallingConvention.REGCALL,
                    ts.signature(ts.function("__regcall3__cc_regcall_add").orElseThrow()).convention());
        } else {
            // gcc records no DW_AT_calling_convention for ms_abi: a known limit, named in the README.
            assertEquals(CallingConvention.DEFAULT, cc);
        }
    }

    /**
     * Compilers agree on the x86-64 ABI, so every named struct's layout must be the same in
     * every flavour: this catches a reader that handles one DWARF encoding (DWARF 2 bitfields,
     * dwz partial units, 64-bit DWARF, compressed sections) differently from another.
     */
    @org.junit.jupiter.api.Test
    void layoutsAgreeAcrossFlavours() throws IOException {
        for (String lib : List.of("types", "calls", "demo", "callconv", "symbols")) {
            Map<String, String> first = null;
            String firstFlavour = null;
            for (String flavour : flavours()) {
                Map<String, String> layouts = layouts(read(flavour, lib));
                if (first == null) {
                    first = layouts;
                    firstFlavour = flavour;
                    continue;
                }
                for (var e : layouts.entrySet()) {
                    String other = first.get(e.getKey());
                    if (other != null) {
                        assertEquals(other, e.getValue(), "lib" + lib + " " + e.getKey() + ": " + firstFlavour + " vs " + flavour);
                    }
                }
            }
        }
    }

    private static Map<String, String> layouts(TypeSystem ts) {
        Map<String, String> out = new HashMap<>();
        Set<String> dup = new java.util.HashSet<>();
        for (var t : ts.types()) {
            if (!(t instanceof RecordType r) || r.tag() == null || !r.complete()) continue;
            String layout = r.byteSize() + "/" + r.alignment() + r.fields().stream()
                    .map(f -> " " + f.name() + "@" + f.bitOffset() + ":" + f.bitSize()).collect(Collectors.joining());
            if (out.put(r.kind() + " " + r.tag(), layout) != null) dup.add(r.kind() + " " + r.tag());
        }
        dup.forEach(out::remove); // same tag, several layouts (struct local_conf): not comparable by name
        return out;
    }

    @org.junit.jupiter.api.Test
    void strippedLibrarySaysWhatWasLookedAt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path stripped = tmp.resolve("libdemo-stripped.so");
        Process p = new ProcessBuilder("llvm-objcopy-19", "--strip-debug",
                Fixtures.library("gcc-dwarf5-O0-bfd", "demo").toString(), stripped.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        var e = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(stripped));
        assertTrue(e.getMessage().contains(stripped.toString()) && e.getMessage().contains(".debug_info")
                && e.getMessage().contains("build-id"), e.getMessage());
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }

    /** A stripped library finds its debug file (objcopy --only-keep-debug) next to it, by build-id. */
    @org.junit.jupiter.api.Test
    void separateDebugFileIsFoundAndMatchedByBuildId(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path lib = Fixtures.library("clang-dwarf5-O2-lld", "types");
        java.nio.file.Path stripped = tmp.resolve("libtypes.so");
        java.nio.file.Path debug = tmp.resolve("libtypes.so.debug");
        run("llvm-objcopy-19", "--only-keep-debug", lib.toString(), debug.toString());
        run("llvm-objcopy-19", "--strip-all", lib.toString(), stripped.toString());
        DebugInfo info = DebugInfo.open(stripped);
        assertEquals(debug, info.debugFile());
        String full = dev.dwarfbind.json.TypeSystemJson.toJson(DebugInfo.open(lib).typeSystem());
        assertEquals(full, dev.dwarfbind.json.TypeSystemJson.toJson(info.typeSystem()));

        // Another library's debug file under this name is refused, naming both build-ids.
        run("llvm-objcopy-19", "--only-keep-debug", Fixtures.library("clang-dwarf5-O2-lld", "demo").toString(), debug.toString());
        var e = assertThrows(BuildIdMismatchException.class, () -> DebugInfo.open(stripped));
        assertTrue(e.getMessage().contains("build-id") && e.getMessage().contains(debug.toString()), e.getMessage());

        // The same file found through a sidecar directory, by build-id path.
        java.nio.file.Files.delete(debug);
        String id = DebugInfo.open(lib).buildId().orElseThrow();
        java.nio.file.Path dir = tmp.resolve("sidecars");
        java.nio.file.Path byId = dir.resolve(".build-id").resolve(id.substring(0, 2)).resolve(id.substring(2) + ".debug");
        java.nio.file.Files.createDirectories(byId.getParent());
        run("llvm-objcopy-19", "--only-keep-debug", lib.toString(), byId.toString());
        assertEquals(byId, DebugInfo.open(stripped, List.of(dir)).debugFile());
    }

    @org.junit.jupiter.api.Test
    void notAnElfFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path text = tmp.resolve("readme.so");
        java.nio.file.Files.writeString(text, "this is not a shared library");
        var e = assertThrows(dev.dwarfbind.binary.BinaryFormatException.class, () -> DebugInfo.open(text));
        assertTrue(e.getMessage().contains("readme.so") && e.getMessage().contains("not an ELF file"), e.getMessage());
    }

    /** Split DWARF is read (see FixtureDifferentialTest); a missing or mismatched .dwo/.dwp is named. */
    @org.junit.jupiter.api.Test
    void splitDwarfWithoutItsFilesIsReportedNotMisread(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // The dwp flavour kept no .dwo files: without its .dwp the library's types are nowhere.
        java.nio.file.Path dir = Fixtures.library("clang-dwarf5-O2-lld-dwp-split", "demo").getParent();
        java.nio.file.Path lib = tmp.resolve("libdemo.so");
        java.nio.file.Files.copy(dir.resolve("libdemo.so"), lib);
        var missing = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(lib).typeSystem());
        assertTrue(missing.getMessage().contains("split DWARF") && missing.getMessage().contains("libdemo.demo.dwo")
                && missing.getMessage().contains("not found"), missing.getMessage());
        // Another library's package in its place: refused, naming the skeleton's dwo_id and the package's.
        java.nio.file.Files.copy(dir.resolve("libtypes.so.dwp"), tmp.resolve("libdemo.so.dwp"));
        var wrong = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(lib).typeSystem());
        var ids = java.util.regex.Pattern.compile("0x[0-9a-f]{6,}").matcher(wrong.getMessage()).results().map(m -> m.group()).distinct().count();
        assertTrue(wrong.getMessage().contains("libdemo.so.dwp holds dwo_id") && ids >= 2, wrong.getMessage());
        // Its own package next to it: read.
        java.nio.file.Files.copy(dir.resolve("libdemo.so.dwp"), tmp.resolve("libdemo.so.dwp"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(DebugInfo.open(lib).typeSystem().function("point_scale").isPresent());
    }

    /** A .dwp whose unit index claims more rows than its section holds: an error naming the package and section. */
    @org.junit.jupiter.api.Test
    void dwpIndexPastItsSectionIsAnError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path dir = Fixtures.library("clang-dwarf5-O2-lld-dwp-split", "demo").getParent();
        java.nio.file.Path lib = tmp.resolve("libdemo.so");
        java.nio.file.Files.copy(dir.resolve("libdemo.so"), lib);
        byte[] dwp = java.nio.file.Files.readAllBytes(dir.resolve("libdemo.so.dwp"));
        var index = dev.dwarfbind.elf.ElfFile.of(dir.resolve("libdemo.so.dwp"), dwp).section(".debug_cu_index").orElseThrow();
        int unitCount = (int) index.offset() + 8;
        dwp[unitCount] = (byte) 0xff;
        dwp[unitCount + 1] = (byte) 0xff;
        java.nio.file.Files.write(tmp.resolve("libdemo.so.dwp"), dwp);
        var e = assertThrows(dev.dwarfbind.binary.BinaryFormatException.class, () -> DebugInfo.open(lib).typeSystem());
        assertTrue(e.getMessage().contains("libdemo.so.dwp") && e.getMessage().contains(".debug_cu_index")
                && e.getMessage().contains("units"), e.getMessage());
    }
}
