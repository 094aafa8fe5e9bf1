package dev.dwarfbind.gen;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.gen.model.Mode;
import dev.dwarfbind.headers.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bindings generated for stripped system libraries (no debug info anywhere) from their Debian
 * {@code -dev} headers, compiled with {@code javac -Xlint:all -Werror} and called: zlib round trips
 * against {@code java.util.zip}, SQLite answering SQL.
 */
class HeaderGenTest {
    private static final Path SYSTEM_ZLIB = Path.of("/lib/x86_64-linux-gnu/libz.so.1");
    private static final Path SYSTEM_SQLITE = Path.of("/lib/x86_64-linux-gnu/libsqlite3.so.0");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void strippedSystemZlibFromZlibHRoundTripsAgainstJavaUtilZip(Mode mode) throws Exception {
        // The premise: there is no debug info for it on this machine.
        assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(SYSTEM_ZLIB).typeSystem());
        Generator.Result r = Generator.generate(SYSTEM_ZLIB, Headers.of("zlib.h"), GenOptions.of("gen.zh", "Z").withMode(mode));
        Compiled c = Compiled.of(r, "zlibheader", tmp, mode == Mode.STANDALONE);
        String z = c.source("gen/zh/Z.java");
        // zlib.h's macros are constants of the generated class, with Clang's values and types.
        assertTrue(z.contains("public static final int Z_BEST_COMPRESSION = 9;"), z);
        assertTrue(z.contains("public static final String ZLIB_VERSION = \""), z);
        assertTrue(z.contains("C headers (zlib.h, parsed by libclang"), z);
        if (mode == Mode.BOUND) {
            assertTrue(z.contains("dev.dwarfbind.headers.Headers headers = dev.dwarfbind.headers.Headers.of(\"zlib.h\");"), z);
        } else {
            assertTrue(!z.contains("dev.dwarfbind"), "standalone code needs java.base only");
        }
        c.run("gen.zh.ZlibHeaderUsage");
    }

    @Test
    void boundCodeOpensTheLibraryWithTheSameHeadersIncludeDirectoriesMadeAbsolute() throws Exception {
        Headers h = Headers.of("zlib.h").withIncludeDirs(Path.of("relative/include")).withDefine("ZLIB_CONST", null)
                .withNameFilters("(compress2?|uncompress|crc32|zlibVersion|compressBound)", "Z_.*", "ZLIB_VERSION");
        Generator.Result r = Generator.generate(SYSTEM_ZLIB, h, GenOptions.of("gen.zh", "Z").withMode(Mode.BOUND));
        Compiled c = Compiled.of(r, "zlibheader", tmp, false);
        assertEquals(6, r.binding().functions().size(), r.binding().functions().toString());
        assertTrue(c.source("gen/zh/Z.java").contains("dev.dwarfbind.headers.Headers.of(\"zlib.h\").withIncludeDirs(java.nio.file.Path.of(\""
                + Path.of("relative/include").toAbsolutePath() + "\")).withDefine(\"ZLIB_CONST\", null).withNameFilters("), c.source("gen/zh/Z.java"));
        c.run("gen.zh.ZlibHeaderUsage");
    }

    @Test
    void strippedSystemSqliteFromSqlite3HAnswersSql() throws Exception {
        Generator.Result r = Generator.generate(SYSTEM_SQLITE, Headers.of("sqlite3.h"), GenOptions.of("gen.sqlite", "Sqlite"));
        assertTrue(r.binding().functions().size() > 200, r.binding().functions().size() + " functions");
        Compiled c = Compiled.of(r, "sqlite", tmp, true);
        c.run("gen.sqlite.SqliteUsage");
    }
}
