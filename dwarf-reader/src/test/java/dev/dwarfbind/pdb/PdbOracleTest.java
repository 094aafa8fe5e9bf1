package dev.dwarfbind.pdb;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The type system read from each fixture DLL's PDB, and zlib's, against {@code llvm-pdbutil-19}: every
 * complete named struct and union (size, and every member's bit offset and width, anonymous
 * members flattened as CodeView records them), every enum's values, and every function's
 * parameter names, count and calling convention.
 */
class PdbOracleTest {
    private static final String[][] DLLS = {
            {"clang-msvc-pdb", "types"}, {"clang-msvc-pdb", "calls"}, {"clang-msvc-pdb", "callconv"},
            {"clang-mingw-pdb", "types"}, {"clang-mingw-pdb", "calls"}, {"clang-mingw-pdb", "callconv"}, {"clang-mingw-pdb", "demo"},
            {"clang-msvc-pdb-i686", "types"}, {"clang-msvc-pdb-i686", "calls"},
            {"clang-msvc-pdb-arm64", "types"}, {"clang-msvc-pdb-arm64", "calls"}, {"clang-msvc-pdb-arm64", "callconv"},
    };

    @Test
    void typesMatchPdbutil() throws Exception {
        int records = 0;
        int enumerators = 0;
        int functions = 0;
        var dlls = new java.util.ArrayList<Path>();
        for (String[] d : DLLS) dlls.add(Fixtures.windowsLibrary(d[0], d[1]));
        dlls.add(Fixtures.zlibDll("pdb"));  // a real library, -O2
        for (Path dll : dlls) {
            DebugInfo info = DebugInfo.open(dll);
            // The MinGW flavour records the PDB's absolute build path, which wins when it exists.
            assertEquals(dll.getFileName().toString().replace(".dll", ".pdb"), info.debugFile().getFileName().toString());
            TypeSystem ts = info.typeSystem();
            var oracle = new PdbutilOracle(info.debugFile());
            Map<String, List<PdbutilOracle.Layout>> ours = layouts(ts);
            for (var e : oracle.records.entrySet()) {
                var expected = new ArrayList<>(e.getValue());
                var actual = new ArrayList<>(ours.getOrDefault(e.getKey(), List.of()));
                Comparator<PdbutilOracle.Layout> order = Comparator.comparing(PdbutilOracle.Layout::toString);
                expected.sort(order);
                actual.sort(order);
                // Definitions identical in several units are one type to dwarfbind.
                assertEquals(expected.stream().distinct().toList(), actual.stream().distinct().toList(), dll + ": " + e.getKey());
                records++;
            }
            for (var e : oracle.enums.entrySet()) {
                int id = ts.typeNamed(e.getKey()).orElseThrow(() -> new AssertionError(dll + ": no " + e.getKey()));
                EnumType en = ts.type(id, EnumType.class);
                BigInteger range = BigInteger.ONE.shiftLeft(en.byteSize() * 8);
                var values = new TreeMap<String, BigInteger>();
                for (Enumerator v : en.values()) values.put(v.name(), v.value().mod(range));
                // The leaf holds a negative value's bits at some width (pdbutil prints them
                // unsigned): equal modulo the enum's size.
                var expected = new TreeMap<String, BigInteger>();
                e.getValue().forEach((k, v) -> expected.put(k, v.mod(range)));
                assertEquals(expected, values, dll + ": " + e.getKey());
                enumerators += values.size();
            }
            for (FunctionDecl f : ts.functions().values()) {
                String name = f.debugName() != null ? f.debugName() : f.name();
                var expected = oracle.parameters.get(name);
                if (expected == null) continue;
                FunctionType type = ts.signature(f);
                assertEquals(oracle.argumentCounts.get(name), type.parameters().size() + (type.variadic() ? 1 : 0), dll + ": arguments of " + name);
                assertEquals(switch (oracle.conventions.get(name)) {
                    case "cdecl" -> dev.dwarfbind.types.CallingConvention.DEFAULT;
                    case "stdcall" -> dev.dwarfbind.types.CallingConvention.STDCALL;
                    case "fastcall" -> dev.dwarfbind.types.CallingConvention.FASTCALL;
                    case "vectorcall" -> dev.dwarfbind.types.CallingConvention.VECTORCALL;
                    case "thiscall" -> dev.dwarfbind.types.CallingConvention.THISCALL;
                    default -> dev.dwarfbind.types.CallingConvention.UNKNOWN;
                }, type.convention(), dll + ": calling convention of " + name);
                if (!expected.isEmpty() || type.parameters().isEmpty()) {
                    assertEquals(expected, type.parameters().stream().map(p -> p.name()).toList(), dll + ": parameters of " + name);
                }
                functions++;
            }
        }
        System.out.printf("PdbOracleTest: %d records, %d enumerators, %d functions agree with llvm-pdbutil%n", records, enumerators, functions);
        assertTrue(records >= 120 && enumerators >= 70 && functions >= 300, records + " records, " + enumerators + " enumerators, " + functions + " functions");
    }

    /** Our complete named records, flattened the way CodeView stores them. */
    private static Map<String, List<PdbutilOracle.Layout>> layouts(TypeSystem ts) {
        var out = new TreeMap<String, List<PdbutilOracle.Layout>>();
        for (int id = 0; id < ts.types().size(); id++) {
            if (!(ts.type(id) instanceof RecordType r) || r.tag() == null || !r.complete()) continue;
            var members = new ArrayList<String>();
            flatten(ts, r, 0, members);
            members.sort(null);
            out.computeIfAbsent(r.kind().keyword() + " " + r.tag(), k -> new ArrayList<>()).add(new PdbutilOracle.Layout(r.byteSize(), members));
        }
        return out;
    }

    private static void flatten(TypeSystem ts, RecordType r, long base, List<String> out) {
        for (Field f : r.fields()) {
            if (f.name() == null && ts.type(ts.strip(f.type())) instanceof RecordType inner) {
                flatten(ts, inner, base + f.bitOffset(), out);
            } else if (f.isBitfield()) {
                out.add(f.name() + "@" + (base + f.bitOffset()) + ":" + f.bitSize());
            } else {
                out.add(f.name() + "@" + (base + f.bitOffset()));
            }
        }
    }
}
