package dev.dwarfbind.gen;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Standalone bindings in a JVM of their own with {@code java.base} alone ({@code --limit-modules
 * java.base}, nothing of dwarfbind on the class path), loading the library they were generated
 * from by path and by name, and refusing another build of it.
 */
class StandaloneGenTest {
    private static final String FLAVOUR = "clang-dwarf5-O2-lld";
    private static final String OTHER = "gcc-dwarf5-O2-lld";

    @TempDir
    static Path tmp;
    static Compiled demo;

    @BeforeAll
    static void generate() throws Exception {
        demo = Compiled.of(Compiled.fixture(FLAVOUR, "demo"), GenOptions.of("gen.demo", "Demo").withErrno("parse_int"), "demo", tmp.resolve("gen"), true);
    }

    /** Runs DemoUsage in a new JVM; returns exit code and output. */
    private static Run run(Map<String, String> env, String... properties) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var cmd = new ArrayList<>(List.of(java.toString(), "--limit-modules", "java.base", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("-cp", demo.classes().toString(), "gen.demo.DemoUsage"));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor(), out);
    }

    record Run(int exit, String output) {
    }

    @Test
    void runsWithJavaBaseOnly() throws Exception {
        Run r = run(Map.of());
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void refusesAnotherBuildByPath() throws Exception {
        Path other = Compiled.fixture(OTHER, "demo");
        Run r = run(Map.of(), "-Dgen.demo.Demo.library=" + other);
        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains(other + " is not the library these bindings were generated from: its build-id is "),
                r.output());
        assertTrue(r.output().contains("expected " + demo.result().binding().library().buildId()), r.output());
    }

    @Test
    void loadsByNameAndChecksWhatTheSystemFound() throws Exception {
        Path same = Files.createDirectories(tmp.resolve("same"));
        Files.copy(Compiled.fixture(FLAVOUR, "demo"), same.resolve("libdemo.so"));
        Run ok = run(Map.of("LD_LIBRARY_PATH", same.toString()), "-Dgen.demo.Demo.library=libdemo.so");
        assertEquals(0, ok.exit(), ok.output());

        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.copy(Compiled.fixture(OTHER, "demo"), other.resolve("libdemo.so"));
        Run refused = run(Map.of("LD_LIBRARY_PATH", other.toString()), "-Dgen.demo.Demo.library=libdemo.so");
        assertNotEquals(0, refused.exit());
        assertTrue(refused.output().contains(other.resolve("libdemo.so") + " is not the library these bindings were generated from"),
                refused.output());
    }

    @Test
    void missingLibraryIsAClearError() throws Exception {
        Run r = run(Map.of(), "-Dgen.demo.Demo.library=" + tmp.resolve("nowhere/libdemo.so"));
        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("nowhere/libdemo.so: no such library (these bindings were generated from libdemo.so; set -Dgen.demo.Demo.library=PATH"),
                r.output());
    }
}
