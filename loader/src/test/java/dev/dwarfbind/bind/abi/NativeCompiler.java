package dev.dwarfbind.bind.abi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a C compiler to build a shared library, failing with the compiler's own diagnostics. */
final class NativeCompiler {
    private NativeCompiler() {
    }

    /** Whether {@code compiler} can be started at all. */
    static boolean available(String compiler) {
        try {
            Process p = new ProcessBuilder(compiler, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code compiler -shared -fPIC -g -O1 -o output source}; throws with stderr if it fails. */
    static void sharedLibrary(String compiler, Path source, Path output) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of(compiler, "-shared", "-fPIC", "-g", "-O1", "-o", output.toString(), source.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // Read before waiting: a compiler with a lot to say would otherwise block on a full pipe.
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed with exit code " + p.exitValue() + ":\n" + text);
        }
    }
}
