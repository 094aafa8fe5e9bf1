package dev.dwarfbind.oracle;

import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.UntypedSymbol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential tests of the reader on a real library, zlib built with -g by scripts/build-zlib
 * with clang and with gcc: every exported function must be typed, every struct must agree with
 * pahole (and llvm-dwarfdump) and every signature with llvm-dwarfdump. A missing build fails
 * the test (run scripts/build-zlib).
 */
class ZlibDifferentialTest {
    private static OracleSubject subject(String compiler) {
        return OracleSubject.of(Fixtures.zlib(compiler), "zlib/" + compiler + "/libz.so");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clang", "gcc"})
    void everyExportedFunctionIsTyped(String compiler) {
        OracleSubject s = subject(compiler);
        List<UntypedSymbol> untyped = s.ts().untyped().stream().filter(u -> u.kind() == UntypedSymbol.Kind.FUNCTION).toList();
        assertTrue(untyped.isEmpty(), s.label() + ": zlib is built with -g throughout, yet " + untyped.size()
                + " exported function(s) are untyped:\n  - " + String.join("\n  - ",
                untyped.stream().map(u -> u.name() + ": " + u.reason()).toList()));
        OracleComparison cmp = s.comparison();
        cmp.compareExports(s.dynsyms());
        cmp.assertAgreement("with llvm-readelf --dyn-syms");
        assertTrue(s.ts().functions().size() >= 80, s.label() + ": only " + s.ts().functions().size()
                + " functions; zlib exports about 90");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clang", "gcc"})
    void recordLayoutsAgreeWithPahole(String compiler) {
        OracleSubject s = subject(compiler);
        OracleComparison cmp = s.comparison();
        String oracle = cmp.compareLayoutsPreferringPahole(s);
        System.out.printf("%s: %d records, %d members compared with %s%n", s.label(), cmp.recordsCompared(),
                cmp.membersCompared(), oracle);
        cmp.assertAgreement("with " + oracle);
        // z_stream, gz_state, internal_state, inflate_state, ... at least.
        assertTrue(cmp.recordsCompared() >= 5, s.label() + ": only " + cmp.recordsCompared() + " structs compared with " + oracle);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clang", "gcc"})
    void recordLayoutsAgreeWithDwarfdump(String compiler) {
        OracleSubject s = subject(compiler);
        OracleComparison cmp = s.comparison();
        cmp.compareLayouts(s.dwarfdump());
        System.out.printf("%s: %d records, %d members compared with llvm-dwarfdump%n", s.label(), cmp.recordsCompared(),
                cmp.membersCompared());
        cmp.assertAgreement("with llvm-dwarfdump's DW_TAG_structure_type/union_type");
        assertTrue(cmp.recordsCompared() >= 5, s.label() + ": only " + cmp.recordsCompared() + " structs compared with llvm-dwarfdump");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clang", "gcc"})
    void signaturesAgreeWithDwarfdump(String compiler) {
        OracleSubject s = subject(compiler);
        OracleComparison cmp = s.comparison();
        cmp.compareSignatures(s.dwarfdump(), s.dynsyms());
        System.out.printf("%s: %d functions compared with llvm-dwarfdump%n", s.label(), cmp.functionsCompared());
        cmp.assertAgreement("with llvm-dwarfdump's DW_TAG_subprogram");
        assertTrue(cmp.functionsCompared() >= 80, s.label() + ": only " + cmp.functionsCompared() + " functions compared");
    }
}
