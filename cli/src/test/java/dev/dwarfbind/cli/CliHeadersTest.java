package dev.dwarfbind.cli;

import dev.dwarfbind.bind.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --header} on inspect, call, sidecar and gen, and {@code check}, on stripped system zlib and the fixtures. */
class CliHeadersTest {
    private static final Path SYSTEM_ZLIB = Path.of("/lib/x86_64-linux-gnu/libz.so.1");

    private static Path build() {
        String prop = System.getProperty("dwarfbind.build");
        return (prop != null ? Path.of(prop) : Path.of("build")).toAbsolutePath();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = Main.commandLine(false).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void inspectAndCallAStrippedLibraryThroughItsHeader() {
        Run r = run("inspect", SYSTEM_ZLIB.toString(), "--header", "zlib.h", "--function", "compress2");
        assertEquals(0, r.status(), r.err());
        assertEquals("int compress2(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen, int level);", r.out().strip());
        Run c = run("inspect", SYSTEM_ZLIB.toString(), "--header", "zlib.h", "--constant", "Z_BEST_COMPRESSION");
        assertEquals("Z_BEST_COMPRESSION = 9  /* int */", c.out().strip(), c.err());
        Run call = run("call", SYSTEM_ZLIB.toString(), "--header", "zlib.h", "compressBound", "100");
        assertEquals(0, call.status(), call.err());
        assertTrue(call.out().contains("113"), call.out());
        Run bad = run("inspect", SYSTEM_ZLIB.toString(), "--header", "no_such_header.h");
        assertEquals(ErrorHandler.USER_ERROR, bad.status());
        assertTrue(bad.err().startsWith("dwarfbind: Clang cannot parse no_such_header.h"), bad.err());
        assertTrue(bad.err().contains("fatal error: 'no_such_header.h' file not found"), bad.err());
    }

    @Test
    void genWritesBindingsForAStrippedLibraryFromItsHeaderWithItsMacrosAsConstants(@TempDir Path tmp) throws Exception {
        Run r = run("gen", SYSTEM_ZLIB.toString(), "--header", "zlib.h", "-D", "ZLIB_CONST", "-o", tmp.toString(), "--package", "com.example.z");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("wrote "), r.out());
        String z = Files.readString(tmp.resolve("com/example/z/Z.java"));
        assertTrue(z.contains("public static final int Z_BEST_COMPRESSION = 9;"), z);
        assertTrue(z.contains("public static long compressBound(long sourceLen)"), z);
        Run inProcess = run("gen", SYSTEM_ZLIB.toString(), "--header", "zlib.h", "--clang-in-process", "--mode", "bound",
                "-o", tmp.resolve("bound").toString(), "--package", "com.example.z");
        assertEquals(0, inProcess.status(), inProcess.err());
        assertTrue(Files.readString(tmp.resolve("bound/com/example/z/Z.java")).contains("Headers.of(\"zlib.h\").inProcess()"));
        Run noHeader = run("gen", SYSTEM_ZLIB.toString(), "--clang-in-process", "-o", tmp.toString(), "--package", "p");
        assertEquals(ErrorHandler.USER_ERROR, noHeader.status());
        assertTrue(noHeader.err().contains("--clang-in-process and --clang-timeout need --header"), noHeader.err());
        Run both = run("inspect", SYSTEM_ZLIB.toString(), "--header", "zlib.h", "--clang-in-process", "--clang-timeout", "5");
        assertEquals(ErrorHandler.USER_ERROR, both.status());
        assertTrue(both.err().contains("--clang-timeout applies to the child process, not --clang-in-process"), both.err());
    }

    @Test
    void aSidecarFromTheHeaderTypesTheStrippedLibraryOnTheDwarfPath(@TempDir Path tmp) throws Exception {
        Path lib = Files.copy(SYSTEM_ZLIB, tmp.resolve("libz.so.1"));
        Run r = run("sidecar", lib.toString(), "--header", "zlib.h", "-o", tmp.resolve("libz.so.1.debug").toString(), "--compress", "zstd");
        assertEquals(0, r.status(), r.err());
        byte[] data = "the quick brown fox".repeat(50).getBytes();
        CRC32 crc = new CRC32();
        crc.update(data);
        try (Library z = Library.open(lib)) {   // typed by the sidecar's DWARF, found by build-id
            assertEquals(crc.getValue(), (Long) z.function("crc32").invoke(0L, data, data.length));
        }
    }

    @Test
    void checkAgreesForZlibAndFindsAHeaderThatDoesNotMatchItsBinary(@TempDir Path tmp) throws Exception {
        Path zlib = build().resolve("zlib/clang");
        Run ok = run("check", zlib.resolve("libz.so").toString(), "--header", "zlib.h", "-I", zlib.resolve("tree").toString());
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertTrue(ok.out().contains(" 0 differences"), ok.out());
        // A header written against another version of the demo library.
        Files.writeString(tmp.resolve("demo.h"), """
                #include <stddef.h>
                struct point { float x; double y; };
                struct point point_scale(struct point p, float k);
                int add(int a, int b);
                """);
        Path demo = build().resolve("fixtures/clang-dwarf5-O2-lld/libdemo.so");
        Run bad = run("check", demo.toString(), "--header", "demo.h", "-I", tmp.toString());
        assertEquals(1, bad.status(), bad.out() + bad.err());
        assertTrue(bad.out().contains("layout: struct point\n  debug info: struct size 16 align 8 { x @0 float64; y @8 float64 }\n"
                + "  headers:    struct size 16 align 8 { x @0 float32; y @8 float64 }"), bad.out());
        assertTrue(bad.out().contains("signature: point_scale\n  debug info: struct point(struct point,float64)\n"
                + "  headers:    struct point(struct point,float32)"), bad.out());
        assertTrue(!bad.out().contains("signature: add"), bad.out());
    }
}
