package dev.dwarfbind.bind.internal.clang;

import dev.dwarfbind.bind.error.CompilationException;
import dev.dwarfbind.llvm.Toolchain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiles C source with the clang-19 {@link Toolchain} finds, with debug info ({@code -g -O1}): into a
 * shared library in a temporary directory that is deleted when the library is closed or, at the latest,
 * when the JVM exits ({@link #compile}), or into LLVM bitcode through a pipe, with no file at all
 * ({@link #bitcode}). Both name the source {@code input.c} in diagnostics and debug info.
 */
public final class RuntimeCompiler {
    /** Directories not yet deleted, removed by a shutdown hook. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final long TIMEOUT_SECONDS = 120;
    /** What both modes pass: debug info (the type source), and code as the library's own build would have it. */
    private static final List<String> FLAGS = List.of("-g", "-O1", "-fno-omit-frame-pointer", "-fdiagnostics-color=never");
    /** The name the source has in diagnostics and debug info. */
    public static final String SOURCE_NAME = "input.c";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(RuntimeCompiler::delete), "dwarfbind-compile-cleanup"));
    }

    /** A compiled library and the directory to delete with it. */
    public record Compiled(Path library, Path directory) {
        /** Deletes the directory (the library stays mapped until the JVM exits). */
        public void delete() {
            RuntimeCompiler.delete(directory);
        }
    }

    private RuntimeCompiler() {
    }

    /**
     * Compiles {@code source} with {@code arguments} added to clang's into a shared library.
     *
     * @throws CompilationException with clang's diagnostics when it does not compile
     */
    public static Compiled compile(String source, List<String> arguments) throws IOException {
        Path clang = Toolchain.find(Toolchain.Tool.CLANG);
        Path dir = Files.createTempDirectory("dwarfbind-compile-");
        PENDING.add(dir);
        boolean ok = false;
        try {
            Path src = Files.writeString(dir.resolve(SOURCE_NAME), source, StandardCharsets.UTF_8);
            Path lib = dir.resolve("libinput.so");
            List<String> cmd = new ArrayList<>(List.of(clang.toString(), "-shared", "-fPIC"));
            cmd.addAll(FLAGS);
            cmd.addAll(List.of("-o", lib.toString(), src.toString()));
            cmd.addAll(arguments);
            run(cmd, dir, null);
            ok = true;
            return new Compiled(lib, dir);
        } finally {
            if (!ok) delete(dir);
        }
    }

    /**
     * Compiles {@code source} with {@code arguments} added to clang's into LLVM bitcode, read from clang's
     * standard output: no file is written. Linker arguments ({@code -lm}) have no effect here.
     *
     * @throws CompilationException with clang's diagnostics when it does not compile
     */
    public static byte[] bitcode(String source, List<String> arguments) throws IOException {
        Path clang = Toolchain.find(Toolchain.Tool.CLANG);
        List<String> cmd = new ArrayList<>(List.of(clang.toString(), "-c", "-emit-llvm", "-x", "c"));
        cmd.addAll(FLAGS);
        // Linker flags are the shared-library mode's; here clang would only warn that they are unused.
        cmd.add("-Wno-unused-command-line-argument");
        cmd.addAll(List.of("-o", "-", "-"));
        cmd.addAll(arguments);
        // Source read from a pipe is "<stdin>" to clang: a line marker names it as the file mode does.
        String named = "#line 1 \"" + SOURCE_NAME + "\"\n" + source;
        return run(cmd, null, named.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs clang; its standard output on success, else a {@link CompilationException} with its diagnostics. */
    private static byte[] run(List<String> cmd, Path dir, byte[] input) throws IOException {
        var pb = new ProcessBuilder(cmd);
        if (dir != null) pb.directory(dir.toFile());
        Process p = pb.start();
        var err = new ByteArrayOutputStream();
        // Both pipes drained at once: a full one would block clang forever.
        Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        try {
            try (OutputStream in = p.getOutputStream()) {
                if (input != null) in.write(input);
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CompilationException("clang did not finish within " + TIMEOUT_SECONDS + " s", List.of());
            }
            errReader.join();
            if (p.exitValue() != 0) {
                String text = err.toString(StandardCharsets.UTF_8);
                if (input == null) text = new String(out, StandardCharsets.UTF_8) + text;
                List<String> lines = text.lines().filter(l -> l.contains(": error: ") || l.contains(": fatal error: ")).toList();
                throw new CompilationException(cmd.getFirst() + " failed (exit " + p.exitValue() + "):\n" + text.strip(), lines);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while compiling", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // The exit status reports the failure; a lost message is all this costs.
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            PENDING.remove(dir);
        } catch (IOException e) {
            if (Files.exists(dir)) throw new UncheckedIOException("cannot delete " + dir, e);
            PENDING.remove(dir);
        }
    }
}
