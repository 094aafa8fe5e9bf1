package dev.dwarfbind.oracle;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.testing.CanonicalTypes;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential tests of the reader against tools no one here wrote, on every fixture library in
 * every flavour scripts/build-fixtures built: struct and union layouts against pahole (and
 * llvm-dwarfdump), function signatures against llvm-dwarfdump, the exported functions against
 * llvm-readelf's {@code .dynsym}, and the sources' static and hidden functions against the
 * reader's exports.
 *
 * <p>A missing flavour or library fails the test (run scripts/build-fixtures): CI builds them
 * first, and a silently skipped differential test proves nothing. The split-DWARF flavours (types
 * in .dwo files or a .dwp package, which pahole does not read) must read like the plain build of
 * the same compiler, DWARF version and linker.
 */
class FixtureDifferentialTest {
    static Stream<Arguments> libraries() {
        var out = new ArrayList<Arguments>();
        for (String flavour : Fixtures.flavours()) {
            if (flavour.endsWith("-split")) continue;
            for (String lib : FixtureSources.libraries()) out.add(Arguments.of(flavour, lib));
        }
        assertFalse(out.isEmpty(), "no fixture flavours in " + Fixtures.buildDir() + ": run scripts/build-fixtures");
        return out.stream();
    }

    static Stream<Arguments> splitLibraries() {
        var out = new ArrayList<Arguments>();
        for (String flavour : Fixtures.flavours()) {
            if (!flavour.endsWith("-split")) continue;
            for (String lib : FixtureSources.libraries()) out.add(Arguments.of(flavour, lib));
        }
        return out.stream();
    }

    private static OracleSubject subject(String flavour, String lib) {
        return OracleSubject.of(Fixtures.library(flavour, lib), flavour + "/lib" + lib + ".so");
    }

    @ParameterizedTest(name = "{0} lib{1}")
    @MethodSource("libraries")
    void recordLayoutsAgreeWithPahole(String flavour, String lib) {
        OracleSubject s = subject(flavour, lib);
        OracleComparison cmp = s.comparison();
        String oracle = cmp.compareLayoutsPreferringPahole(s);
        System.out.printf("%s: %d records, %d members compared with %s%n", s.label(), cmp.recordsCompared(),
                cmp.membersCompared(), oracle);
        cmp.assertAgreement("with " + oracle);
        // Every fixture library defines structs: comparing none means an oracle read nothing.
        assertTrue(cmp.recordsCompared() > 0, s.label() + ": no struct was compared with " + oracle);
    }

    @ParameterizedTest(name = "{0} lib{1}")
    @MethodSource("libraries")
    void recordLayoutsAgreeWithDwarfdump(String flavour, String lib) {
        OracleSubject s = subject(flavour, lib);
        OracleComparison cmp = s.comparison();
        cmp.compareLayouts(s.dwarfdump());
        System.out.printf("%s: %d records, %d members compared with llvm-dwarfdump%n", s.label(), cmp.recordsCompared(),
                cmp.membersCompared());
        cmp.assertAgreement("with llvm-dwarfdump's DW_TAG_structure_type/union_type");
        assertTrue(cmp.recordsCompared() > 0, s.label() + ": no struct was compared with llvm-dwarfdump");
    }

    @ParameterizedTest(name = "{0} lib{1}")
    @MethodSource("libraries")
    void signaturesAgreeWithDwarfdump(String flavour, String lib) {
        OracleSubject s = subject(flavour, lib);
        OracleComparison cmp = s.comparison();
        cmp.compareSignatures(s.dwarfdump(), s.dynsyms());
        System.out.printf("%s: %d functions compared with llvm-dwarfdump%n", s.label(), cmp.functionsCompared());
        cmp.assertAgreement("with llvm-dwarfdump's DW_TAG_subprogram");
        assertTrue(cmp.functionsCompared() > 0, s.label() + ": the reader found no function to compare");
    }

    @ParameterizedTest(name = "{0} lib{1}")
    @MethodSource("libraries")
    void exportedFunctionsAreTypedOrUntypedOnce(String flavour, String lib) {
        OracleSubject s = subject(flavour, lib);
        OracleComparison cmp = s.comparison();
        cmp.compareExports(s.dynsyms());
        cmp.assertAgreement("with llvm-readelf --dyn-syms");
    }

    @ParameterizedTest(name = "{0} lib{1}")
    @MethodSource("libraries")
    void staticAndHiddenFunctionsAreNotExported(String flavour, String lib) {
        OracleSubject s = subject(flavour, lib);
        OracleComparison cmp = s.comparison();
        cmp.compareLocalFunctions(FixtureSources.localFunctions(lib));
        cmp.assertAgreement("with the sources' static/hidden functions " + FixtureSources.localFunctions(lib));
    }

    /**
     * A split build reads JSON-equal to the plain build: the exports with every type they reach,
     * and the same named types. Two things differ between the builds themselves, not in reading
     * them: symbol addresses (the linked code moves), and the base types clang names
     * {@code DW_ATE_signed_64} and so on for {@code DW_OP_convert} in location expressions, which
     * it does not use in split DWARF.
     */
    @ParameterizedTest(name = "{0} lib{1}")
    @MethodSource("splitLibraries")
    void splitDwarfReadsLikeThePlainBuild(String flavour, String lib) throws Exception {
        String plainFlavour = flavour.replaceFirst("(-types)?(-dwp)?-split$", "");
        DebugInfo split = DebugInfo.open(Fixtures.library(flavour, lib));
        DebugInfo plain = DebugInfo.open(Fixtures.library(plainFlavour, lib));
        List<String> exports = plain.exports().stream().map(e -> e.name())
                .filter(name -> !(flavour.contains("-types-") && GCC_TYPE_UNITS_DROP_CONST.contains(name))).toList();
        assertEquals(withoutAddresses(CanonicalTypes.json(plain.typeSystem(exports))),
                withoutAddresses(CanonicalTypes.json(split.typeSystem(exports))), flavour + "/lib" + lib + " vs " + plainFlavour);
        assertEquals(namedTypes(plain.typeSystem()), namedTypes(split.typeSystem()), flavour + "/lib" + lib + " named types");
    }

    /**
     * The exports of libtypes whose types gcc 12 writes differently with {@code -fdebug-types-section}:
     * it gives {@code const volatile int} as {@code volatile int}, in split and plain builds alike
     * ({@link #gccTypeUnitsDropConstFromConstVolatile} shows it with llvm-dwarfdump).
     */
    private static final java.util.Set<String> GCC_TYPE_UNITS_DROP_CONST = java.util.Set.of("sc_const_volatile_int", "sc_qualified");

    /**
     * Why the two exports above are left out of the comparison for the type-unit flavours: in the
     * compiler's own output, read by llvm-dwarfdump, the variable declared {@code const volatile int}
     * has type {@code volatile int}; dwarfbind reads what is there. Should gcc stop doing this, the
     * test fails and the exception goes.
     */
    @Test
    void gccTypeUnitsDropConstFromConstVolatile() throws Exception {
        Path dwo = Fixtures.library("gcc-dwarf4-O2-bfd-types-split", "types").resolveSibling("libtypes.scalars.dwo");
        Process p = new ProcessBuilder("llvm-dwarfdump-19", "--debug-info", "--name=sc_const_volatile_int", dwo.toString())
                .redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), dump);
        assertTrue(dump.matches("(?s).*DW_AT_type\\s+\\(0x[0-9a-f]+ \"volatile int\"\\).*"), dump);
        var ts = DebugInfo.open(Fixtures.library("gcc-dwarf4-O2-bfd-types-split", "types")).typeSystem(List.of("sc_const_volatile_int"));
        assertEquals("extern volatile int sc_const_volatile_int;",
                dev.dwarfbind.cprint.CPrinter.declaration(ts, ts.variable("sc_const_volatile_int").orElseThrow()));
        var plain = DebugInfo.open(Fixtures.library("gcc-dwarf4-O2-bfd", "types")).typeSystem(List.of("sc_const_volatile_int"));
        assertEquals("extern const volatile int sc_const_volatile_int;",
                dev.dwarfbind.cprint.CPrinter.declaration(plain, plain.variable("sc_const_volatile_int").orElseThrow()));
    }

    private static String withoutAddresses(String json) {
        return json.replaceAll("\"address\"\\s*:\\s*\\d+", "\"address\": 0");
    }

    private static java.util.Set<String> namedTypes(dev.dwarfbind.types.TypeSystem ts) {
        var out = new java.util.TreeSet<>(ts.namedTypes().keySet());
        out.removeIf(n -> n.startsWith("DW_ATE_"));
        return out;
    }

    /** The static/hidden function names must be found at all, or the check above proves nothing. */
    @Test
    void sourcesDefineLocalFunctions() {
        List<String> withLocals = FixtureSources.libraries().stream().filter(l -> !FixtureSources.localFunctions(l).isEmpty()).toList();
        assertTrue(withLocals.containsAll(List.of("symbols", "calls", "callconv")),
                "static/hidden functions found only in " + withLocals + ": " + FixtureSources.localFunctions("symbols"));
        assertTrue(FixtureSources.localFunctions("symbols").containsAll(List.of("sym_static_add", "sym_hidden_sub",
                "sym_static_unused", "sym_ifunc_resolver", "sym_init")), FixtureSources.localFunctions("symbols").toString());
    }
}
