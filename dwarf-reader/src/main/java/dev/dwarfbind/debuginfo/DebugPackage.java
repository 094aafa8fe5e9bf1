package dev.dwarfbind.debuginfo;

import io.airlift.compress.zstd.ZstdInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A Debian binary package ({@code .deb}, or Ubuntu's {@code .ddeb}), read without installing it:
 * the ar archive's {@code data.tar} member (uncompressed, {@code .xz}, {@code .zst}, {@code .gz}
 * or {@code .bz2}) is streamed, and a file under {@code usr/lib/debug} taken out of it, following
 * a symbolic link inside the package once. Only what a library needs is kept in memory.
 *
 * <p>Limits against hostile packages: a member at most {@link #MAX_MEMBER} bytes, and at most
 * {@link #MAX_STREAMED} bytes decompressed while looking; a malformed layer gives a
 * {@link DebugPackageException} naming the package.
 */
final class DebugPackage {
    /** The largest file taken out of a package (debug files of glibc are tens of MiB). */
    static final long MAX_MEMBER = 1L << 30;
    /** The most a search decompresses: a package larger than this is refused rather than read on. */
    static final long MAX_STREAMED = 16L << 30;
    private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * One file taken out of the package.
     *
     * @param name  its path in the package ({@code usr/lib/debug/.build-id/ab/cdef.debug})
     * @param bytes its contents
     */
    record Member(String name, byte[] bytes) {
    }

    private final Path file;

    private DebugPackage(Path file) {
        this.file = file;
    }

    /** The package at {@code file}, checked to start like an ar archive. */
    static DebugPackage open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new DebugPackageException(file + ": not a regular file");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(AR_MAGIC.length);
        }
        if (!java.util.Arrays.equals(head, AR_MAGIC)) {
            throw new DebugPackageException(file + ": not a Debian package (no ar archive header '!<arch>')");
        }
        return new DebugPackage(file);
    }

    Path path() {
        return file;
    }

    /** The path of the debug file of {@code buildId} in a package ({@code usr/lib/debug/.build-id/ab/cdef.debug}). */
    static String buildIdPath(String buildId) {
        return "usr/lib/debug/.build-id/" + buildId.substring(0, 2) + "/" + buildId.substring(2) + ".debug";
    }

    /**
     * The first of {@code names} (paths in the package, without a leading {@code /} or
     * {@code ./}) the package holds, as a regular file or a link to one.
     *
     * @throws DebugPackageException if the package is malformed or too large
     */
    Optional<Member> find(Collection<String> names) throws DebugPackageException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String n : names) wanted.add(normalise(n));
        try {
            Scan first = scan(wanted);
            if (first.found != null) return Optional.of(first.found);
            if (first.linkTarget != null) {
                Scan second = scan(Set.of(first.linkTarget));
                if (second.found != null) return Optional.of(second.found);
            }
            return Optional.empty();
        } catch (DebugPackageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Commons Compress, xz and aircompressor report a malformed layer either way.
            throw new DebugPackageException(file + ": malformed package: " + e.getMessage(), e);
        }
    }

    /** What one pass over {@code data.tar} found: a member, or a link to follow. */
    private static final class Scan {
        Member found;
        String linkTarget;
    }

    private Scan scan(Set<String> wanted) throws IOException {
        var result = new Scan();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             ArArchiveInputStream ar = new ArArchiveInputStream(raw)) {
            ArArchiveEntry e;
            boolean sawData = false;
            while ((e = ar.getNextEntry()) != null) {
                String name = e.getName();
                if (!name.startsWith("data.tar")) continue;
                sawData = true;
                try (InputStream tar = new CountingLimit(decompressor(name, ar), file, MAX_STREAMED);
                     TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
                    TarArchiveEntry t;
                    while ((t = entries.getNextEntry()) != null) {
                        String path = normalise(t.getName());
                        if (!wanted.contains(path)) continue;
                        if (t.isSymbolicLink()) {
                            if (result.linkTarget == null) result.linkTarget = resolve(path, t.getLinkName());
                            continue;
                        }
                        if (!t.isFile()) continue;
                        if (t.getSize() > MAX_MEMBER || t.getSize() < 0) {
                            throw new DebugPackageException(file + ": " + path + " is " + t.getSize() + " bytes, more than the "
                                    + MAX_MEMBER + " read from a package");
                        }
                        byte[] bytes = entries.readNBytes((int) t.getSize());
                        if (bytes.length != t.getSize()) {
                            throw new DebugPackageException(file + ": " + path + " is cut short (" + bytes.length + " of "
                                    + t.getSize() + " bytes)");
                        }
                        result.found = new Member(path, bytes);
                        return result;
                    }
                }
                break;
            }
            if (!sawData) throw new DebugPackageException(file + ": no data.tar member (a Debian package has one)");
        }
        return result;
    }

    private InputStream decompressor(String member, InputStream in) throws IOException {
        if (member.equals("data.tar")) return in;
        if (member.equals("data.tar.xz")) return new XZCompressorInputStream(in);
        if (member.equals("data.tar.zst")) return new ZstdInputStream(in);
        if (member.equals("data.tar.gz")) return new GZIPInputStream(in);
        if (member.equals("data.tar.bz2")) return new BZip2CompressorInputStream(in);
        throw new DebugPackageException(file + ": " + member + " is compressed in a way not read (data.tar, .xz, .zst, .gz, .bz2 are)");
    }

    /** A path inside the package without its leading {@code ./} or {@code /}. */
    static String normalise(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        return n;
    }

    /** The package path a symbolic link at {@code at} pointing to {@code target} names. */
    static String resolve(String at, String target) {
        if (target.startsWith("/")) return normalise(target);
        Path p = Path.of(at).getParent();
        Path r = (p == null ? Path.of(target) : p.resolve(target)).normalize();
        return normalise(r.toString());
    }

    /** A stream that fails once more than {@code limit} bytes went through it. */
    private static final class CountingLimit extends java.io.FilterInputStream {
        private final Path file;
        private final long limit;
        private long count;

        CountingLimit(InputStream in, Path file, long limit) {
            super(in);
            this.file = file;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) add(s);
            return s;
        }

        private void add(long n) throws DebugPackageException {
            count += n;
            if (count > limit) throw new DebugPackageException(file + ": data.tar decompresses to more than " + limit + " bytes");
        }

        @Override
        public void close() {
            // The ar stream underneath is closed by its owner.
        }
    }

    /** The names a debug file for {@code buildId} may have in a package. */
    static List<String> debugFileNames(String buildId) {
        return List.of(buildIdPath(buildId));
    }
}
