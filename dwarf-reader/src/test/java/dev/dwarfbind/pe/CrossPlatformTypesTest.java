package dev.dwarfbind.pe;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.DataModel;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same fixture source built for Linux (gcc, ELF, LP64) and for Windows (MinGW gcc, DWARF in
 * a PE DLL, LLP64) gives the same type system up to the documented platform differences: every
 * struct, union and enum both define has the same layout unless it holds a {@code long} or
 * {@code wchar_t} by value (LLP64) or has bitfields (MinGW lays them out the Microsoft way,
 * {@code -mms-bitfields}: a zero-width bitfield or a change of storage type starts a new unit),
 * and every function both export has the same parameter names.
 */
class CrossPlatformTypesTest {
    @Test
    void linuxAndWindowsBuildsAgreeUpToTheDataModel() throws Exception {
        for (String lib : List.of("types", "calls", "callconv", "demo")) {
            TypeSystem linux = DebugInfo.open(Fixtures.library("gcc-dwarf5-O0-bfd", lib)).typeSystem();
            TypeSystem windows = DebugInfo.open(Fixtures.windowsLibrary("gcc-mingw-dwarf", lib)).typeSystem();
            assertEquals(DataModel.LP64, linux.target().dataModel());
            assertEquals(DataModel.LLP64, windows.target().dataModel());
            compare(lib, linux, windows);
        }
    }

    /**
     * The same sources built by clang for Linux (DWARF 5) and by clang for MinGW with a PDB:
     * CodeView flattens anonymous members, so layouts are compared flattened; besides the data
     * model and Microsoft bitfields, clang records {@code _Atomic} members without a type in
     * CodeView, so a record holding one is allowed to differ by that member. The arm64 DLLs
     * (freestanding, {@code aarch64-pc-windows-msvc}) are compared with the same x86-64 Linux
     * build: the Microsoft ABI also makes {@code long double} a {@code double}, every enum an
     * {@code int} and an empty struct 4 bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"clang-mingw-pdb", "clang-msvc-pdb-arm64"})
    void linuxDwarfAndWindowsPdbAgreeUpToTheDataModel(String flavour) throws Exception {
        int same = 0;
        boolean msvc = flavour.startsWith("clang-msvc");
        // The freestanding msvc flavours have no libdemo: it needs a C library.
        for (String lib : msvc ? List.of("types", "calls", "callconv") : List.of("types", "calls", "callconv", "demo")) {
            TypeSystem linux = DebugInfo.open(Fixtures.library("clang-dwarf5-O0-lld", lib)).typeSystem();
            DebugInfo pdb = DebugInfo.open(Fixtures.windowsLibrary(flavour, lib));
            assertTrue(pdb.debugFile().toString().endsWith(".pdb"), pdb.debugFile().toString());
            TypeSystem windows = pdb.typeSystem();
            Map<String, List<Integer>> l = byTag(linux);
            Map<String, List<Integer>> w = byTag(windows);
            var differing = new ArrayList<String>();
            for (var e : l.entrySet()) {
                List<Integer> wins = w.get(e.getKey());
                if (wins == null || e.getKey().startsWith("enum ")) continue;
                var ls = e.getValue().stream().map(id -> Shapes.flatLayout(linux, id)).distinct().sorted().toList();
                var ws = wins.stream().map(id -> Shapes.flatLayout(windows, id)).distinct().sorted().toList();
                if (ls.equals(ws)) {
                    same++;
                    continue;
                }
                boolean explained = e.getValue().stream().anyMatch(id -> Shapes.dependsOnDataModel(linux, id)
                        || Shapes.hasBitfields(linux, id) || Shapes.hasAtomicMember(linux, id)
                        || msvc && (Shapes.holdsLongDouble(linux, id) || holdsEmptyStruct(linux, id) || Shapes.holdsEnumOtherThanInt(linux, id)));
                assertTrue(explained, lib + ": " + e.getKey() + " differs unexplained:\n linux   " + ls + "\n windows " + ws);
                differing.add(e.getKey());
            }
            for (var e : l.entrySet()) {
                if (!e.getKey().startsWith("enum ") || !w.containsKey(e.getKey())) continue;
                EnumType le = linux.type(e.getValue().getFirst(), EnumType.class);
                var lv = le.values();
                var wv = windows.type(w.get(e.getKey()).getFirst(), EnumType.class).values();
                if (msvc && le.byteSize() != 4) {
                    // An int under the Microsoft ABI: the same values cut to 32 bits, signed.
                    lv = lv.stream().map(v -> new dev.dwarfbind.types.Enumerator(v.name(),
                            java.math.BigInteger.valueOf(v.value().intValue()))).toList();
                }
                assertEquals(lv, wv, lib + ": " + e.getKey());
            }
            int functions = sameParameters(lib, linux, windows);
            System.out.printf("CrossPlatformTypesTest %s lib%s: %d records differ as documented (data model, ABI) %s, %d signatures%n",
                    flavour, lib, differing.size(), differing, functions);
        }
        assertTrue(same >= (msvc ? 40 : 50), "records identical: " + same);
    }

    /**
     * One ABI, two machines: the freestanding fixtures built by clang for
     * {@code x86_64-pc-windows-msvc} and for {@code aarch64-pc-windows-msvc} (both LLP64, both
     * with a PDB) define every record and enum alike, and every function both export has the same
     * parameters. Nothing is allowed to differ.
     */
    @Test
    void windowsX64AndArm64Agree() throws Exception {
        int same = 0;
        int functions = 0;
        for (String lib : List.of("types", "calls", "callconv")) {
            TypeSystem x64 = DebugInfo.open(Fixtures.windowsLibrary("clang-msvc-pdb", lib)).typeSystem();
            TypeSystem arm64 = DebugInfo.open(Fixtures.windowsLibrary("clang-msvc-pdb-arm64", lib)).typeSystem();
            assertEquals("aarch64", arm64.target().arch());
            assertEquals(DataModel.LLP64, arm64.target().dataModel());
            Map<String, List<Integer>> x = byTag(x64);
            Map<String, List<Integer>> a = byTag(arm64);
            for (var e : x.entrySet()) {
                List<Integer> arms = a.get(e.getKey());
                if (arms == null) continue;  // scalars.c is left out of the x86-64 build (it needs compiler-rt)
                if (e.getKey().startsWith("enum ")) {
                    assertEquals(x64.type(e.getValue().getFirst(), EnumType.class).values(),
                            arm64.type(arms.getFirst(), EnumType.class).values(), lib + ": " + e.getKey());
                    same++;
                    continue;
                }
                var xs = e.getValue().stream().map(id -> Shapes.flatLayout(x64, id)).distinct().sorted().toList();
                var as = arms.stream().map(id -> Shapes.flatLayout(arm64, id)).distinct().sorted().toList();
                assertEquals(xs, as, lib + ": " + e.getKey());
                same++;
            }
            functions += sameParameters("arm64 lib" + lib, x64, arm64);
        }
        System.out.printf("CrossPlatformTypesTest x64/arm64: %d records and enums identical, %d signatures%n", same, functions);
        assertTrue(same >= 50 && functions >= 100, same + " records, " + functions + " functions");
    }

    /**
     * zlib, a real library: built by clang-19 -O2 for Linux (DWARF) and for Windows (a PDB, and
     * DWARF in the DLL), every struct it defines has the same flattened layout up to the data
     * model (z_stream's uLong members are long), and every export both have the same parameters.
     */
    @Test
    void zlibAgreesAcrossPlatforms() throws Exception {
        TypeSystem linux = DebugInfo.open(Fixtures.zlib("clang")).typeSystem();
        for (String kind : List.of("pdb", "dwarf")) {
            TypeSystem windows = DebugInfo.open(Fixtures.zlibDll(kind)).typeSystem();
            Map<String, List<Integer>> l = byTag(linux);
            Map<String, List<Integer>> w = byTag(windows);
            int same = 0;
            for (var e : l.entrySet()) {
                if (!w.containsKey(e.getKey()) || e.getKey().startsWith("enum ")) continue;
                var ls = e.getValue().stream().map(id -> Shapes.flatLayout(linux, id)).distinct().sorted().toList();
                var ws = w.get(e.getKey()).stream().map(id -> Shapes.flatLayout(windows, id)).distinct().sorted().toList();
                if (ls.equals(ws)) {
                    same++;
                } else {
                    assertTrue(e.getValue().stream().anyMatch(id -> Shapes.dependsOnDataModel(linux, id) || Shapes.hasBitfields(linux, id)),
                            "zlib " + kind + ": " + e.getKey() + " differs unexplained:\n linux   " + ls + "\n windows " + ws);
                }
            }
            int functions = sameParameters("zlib " + kind, linux, windows);
            System.out.printf("CrossPlatformTypesTest zlib %s: %d records identical, %d signatures%n", kind, same, functions);
            assertTrue(functions >= 80, "zlib " + kind + " signatures compared: " + functions);
        }
    }

    private static void compare(String lib, TypeSystem linux, TypeSystem windows) {
        int same = 0;
        var differing = new ArrayList<String>();
        // By tag, every record or enum of that tag: two units may define different structs of
        // one tag, and which one the name finds depends on link order.
        Map<String, List<Integer>> l = byTag(linux);
        Map<String, List<Integer>> w = byTag(windows);
        for (var e : l.entrySet()) {
            String name = e.getKey();
            List<Integer> wins = w.get(name);
            if (wins == null) continue;  // a system header's type of one platform only
            var ls = e.getValue().stream().map(id -> Shapes.layout(linux, id)).sorted().toList();
            var ws = wins.stream().map(id -> Shapes.layout(windows, id)).sorted().toList();
            if (ls.equals(ws)) {
                same++;
                continue;
            }
            boolean model = e.getValue().stream().anyMatch(id -> Shapes.dependsOnDataModel(linux, id));
            boolean msBitfields = e.getValue().stream().anyMatch(id -> Shapes.hasBitfields(linux, id));
            assertTrue(model || msBitfields, lib + ": " + name + " differs though it holds no long, wchar_t or bitfield:\n linux   "
                    + ls + "\n windows " + ws);
            differing.add(name);
        }
        for (var t : windows.types()) {
            if (t instanceof ScalarType s && Shapes.isLong(s.name())) assertEquals(4, s.byteSize(), lib + ": " + s);
        }
        for (var t : linux.types()) {
            if (t instanceof ScalarType s && Shapes.isLong(s.name())) assertEquals(8, s.byteSize(), lib + ": " + s);
        }
        int functions = sameParameters(lib, linux, windows);
        System.out.printf("CrossPlatformTypesTest lib%s: %d records/enums identical, %d differ by the data model %s, %d signatures%n",
                lib, same, differing.size(), differing, functions);
        if (lib.equals("types")) {
            assertTrue(same >= 30, "records compared: " + same);
            assertTrue(functions >= 50, "functions compared: " + functions);
        }
    }

    /**
     * Whether record {@code id} is or holds by value a struct with no members: 0 bytes in GNU C, but the Microsoft ABI gives it a size (clang
     * {@code -windows-msvc} makes it 4 bytes, as the PDB records).
     */
    private static boolean holdsEmptyStruct(TypeSystem ts, int id) {
        if (!(ts.type(ts.strip(id)) instanceof RecordType r)) return false;
        return r.fields().isEmpty() && r.byteSize() == 0 || r.fields().stream().anyMatch(f -> holdsEmptyStruct(ts, f.type()));
    }

    private static Map<String, List<Integer>> byTag(TypeSystem ts) {
        var out = new java.util.TreeMap<String, List<Integer>>();
        for (int id = 0; id < ts.types().size(); id++) {
            String key = switch (ts.type(id)) {
                case RecordType r when r.tag() != null && r.complete() -> r.kind().keyword() + " " + r.tag();
                case EnumType en when en.tag() != null && en.complete() -> "enum " + en.tag();
                default -> null;
            };
            if (key != null) out.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
        return out;
    }

    /** Checks every function both export has the same parameter names; returns how many. */
    private static int sameParameters(String lib, TypeSystem linux, TypeSystem windows) {
        int functions = 0;
        for (FunctionDecl f : linux.functions().values()) {
            var g = windows.function(f.name());
            if (g.isEmpty()) continue;
            assertEquals(names(linux, f), names(windows, g.get()), lib + ": parameters of " + f.name());
            functions++;
        }
        return functions;
    }

    private static List<String> names(TypeSystem ts, FunctionDecl f) {
        return ts.signature(f).parameters().stream().map(Parameter::name).toList();
    }
}
