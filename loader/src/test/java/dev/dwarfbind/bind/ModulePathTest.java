package dev.dwarfbind.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars as named modules: a small application module ({@code src/test/resources/modular-app}) is
 * compiled against the reader's and loader's classes on the module path and run in a JVM of its own with
 * {@code --module-path}, so that module declarations, exports, readability and native access are what a
 * modular user gets, not what the class path used by the other tests forgives.
 */
class ModulePathTest {
    @TempDir
    static Path work;
    static String modulePath;
    static Path classes;

    @BeforeAll
    static void compileApplication() throws IOException {
        // The test class path holds the loader's target/classes, the reader and llvm modules (as
        // classes or jars, each with its module-info.class) and the runtime dependency jars; the
        // same entries make the module path. JUnit and the test classes stay off it.
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            String name = p.getFileName().toString();
            boolean modularClasses = Files.isRegularFile(p.resolve("module-info.class"));
            boolean runtimeJar = name.endsWith(".jar") && Stream.of("junit-", "opentest4j-", "apiguardian-", "surefire")
                    .noneMatch(name::startsWith);
            if (modularClasses || runtimeJar) entries.add(e);
        }
        modulePath = String.join(File.pathSeparator, entries);
        Path src = Path.of("src/test/resources/modular-app/demo.app").toAbsolutePath();
        classes = work.resolve("demo.app");
        List<String> args = new ArrayList<>(List.of("-Xlint:all", "-Werror", "--module-path", modulePath,
                "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        var out = new java.io.ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, out, out, args.toArray(String[]::new));
        assertEquals(0, rc, "the modular application does not compile against the modules:\n" + out);
    }

    private static Result run(String... jvmOptions) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("--module-path", classes + File.pathSeparator + modulePath, "-m", "demo.app/demo.app.Main",
                LoaderFixtures.library("clang-dwarf5-O2-lld", "demo").toString()));
        Process p = new ProcessBuilder(cmd).redirectError(work.resolve("stderr").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the modular application did not finish");
        String err = Files.readString(work.resolve("stderr"));
        assertEquals(0, p.exitValue(), "exit " + p.exitValue() + "\n" + new String(out, StandardCharsets.UTF_8) + err);
        return new Result(new String(out, StandardCharsets.UTF_8).lines().toList(), err);
    }

    record Result(List<String> lines, String stderr) {
    }

    @Test
    void loaderWorksAsANamedModule() throws Exception {
        Result r = run("--enable-native-access=dev.dwarfbind.loader,demo.app");
        assertEquals(List.of(
                "module dev.dwarfbind.loader",
                "invoke 9",
                "exported-bind 42",
                "closed-bind-lookup 3",
                "closed-bind refused true",
                "struct 3.0 4.0",
                "callback-jdk [1, 2, 3]",
                "callback-exported [3, 2, 1]",
                "callback-closed refused ArgumentException true",
                "json true",
                "cdef 5"), r.lines());
        assertFalse(r.stderr().contains("restricted method"), r.stderr());
    }

    @Test
    void withoutNativeAccessTheJdkNamesTheLoaderModule() throws Exception {
        // JDK 25 warns (and a later JDK will refuse) when a module calls restricted methods without
        // being granted native access: the warning must name dwarfbind's module, not the application.
        Result r = run();
        assertTrue(r.stderr().contains("module dev.dwarfbind.loader"), r.stderr());
    }

    static {
        // Fail early with the build's instructions rather than a compile error if classes are missing.
        if (!Files.isDirectory(Path.of("src/test/resources/modular-app"))) {
            throw new UncheckedIOException(new IOException("run from the loader module directory"));
        }
    }
}
