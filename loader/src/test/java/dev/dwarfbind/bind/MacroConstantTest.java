package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.debuginfo.MacroScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lib.constant(NAME)} for the macros of a library built with {@code gcc -g3} or
 * {@code clang -fdebug-macro}: the value the C compiler gives (the library's own function
 * returns {@code MAC_INT + MAC_PER_UNIT}, compiled by that compiler), and the reason for a macro
 * that is not a constant.
 */
class MacroConstantTest {
    @ParameterizedTest
    @ValueSource(strings = {"gcc-dwarf5", "gcc-dwarf4", "gcc-dwarf4-macinfo", "clang-dwarf5", "clang-dwarf4",
            "clang-dwarf5-split", "clang-dwarf4-split", "clang-dwarf5-dwp-split"})
    void macrosAreConstants(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.macroLibrary(flavour))) {
            int answer = (Integer) lib.function("macros_answer").invoke();
            assertEquals(answer - 1, lib.constant("MAC_INT").intValue(), "macros_answer returns MAC_INT + 1");
            assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), lib.constant("MAC_ULL").value());
            assertEquals(-1L, lib.constant("MAC_ULL").longValue(), "its bit pattern as a long");
            assertEquals("hello, world\t!", lib.constant("MAC_STRING_JOINED").value());
            assertEquals(0.5 + 42, (Double) lib.constant("MAC_MIXED").value());
            assertFalse(lib.types().isComplete(), "a constant does not read the whole library");
            var e = assertThrows(BindingException.class, () -> lib.constant("MAC_FUNCTION"));
            assertTrue(e.getMessage().contains("MAC_FUNCTION(x) ((x) + 1)") && e.getMessage().contains("function-like macro"), e.getMessage());
            assertThrows(BindingException.class, () -> lib.constant("INT_MAX"), "system headers' macros are not the library's");
        }
        try (Library lib = Library.open(LoaderFixtures.macroLibrary(flavour), MacroScope.ALL)) {
            assertEquals(Integer.MAX_VALUE, lib.constant("INT_MAX").intValue());
        }
    }

    /**
     * zlib built with gcc -g3, and with clang-19's split DWARF (its types and macros in .dwo files):
     * its macros are the values its own functions use.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gcc-g3", "clang-split-macros"})
    void zlibMacros(String build) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.zlib(build))) {
            assertEquals(lib.function("zlibVersion").invokeString(), lib.constant("ZLIB_VERSION").value());
            byte[] data = "macros as constants, macros as constants, macros as constants".getBytes(StandardCharsets.US_ASCII);
            long[] packedLen = {(Long) lib.function("compressBound").invoke((long) data.length)};
            byte[] packed = new byte[(int) packedLen[0]];
            int level = lib.constant("Z_BEST_COMPRESSION").intValue();
            assertEquals(lib.constant("Z_OK").intValue(), lib.function("compress2").invoke(packed, packedLen, data, (long) data.length, level));
            assertEquals(level, 9);
        }
    }
}
