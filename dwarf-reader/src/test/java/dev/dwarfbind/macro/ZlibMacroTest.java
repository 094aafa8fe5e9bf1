package dev.dwarfbind.macro;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.MacroScope;
import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zlib from Debian's source, built with {@code gcc -g3} and with clang-19's split DWARF
 * ({@code -gsplit-dwarf -fdebug-macro}: macros in {@code .debug_macro.dwo}) by
 * {@code scripts/build-zlib}: its macros are constants, and every one that {@code zlib.h} (with
 * {@code zconf.h}) defines has the value and C type gcc gives it in a program including that header.
 */
class ZlibMacroTest {
    @ParameterizedTest
    @ValueSource(strings = {"gcc-g3", "clang-split-macros"})
    void zlibHeaderMacrosAgreeWithTheCompiler(String build, @TempDir Path tmp) throws Exception {
        Path zlib = Fixtures.zlib(build);
        TypeSystem ts = DebugInfo.open(zlib).typeSystem();
        Map<String, Constant> constants = ts.constants();
        assertEquals(BigInteger.valueOf(9), constants.get("Z_BEST_COMPRESSION").value());
        assertEquals(BigInteger.ZERO, constants.get("Z_OK").value());
        assertEquals(BigInteger.valueOf(-2), constants.get("Z_STREAM_ERROR").value());
        assertEquals(BigInteger.valueOf(15), constants.get("MAX_WBITS").value());
        assertTrue(constants.get("ZLIB_VERSION").value() instanceof String);
        assertEquals("function-like macro", ts.omittedMacro("deflateInit").orElseThrow().reason());
        for (String system : List.of("INT_MAX", "EOF", "NULL", "__GNUC__", "__x86_64__", "SEEK_SET", "O_RDONLY")) {
            assertFalse(constants.containsKey(system) || ts.omittedMacros().containsKey(system), system + " is not zlib's");
        }
        var names = new ArrayList<String>();
        for (Constant c : constants.values()) {
            if (c.type() == TypeSystem.NO_TYPE || !(ts.type(c.type()) instanceof EnumType)) names.add(c.name());
        }
        Path header = zlib.toRealPath().getParent().resolve("tree").resolve("zlib.h");
        Map<String, String> gcc = CompilerMacroOracle.values(names, "\"" + header + "\"", true, tmp.resolve("zlib-macros"));
        assertTrue(gcc.size() >= 30, "zlib.h defines " + gcc.size() + " of the constants: " + gcc.keySet());
        for (var e : gcc.entrySet()) {
            Constant ours = constants.get(e.getKey());
            assertEquals(CompilerMacroOracle.normalise(ours, e.getValue()), CompilerMacroOracle.describe(ts, ours), e.getKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcc-g3", "clang-split-macros"})
    void everyMacroOnRequest(String build) throws Exception {
        DebugInfo info = DebugInfo.open(Fixtures.zlib(build));
        TypeSystem own = info.typeSystem();
        TypeSystem all = info.withMacros(MacroScope.ALL).typeSystem();
        assertEquals(BigInteger.valueOf(Integer.MAX_VALUE), all.constants().get("INT_MAX").value());
        assertTrue(all.constants().size() > 2 * own.constants().size(),
                own.constants().size() + " own constants, " + all.constants().size() + " with system headers'");
    }
}
