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

    private record Run(int status, String out, String err) {
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
