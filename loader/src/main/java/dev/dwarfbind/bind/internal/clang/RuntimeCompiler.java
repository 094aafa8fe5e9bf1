package dev.dwarfbind.bind.internal.clang;

import dev.dwarfbind.bind.error.CompilationException;
import dev.dwarfbind.llvm.Toolchain;

import java.io.IOException;
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
 * Compiles C source with the clang-19 {@link Toolchain} finds into a shared library with debug
 * info ({@code -g}), in a temporary directory that is deleted when the library is closed or, at
 * the latest, when the JVM exits.
 */
public final class RuntimeCompiler {
    /** Directories not yet deleted, removed by a shutdown hook. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final long TIMEOUT_SECONDS = 120;

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
     * Compiles {@code source} with {@code arguments} added to clang's.
     *
     * @throws CompilationException with clang's diagnostics when it does not compile
     */
    public static Compiled compile(String source, List<String> arguments) throws IOException {
        Path clang = Toolchain.find(Toolchain.Tool.CLANG);
        Path dir = Files.createTempDirectory("dwarfbind-compile-");
        PENDING.add(dir);
        boolean ok = false;
        try {
            Path src = Files.writeString(dir.resolve("input.c"), source, StandardCharsets.UTF_8);
            Path lib = dir.resolve("libinput.so");
            List<String> cmd = new ArrayList<>(List.of(clang.toString(), "-shared", "-fPIC", "-g", "-O1",
                    "-fno-omit-frame-pointer", "-fdiagnostics-color=never", "-o", lib.toString(), src.toString()));
            cmd.addAll(arguments);
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            // Read before waiting: a full pipe would block clang forever.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CompilationException("clang did not finish within " + TIMEOUT_SECONDS + " s", List.of());
            }
            if (p.exitValue() != 0) {
                List<String> lines = out.lines().filter(l -> l.contains(": error: ") || l.contains(": fatal error: ")).toList();
                throw new CompilationException(clang + " failed (exit " + p.exitValue() + "):\n" + out.strip(), lines);
            }
            ok = true;
            return new Compiled(lib, dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling", e);
        } finally {
            if (!ok) delete(dir);
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
