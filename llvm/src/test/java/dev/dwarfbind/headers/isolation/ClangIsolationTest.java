package dev.dwarfbind.headers.isolation;

import dev.dwarfbind.clang.ClangCrashException;
import dev.dwarfbind.clang.ClangException;
import dev.dwarfbind.clang.ClangTimeoutException;
import dev.dwarfbind.clang.Diagnostic;
import dev.dwarfbind.headers.HeaderReader;
import dev.dwarfbind.headers.HeaderTypes;
import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.json.TypeSystemJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clang in a child process, the default: real crashes inside libclang-19 (its debug pragmas), a
 * parse that hangs, headers with fatal errors; after each this JVM parses on, and nothing is left
 * behind.
 */
class ClangIsolationTest {
    @TempDir
    Path dir;

    /** zlib.h read in the worker, checked: the next parse after whatever happened works. */
    private static void nextParseWorks() {
        assertEquals(9, HeaderReader.read(Headers.of("zlib.h"), null, null).types().constant("Z_BEST_COMPRESSION").orElseThrow().intValue());
    }

    private Headers header(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
        return Headers.of(name).withIncludeDirs(dir);
    }

    /** Files a crashing JVM could leave in the working directory, and the worker's perf data in the temporary directory. */
    private static Set<String> leftovers() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("").toAbsolutePath())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("hs_err") || n.startsWith("core") || n.startsWith("replay_pid"))
                    .collect(Collectors.toSet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"crash", "parser_crash"})
    void aTrapInsideClangIsAClangCrashExceptionAndTheJvmParsesOn(String pragma) throws Exception {
        Set<String> before = leftovers();
        Headers h = header(pragma + ".h", "int before(void);\n#pragma clang __debug " + pragma + "\nint after(void);\n");
        var e = assertThrows(ClangCrashException.class, () -> HeaderReader.read(h, null, null));
        // The JVM's crash handler catches the trap in libclang, reports it on stderr and exits with 1.
        assertTrue(e.getMessage().startsWith("Clang crashed parsing " + pragma + ".h: its process (pid "), e.getMessage());
        assertTrue(e.getMessage().contains("died, exit status 1, after SIGILL in libclang-19.so"), e.getMessage());
        assertEquals(1, e.exitStatus());
        assertTrue(e.stderr().contains("Problematic frame:"), e.stderr());
        nextParseWorks();
        assertEquals(before, leftovers());
    }

    @Test
    void llvmsFatalErrorHandlerAbortingIsAClangCrashExceptionWithItsMessage() throws Exception {
        Headers h = header("fatal.h", "#pragma clang __debug llvm_fatal_error\n");
        var e = assertThrows(ClangCrashException.class, () -> HeaderReader.read(h, null, null));
        assertEquals(128 + 6, e.exitStatus());
        assertTrue(e.getMessage().contains("killed by signal 6 (SIGABRT); its stderr ends:\n"
                + "  LIBCLANG FATAL ERROR: #pragma clang __debug llvm_fatal_error"), e.getMessage());
        nextParseWorks();
    }

    @Test
    void aParseThatHangsIsKilledAfterTheTimeout() throws Exception {
        // Clang blocks opening a FIFO nobody writes to, as on a header of a hung network mount.
        Path fifo = dir.resolve("fifo.h");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        Headers h = header("hangs.h", "#include \"fifo.h\"\n").withTimeout(Duration.ofSeconds(3));
        nextParseWorks(); // a worker already running: the timeout is the parse's alone
        long pid = ClangProcess.workerPid();
        long start = System.nanoTime();
        var e = assertThrows(ClangTimeoutException.class, () -> HeaderReader.read(h, null, null));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took >= 3000 && took < 20_000, took + " ms");
        assertEquals("Clang did not finish parsing hangs.h within 3 s; its process (pid " + pid + ") was killed", e.getMessage());
        assertEquals(Duration.ofSeconds(3), e.timeout());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the worker is gone");
        nextParseWorks();
    }

    @Test
    void aWorkerKilledBetweenParsesIsReplaced() throws Exception {
        nextParseWorks();
        long pid = ClangProcess.workerPid();
        ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
        worker.destroyForcibly();
        worker.onExit().get(10, TimeUnit.SECONDS);
        nextParseWorks();
        assertTrue(ClangProcess.workerPid() > 0 && ClangProcess.workerPid() != pid);
    }

    @Test
    void stoppingTheWorkerEndsItsProcess() throws Exception {
        nextParseWorks();
        ProcessHandle worker = ProcessHandle.of(ClangProcess.workerPid()).orElseThrow();
        ClangProcess.stop();
        worker.onExit().get(10, TimeUnit.SECONDS);
        assertEquals(-1, ClangProcess.workerPid());
        nextParseWorks();
    }

    @Test
    void anIdleWorkerIsStopped() throws Exception {
        Duration before = ClangProcess.idle;
        try {
            ClangProcess.idle = Duration.ofMillis(400);
            nextParseWorks();
            ProcessHandle worker = ProcessHandle.of(ClangProcess.workerPid()).orElseThrow();
            // The reaper may be in a sleep begun under the 30 s idle time (a quarter of it).
            worker.onExit().get(30, TimeUnit.SECONDS);
            assertEquals(-1, ClangProcess.workerPid());
        } finally {
            ClangProcess.idle = before;
        }
        nextParseWorks();
    }

    @Test
    void aWorkerWhoseJvmIsKilledOutrightExits() throws Exception {
        // A JVM killed with SIGKILL runs no shutdown hook: its worker notices it is gone by itself.
        Path main = Files.writeString(dir.resolve("Parent.java"), """
                public class Parent {
                    public static void main(String[] a) throws Exception {
                        dev.dwarfbind.headers.HeaderReader.read(dev.dwarfbind.headers.Headers.of("zlib.h"), null, null);
                        ProcessHandle.current().children().forEach(c -> System.out.println(c.pid()));
                        System.out.flush();
                        Thread.sleep(600_000);
                    }
                }
                """);
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).readLine();
            assertTrue(line != null && line.matches("\\d+"), "the worker's pid: " + line);
            ProcessHandle worker = ProcessHandle.of(Long.parseLong(line)).orElseThrow();
            assertTrue(worker.info().commandLine().orElse("").contains(ClangWorker.class.getName()), worker.info().toString());
            parent.destroyForcibly().waitFor();
            worker.onExit().get(20, TimeUnit.SECONDS);
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void fatalErrorsComeBackAsDiagnosticsWithFileLineAndColumn() throws Exception {
        Headers missing = header("outer.h", "int ok(void);\n#include \"no_such_header.h\"\n");
        var e = assertThrows(ClangException.class, () -> HeaderReader.read(missing, null, null));
        assertFalse(e instanceof ClangCrashException);
        Diagnostic d = e.diagnostics().stream().filter(x -> x.severity() == Diagnostic.Severity.FATAL).findFirst().orElseThrow();
        assertEquals(dir.resolve("outer.h").toString(), d.location().file());
        assertEquals(2, d.location().line());
        assertEquals(10, d.location().column());
        assertTrue(e.getMessage().contains(dir.resolve("outer.h") + ":2:10: fatal error: 'no_such_header.h' file not found"), e.getMessage());

        Headers error = header("error.h", "struct s { int a; };\n\n#error this platform is not supported\n");
        var e2 = assertThrows(ClangException.class, () -> HeaderReader.read(error, null, null));
        assertTrue(e2.getMessage().contains(dir.resolve("error.h") + ":3:2: error: this platform is not supported"), e2.getMessage());
        assertTrue(e2.summary().startsWith("Clang cannot parse error.h (-xc --target="), e2.summary());
        nextParseWorks();
    }

    @Test
    void theChildGivesWhatThisJvmGives() throws Exception {
        // Everything travels: the type system (compared as its JSON), skipped macros, warnings, skipped types.
        Headers h = Headers.of("sqlite3.h").withDefine("SQLITE_OMIT_DEPRECATED", null);
        HeaderTypes child = HeaderReader.read(h, null, null);
        HeaderTypes here = HeaderReader.read(h.inProcess(), null, null);
        assertEquals(TypeSystemJson.toJson(here.types()), TypeSystemJson.toJson(child.types()));
        assertEquals(here.skippedMacros(), child.skippedMacros());
        assertEquals(here.warnings(), child.warnings());
        assertEquals(here.skippedTypes(), child.skippedTypes());
        assertTrue(child.types().functions().size() > 200);
    }

    @Test
    void theWorkerCommandNamesThisModuleAndWhatItNeeds() {
        List<String> cmd = WorkerCommand.of(Path.of("/usr/lib/llvm-19/lib/libclang.so.1"));
        assertTrue(cmd.getFirst().endsWith("/bin/java"));
        assertTrue(cmd.contains("-Ddwarfbind.libclang=/usr/lib/llvm-19/lib/libclang.so.1"));
        assertEquals(ClangWorker.class.getName(), cmd.getLast());
        String cp = cmd.get(cmd.indexOf("-cp") + 1);
        assertTrue(cp.contains("jackson-databind") && cp.contains("jackson-core") && cp.contains("jackson-annotations"), cp);
    }
}
