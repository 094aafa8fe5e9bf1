package dev.dwarfbind.bind;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.headers.Headers;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stripped system libraries with no debug info anywhere, typed from their Debian {@code -dev}
 * headers by libclang and called; results checked against {@code java.util.zip} and SQLite's own
 * answers.
 */
class HeaderTypedLibraryTest {
    private static final Path SYSTEM_ZLIB = Path.of("/lib/x86_64-linux-gnu/libz.so.1");
    private static final Path SYSTEM_SQLITE = Path.of("/lib/x86_64-linux-gnu/libsqlite3.so.0");

    private static byte[] sample() {
        var sb = new StringBuilder();
        var rnd = new Random(7);
        for (int i = 0; i < 3000; i++) sb.append("row ").append(i).append(' ').append(rnd.nextInt(1000)).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void strippedSystemZlibTypedByZlibHRoundTripsWithJavaUtilZip() throws Exception {
        // The premise: there is no debug info for it on this machine.
        assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(SYSTEM_ZLIB).typeSystem());
        byte[] data = sample();
        try (Library z = Library.open(SYSTEM_ZLIB, Headers.of("zlib.h"))) {
            assertEquals("int compress2(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen, int level);",
                    z.declaration(z.types().function("compress2").orElseThrow()));
            int level = z.constant("Z_BEST_COMPRESSION").intValue();
            assertEquals(9, level);
            long bound = (Long) z.function("compressBound").invoke((long) data.length);
            byte[] packed = new byte[(int) bound];
            long[] packedLen = {bound};
            assertEquals(z.constant("Z_OK").intValue(), z.function("compress2").invoke(packed, packedLen, data, (long) data.length, level));
            Inflater inflater = new Inflater();
            inflater.setInput(packed, 0, (int) packedLen[0]);
            byte[] back = new byte[data.length];
            assertEquals(data.length, inflater.inflate(back));
            assertArrayEquals(data, back);
            // ...and zlib inflates what java.util.zip deflated.
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            deflater.setInput(data);
            deflater.finish();
            byte[] javaPacked = new byte[data.length + 64];
            int javaLen = deflater.deflate(javaPacked);
            byte[] out = new byte[data.length];
            long[] outLen = {data.length};
            assertEquals(0, z.function("uncompress").invoke(out, outLen, javaPacked, (long) javaLen));
            assertEquals(data.length, outLen[0]);
            assertArrayEquals(data, out);
            CRC32 crc = new CRC32();
            crc.update(data);
            assertEquals(crc.getValue(), (Long) z.function("crc32").invoke(0L, data, data.length));
            assertEquals(z.constant("ZLIB_VERSION").value(), ((MemorySegment) z.function("zlibVersion").invoke()).reinterpret(64).getString(0));
            // Exports zlib.h does not declare (without _LARGEFILE64_SOURCE) are listed, with the reason.
            assertTrue(z.types().untypedSymbol("gzopen64").orElseThrow().reason().contains("not declared in zlib.h"));
        }
    }

    /** SQLite's {@code sqlite3_callback}: one result row. */
    @FunctionalInterface
    interface Row {
        int row(MemorySegment arg, int columns, MemorySegment values, MemorySegment names);
    }

    @Test
    void strippedSystemSqliteTypedBySqlite3HCallsBackIntoJava() throws Exception {
        assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(SYSTEM_SQLITE).typeSystem());
        try (Library sql = Library.open(SYSTEM_SQLITE, Headers.of("sqlite3.h")); Arena arena = Arena.ofConfined()) {
            int ok = sql.constant("SQLITE_OK").intValue();
            MemorySegment slot = arena.allocate(ADDRESS);
            assertEquals(ok, sql.function("sqlite3_open").invoke(":memory:", slot));
            MemorySegment db = slot.get(ADDRESS, 0);
            List<String> rows = new ArrayList<>();
            Row row = (arg, n, values, names) -> {
                MemorySegment vs = values.reinterpret(8L * n);
                MemorySegment ns = names.reinterpret(8L * n);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    sb.append(ns.getAtIndex(ADDRESS, i).reinterpret(256).getString(0)).append('=')
                            .append(vs.getAtIndex(ADDRESS, i).reinterpret(256).getString(0)).append(';');
                }
                rows.add(sb.toString());
                return 0;
            };
            int rc = (Integer) sql.function("sqlite3_exec").invoke(db,
                    "create table t(a integer, b text); insert into t values (6 * 7, 'x'), (1, 'y'); select a, b from t order by a",
                    row, MemorySegment.NULL, MemorySegment.NULL);
            assertEquals(ok, rc);
            assertEquals(List.of("a=1;b=y;", "a=42;b=x;"), rows);
            assertEquals(sql.constant("SQLITE_VERSION").value(),
                    ((MemorySegment) sql.function("sqlite3_libversion").invoke()).reinterpret(64).getString(0));
            assertEquals(ok, sql.function("sqlite3_close").invoke(db));
        }
    }

    @Test
    void aLibraryFoundByNameIsTypedByItsHeadersToo() throws Exception {
        try (Library z = Library.open("z", Headers.of("zlib.h"))) {
            assertEquals("uLong compressBound(uLong sourceLen);", z.declaration(z.types().function("compressBound").orElseThrow()));
            assertEquals(113L, z.function("compressBound").invoke(100L));
        }
    }

    @Test
    void aLibraryWithDwarfKeepsItsTypesAndGainsTheHeadersMacros() throws Exception {
        Path dir = LoaderFixtures.buildDir().resolve("zlib/clang");
        try (Library z = Library.open(dir.resolve("libz.so"), Headers.of("zlib.h").withIncludeDirs(dir.resolve("tree")))) {
            assertEquals(9, z.constant("Z_BEST_COMPRESSION").intValue());
            byte[] data = sample();
            CRC32 crc = new CRC32();
            crc.update(data);
            assertEquals(crc.getValue(), (Long) z.function("crc32").invoke(0L, data, data.length));
            // The DWARF's own declarations: gzopen64 is typed although zlib.h does not declare it.
            assertTrue(z.types().function("gzopen64").isPresent());
        }
    }

    @Test
    void exportsTheDwarfLeavesUntypedAreTypedByTheHeaders() throws Exception {
        // libsymbols: symbols_nodebug.c is compiled with -g0, the rest with -g.
        Path lib = LoaderFixtures.library("clang-dwarf5-O0-lld", "symbols");
        Path source = LoaderFixtures.buildDir().getParent().resolve("fixtures/symbols/symbols_nodebug.c");
        assertTrue(DebugInfo.open(lib).typeSystem().untypedSymbol("sym_nodebug_add").isPresent());
        try (Library l = Library.open(lib, Headers.of(source.toString())); Arena arena = Arena.ofConfined()) {
            assertEquals(5, l.function("sym_nodebug_add").invoke(2, 3));
            assertEquals(7.5, l.function("sym_nodebug_scale").invoke(2.5, 3.0));
            CStruct pair = (CStruct) l.function("sym_nodebug_pair").invoke(4L, -9L);
            assertEquals(-9L, pair.getLong("b"));
            assertEquals(5, l.variable("sym_nodebug_value").get());
            // The DWARF-typed exports are still the DWARF's.
            var dwarf = DebugInfo.open(lib).typeSystem();
            assertTrue(l.types().functions().keySet().containsAll(dwarf.functions().keySet()));
            for (var f : dwarf.functions().values()) {
                assertEquals(dwarf.type(f.type()), l.types().type(l.types().function(f.name()).orElseThrow().type()), f.name());
            }
        }
    }

    @Test
    void theDwarfPathNeverLoadsLibclang() throws Exception {
        // A fresh JVM opens a library typed by DWARF and calls it, logging every class it loads.
        Path lib = LoaderFixtures.buildDir().resolve("zlib/clang/libz.so");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path main = Files.createTempFile("DwarfOnly", ".java");
        try {
            Files.writeString(main, """
                    public class DwarfOnly {
                        public static void main(String[] a) throws Exception {
                            try (var lib = dev.dwarfbind.bind.Library.open(java.nio.file.Path.of(a[0]))) {
                                System.out.println("crc=" + lib.function("crc32").invoke(0L, new byte[] {1, 2, 3}, 3));
                            }
                        }
                    }
                    """);
            Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info",
                    "-cp", System.getProperty("java.class.path"), main.toString(), lib.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("crc=1438416925"), out);
            assertTrue(out.contains("dev.dwarfbind.bind.Library "), "class loading was not logged");
            for (String line : out.lines().toList()) {
                assertTrue(!line.contains("dev.dwarfbind.clang.") && !line.contains("dev.dwarfbind.headers.")
                        && !line.contains("dev.dwarfbind.bind.internal.clang."), line);
            }
        } finally {
            Files.deleteIfExists(main);
        }
    }
}
