package dev.dwarfbind.llvm.jit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 *
 * <p>Bounded: after each write, if the directory's cache files add up to more than the limit
 * (property {@code dwarfbind.jit.cache.limit-mb}, 64 MiB by default), the least recently used
 * are deleted until three quarters of it is left; a hit marks its file used. Files a clang upgrade
 * made unreachable (their names hash the old clang) thus age out, and temporary files a killed
 * writer left behind are deleted once an hour old.
 */
public final class BitcodeCache {
    private static final byte[] MAGIC = "dwarfbind jit bitcode 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 8 + 32;
    private static final long DEFAULT_LIMIT = 64L << 20;
    private static final Duration ABANDONED = Duration.ofHours(1);
    private final Path dir;
    private final String toolIdentity;
    private final long limit;

    /** A cache in {@code dir} for bitcode made by {@code clang} with {@code flags}, limited as the system property says. */
    public BitcodeCache(Path dir, Path clang, List<String> flags) {
        this(dir, clang, flags, defaultLimit());
    }

    /** A cache in {@code dir} for bitcode made by {@code clang} with {@code flags}, trimmed to {@code limit} bytes. */
    BitcodeCache(Path dir, Path clang, List<String> flags, long limit) {
        this.dir = dir;
        this.toolIdentity = identity(clang) + "\0" + String.join("\0", flags);
        this.limit = limit;
    }

    private static long defaultLimit() {
        String mb = System.getProperty("dwarfbind.jit.cache.limit-mb");
        if (mb == null || mb.isBlank()) return DEFAULT_LIMIT;
        try {
            long v = Long.parseLong(mb.strip());
            if (v < 0 || v > Long.MAX_VALUE >> 20) throw new NumberFormatException();
            return v << 20;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dwarfbind.jit.cache.limit-mb must be a number of MiB from 0 up, not '" + mb + "'");
        }
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
        Path f = file(source);
        byte[] all;
        try {
            all = Files.readAllBytes(f);
        } catch (IOException e) {
            return null;
        }
        if (all.length < HEADER || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) return null;
        long length = ByteBuffer.wrap(all, MAGIC.length, 8).getLong();
        if (length != all.length - HEADER) return null;
        byte[] bitcode = Arrays.copyOfRange(all, HEADER, all.length);
        if (!Arrays.equals(sha256(bitcode), 0, 32, all, MAGIC.length + 8, HEADER)) return null;
        try {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now()));   // used: trimmed last
        } catch (IOException ignored) {
            // A read-only cache still serves; it is not trimmed by this process either.
        }
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
            trim();
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

    /** Deletes the least recently used cache files while they add up to more than the limit, and abandoned temporary files. */
    private void trim() throws IOException {
        record Entry(Path path, long size, long used) {
        }
        var entries = new ArrayList<Entry>();
        long total = 0;
        long abandoned = Instant.now().minus(ABANDONED).toEpochMilli();
        try (var files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException vanished) {
                    continue;   // another process trimmed or renamed it
                }
                if (!a.isRegularFile()) continue;
                long used = a.lastModifiedTime().toMillis();
                if (name.startsWith(".tmp-")) {
                    if (used < abandoned) Files.deleteIfExists(p);
                } else if (name.endsWith(".bc")) {
                    entries.add(new Entry(p, a.size(), used));
                    total += a.size();
                }
            }
        }
        if (total <= limit) return;
        entries.sort(Comparator.comparingLong(Entry::used));
        for (Entry e : entries) {
            if (total <= limit / 4 * 3) break;
            Files.deleteIfExists(e.path());
            total -= e.size();
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
