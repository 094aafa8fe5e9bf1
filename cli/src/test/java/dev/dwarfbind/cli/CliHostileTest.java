package dev.dwarfbind.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tool under hostile use: every error is one line naming the argument or file, never a trace. */
class CliHostileTest {
    private static Path fixture(String lib) {
        String prop = System.getProperty("dwarfbind.build");
        Path p = (prop != null ? Path.of(prop) : Path.of("build")).resolve("fixtures/clang-dwarf5-O2-lld/lib" + lib + ".so");
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: run scripts/build-fixtures first");
        return p;
    }

    private record Run(int status, String out, String err) {
        /** The error is exactly one line, starting "dwarfbind: ", without a stack trace. */
        Run oneLineError(int expected, String... fragments) {
            assertEquals(expected, status, err);
            assertTrue(err.startsWith("dwarfbind: ") && err.strip().lines().count() == 1, err);
            for (String f : fragments) assertTrue(err.contains(f), "missing '" + f + "' in: " + err);
            return this;
        }
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = Main.commandLine(false).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void anEmptyEnumArgumentIsAnError() {
        run("call", fixture("types").toString(), "en_next_color", "").oneLineError(2, "argument 1", "enum");
    }

    @Test
    void boolArgumentsAreTrueFalseOneOrZero() {
        String lib = fixture("types").toString();
        for (String bad : new String[]{"2", "yes", "0.5", ""}) {
            run("call", lib, "bf_basic_make", "1", "2", bad, "3", "4").oneLineError(2, "argument 3", "not a _Bool");
        }
        Run ok = run("call", lib, "bf_basic_make", "1", "2", "true", "3", "4");
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("flag = true"), ok.out());
    }

    @Test
    void variadicIntegersStayIntegers() {
        String lib = fixture("demo").toString();
        // 2^63 does not fit a long: it is passed as unsigned long, whose low 32 bits sum_ints reads as 0.
        Run r = run("call", lib, "sum_ints", "2", "0x8000000000000000", "5");
        assertEquals(0, r.status(), r.err());
        assertEquals("5", r.out().strip());
        run("call", lib, "sum_ints", "1", "0x10000000000000000").oneLineError(2, "argument 2", "does not fit a 64-bit integer");
    }

    @Test
    void typesWithoutDefinitionsAreDescribed() {
        String lib = fixture("demo").toString();
        Run r = run("inspect", lib, "--type", "int");
        assertEquals(0, r.status(), r.err());
        assertEquals("/* int: built into C, 4 bytes, aligned to 4 */", r.out().strip());
        r = run("inspect", lib, "--type", "void");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("/* void"), r.out());
    }

    @Test
    void filesThatAreNotLibrariesAreNamed(@TempDir Path tmp) throws Exception {
        run("inspect", tmp.toString()).oneLineError(2, tmp.toString(), "not a regular file (a directory)");
        Path fifo = tmp.resolve("libfifo.so");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> run("inspect", fifo.toString()).oneLineError(2, fifo.toString(), "not a regular file"));
        run("inspect", tmp.resolve("missing.so").toString()).oneLineError(2, "no such file", "missing.so");
    }

    @Test
    void aSidecarThatCannotBeWrittenNamesTheFile() {
        run("sidecar", fixture("demo").toString(), "-o", "/proc/version").oneLineError(2, "/proc/version");
    }

    @Test
    void badOptionsAreOneLine() {
        run("inspect", fixture("demo").toString(), "--no-such-option").oneLineError(2, "--no-such-option", "--help");
    }

    @Test
    void missingParametersAndSubcommandsAreOneLine() {
        run("inspect").oneLineError(2, "Missing required parameter", "LIB");
        run("call", fixture("demo").toString()).oneLineError(2, "Missing required parameter", "FUNCTION");
        run("gen", fixture("demo").toString()).oneLineError(2, "--output", "--package");
        run().oneLineError(2, "Missing required subcommand");
        run("sidecar", fixture("demo").toString(), "-o", "x\0y").oneLineError(2, "not a usable path");
    }

    @Test
    void internalErrorsAreOneLineUnlessDebugging() {
        var err = new StringWriter();
        int status = ErrorHandler.report(new IllegalStateException("boom"), new PrintWriter(err), false);
        assertEquals(ErrorHandler.INTERNAL_ERROR, status);
        assertEquals("dwarfbind: internal error: java.lang.IllegalStateException: boom (run with --debug for the stack trace)",
                err.toString().strip());
        err = new StringWriter();
        ErrorHandler.report(new IllegalStateException("boom"), new PrintWriter(err), true);
        assertTrue(err.toString().contains("\tat dev.dwarfbind.cli.CliHostileTest"), err.toString());
        assertFalse(Main.run("--debug", "--version") != 0);
    }
}
