package dev.dwarfbind.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line tool on the demo fixture: output a compiler accepts, calls, and clean errors. */
class CliTest {
    private static Path demo() {
        String prop = System.getProperty("dwarfbind.build");
        Path p = (prop != null ? Path.of(prop) : Path.of("build")).resolve("fixtures/clang-dwarf5-O2-lld/libdemo.so");
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: run scripts/build-fixtures first");
        return p;
    }

    private static Path built(String relative, String script) {
        String prop = System.getProperty("dwarfbind.build");
        Path p = (prop != null ? Path.of(prop) : Path.of("build")).resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: run " + script + " first");
        return p;
    }

    private record Run(int status, String out, String err) {
    }

    @Test
    void macrosAsConstantsAndWhyNot() {
        String lib = built("macro-fixtures/gcc-dwarf5/libmacros.so", "scripts/build-macro-fixtures").toString();
        Run r = run("inspect", lib, "--constant", "MAC_HEX_U", "--constant", "MAC_STRING");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("MAC_HEX_U = 255  /* unsigned int */") && r.out().contains("MAC_STRING = \"hello\""), r.out());
        Run no = run("inspect", lib, "--constant", "MAC_FUNCTION");
        assertTrue(no.status() != 0 && no.err().contains("MAC_FUNCTION(x) ((x) + 1)") && no.err().contains("function-like macro"), no.err());
        assertTrue(run("inspect", lib, "--constant", "INT_MAX").status() != 0, "system macros only with --all-macros");
        Run all = run("inspect", lib, "--all-macros", "--constant", "INT_MAX");
        assertEquals(0, all.status(), all.err());
        assertTrue(all.out().contains("INT_MAX = 2147483647"), all.out());
        Run header = run("inspect", lib);
        assertTrue(header.out().contains("#define MAC_HEX_U 255U") && header.out().contains("MAC_SIZEOF: uses sizeof"), header.out());
    }

    /** A stripped library's debug file from a server given on the command line, with a progress line; --offline forbids it. */
    @Test
    void debuginfodOnTheCommandLine(@TempDir Path tmp) throws Exception {
        Path original = built("fixtures/gcc-dwarf5-O2-bfd/libdemo.so", "scripts/build-fixtures");
        Path lib = tmp.resolve("libdemo.so");
        Path debug = tmp.resolve("libdemo.debug");
        assertEquals(0, new ProcessBuilder("strip", "--strip-debug", "-o", lib.toString(), original.toString()).inheritIO().start().waitFor());
        assertEquals(0, new ProcessBuilder("objcopy", "--only-keep-debug", original.toString(), debug.toString()).inheritIO().start().waitFor());
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = Files.readAllBytes(debug);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        // The CLI's cache is the environment's: the build points it into target/ (pom.xml).
        String cache = System.getenv("DEBUGINFOD_CACHE_PATH");
        assertTrue(cache != null && cache.contains("target"), "DEBUGINFOD_CACHE_PATH=" + cache);
        String id = dev.dwarfbind.elf.ElfFile.open(original).buildId().orElseThrow();
        Path entry = Path.of(cache).resolve(id).resolve("debuginfo");
        Files.deleteIfExists(entry);
        try {
            Run offline = run("inspect", lib.toString(), "--offline", "--function", "add");
            assertTrue(offline.status() != 0 && offline.err().contains("offline"), offline.err());
            Run r = run("inspect", lib.toString(), "--function", "add", "--debuginfod", "http://127.0.0.1:" + server.getAddress().getPort());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("dwarfbind: downloading http://127.0.0.1:") && r.err().contains("KiB"), r.err());
            assertTrue(r.out().contains("int add(int a, int b);"), r.out());
        } finally {
            server.stop(0);
        }
    }

    /** {@code sidecar} on a DLL: the sidecar names the PDB's GUID and age, and a copy of the DLL without its PDB is inspected through it. */
    @Test
    void sidecarOfADllStandsInForItsPdb(@TempDir Path tmp) throws Exception {
        Path dll = built("windows/clang-msvc-pdb/libtypes.dll", "scripts/build-windows-fixtures");
        Path copy = tmp.resolve("libtypes.dll");
        Files.copy(dll, copy);
        Run none = run("inspect", copy.toString(), "--type", "struct outer");
        assertTrue(none.status() != 0 && none.err().contains("libtypes.dll.debug"), none.err());
        Run sc = run("sidecar", dll.toString(), "-o", tmp.resolve("libtypes.dll.debug").toString(), "--compress=zstd");
        assertEquals(0, sc.status(), sc.err());
        String guid = dev.dwarfbind.pe.PeFile.open(dll).codeView().orElseThrow().guidString();
        assertTrue(sc.out().contains("PDB GUID " + guid + " age 1") && sc.out().contains("libtypes.pdb: "), sc.out());
        Run viaSidecar = run("inspect", copy.toString(), "--type", "struct outer");
        Run viaPdb = run("inspect", dll.toString(), "--type", "struct outer");
        assertEquals(0, viaSidecar.status(), viaSidecar.err());
        assertEquals(viaPdb.out(), viaSidecar.out());
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Main.commandLine(false).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void inspectPrintsAHeaderTheCompilerAccepts(@TempDir Path tmp) throws Exception {
        Run r = run("inspect", demo().toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("struct point point_scale(struct point p, double k);"), r.out());
        Path h = tmp.resolve("demo.h");
        Files.writeString(h, r.out());
        Process p = new ProcessBuilder("clang-19", "-fsyntax-only", "-std=gnu17", "-x", "c", h.toString())
                .redirectErrorStream(true).start();
        String diag = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), diag);
    }

    @Test
    void inspectJsonAndOneFunction() {
        Run r = run("inspect", demo().toString(), "--function", "add", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"dwarfbind-types/1") && r.out().contains("\"add\""), r.out());
        r = run("inspect", demo().toString(), "--type", "struct point");
        assertTrue(r.out().contains("double x;"), r.out());
    }

    @Test
    void inspectConstantsAndNullPointers() {
        Path types = demo().resolveSibling("libtypes.so");
        Run r = run("inspect", types.toString(), "--constant", "ANON_X", "--constant", "WIDE_BIG");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("ANON_X = 10") && r.out().contains("WIDE_BIG = 4294967296"), r.out());
        r = run("inspect", types.toString(), "--constant", "NOPE");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no constant NOPE"), r.err());
        r = run("inspect", types.toString(), "--json");
        assertTrue(r.out().contains("\"constants\"") && r.out().contains("\"ANON_X\""), "constants in JSON");
        // count_vowels(const char *s) counts nothing for NULL, spelled either way.
        for (String nil : new String[]{"NULL", "null"}) {
            r = run("call", demo().toString(), "count_vowels", nil);
            assertEquals(0, r.status(), r.err());
            assertEquals("0", r.out().strip());
        }
    }

    @Test
    void callConvertsTextByTheCTypes() {
        Run r = run("call", demo().toString(), "add", "40", "2");
        assertEquals(0, r.status(), r.err());
        assertEquals("42", r.out().strip());
        r = run("call", demo().toString(), "point_scale", "{x=1.5,y=2}", "2");
        assertEquals("struct point { x = 3.0, y = 4.0 }", r.out().strip());
        r = run("call", demo().toString(), "sum_ints", "3", "1", "2", "3");
        assertEquals("6", r.out().strip());
        r = run("call", "--errno", demo().toString(), "parse_int", "99999999999999");
        assertTrue(r.out().contains("errno = 34"), r.out());
        // Through the JIT: 0.1 rounded once to long double (not via double), halved, printed exactly.
        String types = demo().resolveSibling("libtypes.so").toString();
        r = run("call", types, "sc_ldouble_half", "0.1");
        assertEquals(0, r.status(), r.err());
        assertEquals("0.05000000000000000000067762635780344027125465800054371356964111328125", r.out().strip());
        r = run("call", types, "sc_int128_neg", "170141183460469231731687303715884105727");
        assertEquals("-170141183460469231731687303715884105727", r.out().strip());
    }

    @Test
    void errorsAreOneLineWithStatus2() {
        Run r = run("call", demo().toString(), "ad", "1", "2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("did you mean add"), r.err());
        r = run("call", demo().toString(), "add", "1", "x");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("not a number"), r.err());
        r = run("inspect", "/nonexistent/libnothing.so");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("libnothing.so"), r.err());
        r = run("inspect", demo().toString(), "--function", "ad");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("did you mean add"), r.err());
    }

    /** inspect, call and sidecar take the debug file straight out of a Debian package with --debug-package. */
    @Test
    void debugPackageOnTheCommandLine(@TempDir Path tmp) throws Exception {
        Path gsl = Path.of("/usr/lib/x86_64-linux-gnu/libgsl.so.27");
        Path debs = built("debs", "scripts/fetch-debug-packages");
        Path deb;
        try (var s = Files.list(debs)) {
            deb = s.filter(p -> p.getFileName().toString().startsWith("libgsl-dbg_")).findFirst().orElseThrow();
        }
        Run r = run("inspect", gsl.toString(), "--debug-package", deb.toString(), "--function", "gsl_sf_bessel_J0");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("double gsl_sf_bessel_J0(const double x);"), r.out());
        Run call = run("call", gsl.toString(), "gsl_hypot", "3", "4", "--debug-package", deb.toString());
        assertEquals(0, call.status(), call.err());
        assertTrue(call.out().contains("5"), call.out());
        Path sidecar = tmp.resolve("libgsl.sidecar");
        Run sc = run("sidecar", gsl.toString(), "--debug-package", deb.toString(), "-o", sidecar.toString());
        assertEquals(0, sc.status(), sc.err());
        assertTrue(Files.size(sidecar) > 0);
        Run bad = run("inspect", gsl.toString(), "--debug-package", gsl.toString());
        assertTrue(bad.status() != 0 && bad.err().contains("not a Debian package"), bad.err());
    }

    @Test
    void genWritesBindingsAndReportsWhatItLeftOut(@TempDir Path tmp) throws Exception {
        Run r = run("gen", demo().toString(), "-o", tmp.toString(), "--package", "com.example.demo", "--class", "Demo",
                "--include-function", "add|point_.*|sort");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("com.example.demo.Demo with 4 functions, 0 variables"), r.out());
        String demo = Files.readString(tmp.resolve("com/example/demo/Demo.java"));
        assertTrue(demo.contains("public static int add(int a, int b)") && demo.contains("public interface sort$cmp"), demo);
        assertTrue(Files.exists(tmp.resolve("com/example/demo/point.java")));
        Path calls = demo().resolveSibling("libcalls.so");
        r = run("gen", calls.toString(), "-o", tmp.toString(), "--package", "com.example.calls", "--include-function", "cl_sum_ld1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("left out 1") && r.out().contains("cl_sum_ld1: long double"), r.out());
    }

    @Test
    void genErrorsAreOneLine(@TempDir Path tmp) {
        Run r = run("gen", demo().toString(), "-o", tmp.toString(), "--package", "com.int.x");
        assertEquals(2, r.status(), r.err()); // a user error, as for the other commands
        assertTrue(r.err().contains("package com.int.x uses the reserved word int"), r.err());
        r = run("gen", tmp.resolve("nothing.so").toString(), "-o", tmp.toString(), "--package", "p");
        assertTrue(r.err().contains("nothing.so: no such library file"), r.err());
        r = run("gen", demo().toString(), "-o", tmp.toString(), "--package", "p", "--mode", "jni");
        assertTrue(r.err().contains("--mode must be standalone or bound, not jni"), r.err());
        r = run("gen", demo().toString(), "-o", tmp.toString(), "--package", "p", "--include-function", "(");
        assertTrue(r.err().contains("--include-function (: not a regular expression"), r.err());
    }
}
