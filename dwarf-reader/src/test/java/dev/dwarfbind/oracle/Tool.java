package dev.dwarfbind.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the external tools the oracles are built on (pahole, llvm-dwarfdump, llvm-readelf,
 * a C compiler) and captures what it prints.
 *
 * <p>Output goes to temporary files rather than pipes: llvm-dwarfdump prints megabytes for a
 * library like zlib, and reading two pipes from one thread can deadlock once either fills up.
 */
public final class Tool {
    /** What a finished run left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Whether the tool exited with status 0. */
        public boolean ok() {
            return exitCode == 0;
        }

        /** A short description for failure messages: the command, its status and its stderr. */
        public String describe() {
            String err = stderr.strip();
            if (err.length() > 2000) err = err.substring(0, 2000) + "...";
            return String.join(" ", command) + " exited with " + exitCode + (err.isEmpty() ? "" : ": " + err);
        }
    }

    private Tool() {
    }

    /** Runs {@code command} and returns its output, whatever its exit status. */
    public static Result run(List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("dwarfbind-oracle", ".out");
            err = Files.createTempFile("dwarfbind-oracle", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            // Generous: llvm-dwarfdump of an -O2 zlib takes well under a second, but CI machines are slow.
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 300 s");
            }
            return new Result(List.copyOf(command), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command)
                    + " (is it installed? scripts/bootstrap installs the oracles' tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Runs {@code command} and returns its standard output; a non-zero exit status is an error. */
    public static String stdout(String... command) {
        Result r = run(List.of(command));
        if (!r.ok()) throw new IllegalStateException(r.describe());
        return r.stdout();
    }

    /** {@code args} as a mutable list, for building commands. */
    static List<String> command(String... args) {
        return new ArrayList<>(List.of(args));
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A leftover temporary file is harmless.
        }
    }
}
