package dev.dwarfbind.llvm.jit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Clang's bitcode for C sources kept on disk across JVMs, so that a wrapper or thunk some earlier run made
 * costs no clang run. One file per source, named by a SHA-256 of everything the bitcode depends on: the
 * clang executable (its real path, which names the LLVM version on Debian, its size and modification
 * time, which change when it is upgraded), the flags and the source. Files are written to a temporary
 * name and renamed, so a reader never sees half of one; each holds a header, the length and SHA-256 of
 * the bitcode, and is checked when read: a corrupt, truncated or foreign file is ignored (and replaced by
 * the next write), never trusted. Failing to write (a read-only disk) only costs the cache.
 *
 * <p>Where: the system property {@code dwarfbind.jit.cache} (a directory, or {@code off}), else
 * {@code $XDG_CACHE_HOME/dwarfbind/jit}, else {@code ~/.cache/dwarfbind/jit}.
 */
public final class BitcodeCache {
    private static final byte[] MAGIC = "dwarfbind jit bitcode 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 8 + 32;
    private final Path dir;
    private final String toolIdentity;

    /** A cache in {@code dir} for bitcode made by {@code clang} with {@code flags}. */
    public BitcodeCache(Path dir, Path clang, List<String> flags) {
        this.dir = dir;
        this.toolIdentity = identity(clang) + "\0" + String.join("\0", flags);
    }

    /** The directory the system property or the environment names, or empty if caching is off. */
    public static Optional<Path> defaultDirectory() {
        String property = System.getProperty("dwarfbind.jit.cache");
        if (property != null) return property.equals("off") || property.isBlank() ? Optional.empty() : Optional.of(Path.of(property));
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Optional.of(Path.of(xdg, "dwarfbind", "jit"));
        String home = System.getProperty("user.home");
        return home == null ? Optional.empty() : Optional.of(Path.of(home, ".cache", "dwarfbind", "jit"));
    }

    /** The file the bitcode of {@code source} is kept in. */
    Path file(String source) {
        return dir.resolve(HexFormat.of().formatHex(sha256((toolIdentity + "\0" + source).getBytes(StandardCharsets.UTF_8))) + ".bc");
    }

    /** The cached bitcode of {@code source}, or null if there is none or the file does not check out. */
    public byte[] get(String source) {
        byte[] all;
        try {
            all = Files.readAllBytes(file(source));
        } catch (IOException e) {
            return null;
        }
        if (all.length < HEADER || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) return null;
        long length = ByteBuffer.wrap(all, MAGIC.length, 8).getLong();
        if (length != all.length - HEADER) return null;
        byte[] bitcode = Arrays.copyOfRange(all, HEADER, all.length);
        if (!Arrays.equals(sha256(bitcode), 0, 32, all, MAGIC.length + 8, HEADER)) return null;
        return bitcode;
    }

    /** Keeps {@code bitcode} for {@code source}; a failure to write is ignored (the cache is an optimisation). */
    public void put(String source, byte[] bitcode) {
        Path target = file(source);
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".tmp-", ".bc");
            var out = ByteBuffer.allocate(HEADER + bitcode.length);
            out.put(MAGIC).putLong(bitcode.length).put(sha256(bitcode)).put(bitcode);
            Files.write(temp, out.array());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | RuntimeException e) {
            // Read-only, full or vanished: the next run compiles again.
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Left for the next write to the directory to replace; harmless.
                }
            }
        }
    }

    private static String identity(Path clang) {
        try {
            Path real = clang.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return real + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return clang.toString();
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
