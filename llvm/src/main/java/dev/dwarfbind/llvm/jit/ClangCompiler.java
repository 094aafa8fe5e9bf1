package dev.dwarfbind.llvm.jit;

import dev.dwarfbind.llvm.Toolchain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * C source to LLVM bitcode with the clang executable the {@link Toolchain} finds, through a pipe (no temporary
 * files). Results are cached per source text for the life of the JVM, so each distinct source costs one clang
 * run however many libraries use it, and on disk ({@link BitcodeCache}), so that later JVMs need none.
 */
public final class ClangCompiler {
    private static final long TIMEOUT_SECONDS = 60;
    private final Path clang;
    private final List<String> flags;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    /** Bitcode kept across JVMs, or null. */
    private final BitcodeCache disk;

    /**
     * A compiler running {@code clang} with {@code flags} (e.g. {@code -O2}) besides those making bitcode
     * from C on standard input, keeping its results on disk in {@code cacheDirectory} unless that is null.
     */
    public ClangCompiler(Path clang, List<String> flags, Path cacheDirectory) {
        this.clang = clang;
        this.flags = List.copyOf(flags);
        this.disk = cacheDirectory == null ? null : new BitcodeCache(cacheDirectory, clang, this.flags);
    }

    /** The clang the toolchain finds, with {@code flags}, caching on disk where {@link BitcodeCache#defaultDirectory} says. */
    public static ClangCompiler system(List<String> flags) {
        return system(flags, BitcodeCache.defaultDirectory().orElse(null));
    }

    /** The clang the toolchain finds, with {@code flags}, caching on disk in {@code cacheDirectory} unless it is null. */
    public static ClangCompiler system(List<String> flags, Path cacheDirectory) {
        return new ClangCompiler(Toolchain.find(Toolchain.Tool.CLANG), flags, cacheDirectory);
    }

    /**
     * The bitcode of C source {@code source}.
     *
     * @throws LlvmException with clang's diagnostics if it does not compile
     */
    public byte[] bitcode(String source) {
        byte[] cached = cache.get(source);
        if (cached != null) return cached;
        byte[] b = disk == null ? null : disk.get(source);
        if (b == null) {
            b = run(source);
            if (disk != null) disk.put(source, b);
        }
        cache.putIfAbsent(source, b);
        return b;
    }

    private byte[] run(String source) {
        var cmd = new ArrayList<String>();
        cmd.add(clang.toString());
        cmd.addAll(flags);
        cmd.addAll(List.of("-x", "c", "-emit-llvm", "-c", "-o", "-", "-"));
        try {
            Process p = new ProcessBuilder(cmd).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(source.getBytes(StandardCharsets.UTF_8));
            }
            var err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LlvmException(clang + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            errReader.join();
            if (p.exitValue() != 0) {
                throw new LlvmException(clang + " failed (exit " + p.exitValue() + "):\n"
                        + err.toString(StandardCharsets.UTF_8).strip() + "\nsource:\n" + source);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + clang, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlvmException("interrupted while " + clang + " ran");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // The exit status reports the failure; a lost message is all this costs.
        }
    }
}
