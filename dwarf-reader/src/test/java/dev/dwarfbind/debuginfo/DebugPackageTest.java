package dev.dwarfbind.debuginfo;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.UnsupportedFeatureException;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A library's debug file read straight out of a Debian package, without installing it: Debian's
 * own {@code libgsl-dbg} and {@code liblua5.4-0-dbg} (dwz, its supplementary file in the same
 * package; both downloaded by {@code scripts/fetch-debug-packages}) against the installed debug
 * files of the same packages, and packages built here with {@code dpkg-deb} in every compression
 * it writes (xz, zstd, gzip, none) around a fixture's debug file; mutated packages give the
 * documented exceptions.
 */
class DebugPackageTest {
    private static final Path GSL = Path.of("/usr/lib/x86_64-linux-gnu/libgsl.so.27");
    private static final Path LUA = Path.of("/usr/lib/x86_64-linux-gnu/liblua5.4.so.0");

    private static Path deb(String pkg) throws IOException {
        Path dir = Fixtures.buildDir().resolve("debs");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(pkg + "_")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(pkg + " is missing in " + dir + ": run scripts/fetch-debug-packages"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException(dir + " is missing: run scripts/fetch-debug-packages", e);
        }
    }

    private static String json(DebugInfo info) throws Exception {
        var w = new StringWriter();
        TypeSystemJson.write(info.typeSystem(), w);
        return w.toString();
    }

    @Test
    void debiansGslDebugPackageReadsLikeTheInstalledDebugFile() throws Exception {
        DebugInfo fromPackage = DebugInfo.open(GSL, deb("libgsl-dbg"));
        String id = ElfFile.open(GSL).buildId().orElseThrow();
        assertTrue(fromPackage.debugFile().toString().endsWith("!/" + DebugPackage.buildIdPath(id)), fromPackage.debugFile().toString());
        DebugInfo installed = DebugInfo.open(GSL);
        assertTrue(installed.debugFile().startsWith("/usr/lib/debug"), installed.debugFile().toString());
        assertEquals(json(installed), json(fromPackage));
    }

    @Test
    void debiansDwzPackedLuaTakesItsSupplementaryFileFromThePackage() throws Exception {
        DebugInfo fromPackage = DebugInfo.open(LUA, deb("liblua5.4-0-dbg"));
        assertEquals(json(DebugInfo.open(LUA)), json(fromPackage));
    }

    /** A package of the fixture's debug file, built by dpkg-deb with {@code compression}. */
    private static Path buildPackage(Path tmp, Path debug, String id, String compression, String name) throws Exception {
        Path root = tmp.resolve("pkg-" + compression);
        Path member = root.resolve(DebugPackage.buildIdPath(id));
        Files.createDirectories(member.getParent());
        Files.copy(debug, member);
        Path control = Files.createDirectories(root.resolve("DEBIAN")).resolve("control");
        Files.writeString(control, """
                Package: libdemo-dbgsym
                Version: 1.0
                Architecture: amd64
                Maintainer: dwarfbind tests <tests@dwarfbind.invalid>
                Description: debug symbols of the demo fixture
                """);
        Path out = tmp.resolve(name);
        Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "-Z" + compression, "--build", root.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"xz", "zstd", "gzip", "none"})
    void everyCompressionDpkgWrites(String compression, @TempDir Path tmp) throws Exception {
        Path lib = Fixtures.library("gcc-dwarf5-O2-bfd", "demo");
        String id = ElfFile.open(lib).buildId().orElseThrow();
        Path stripped = tmp.resolve("libdemo.so");
        Path debug = tmp.resolve("libdemo.debug");
        split(lib, stripped, debug);
        Path pkg = buildPackage(tmp, debug, id, compression, "libdemo-dbgsym_1.0_amd64." + (compression.equals("zstd") ? "ddeb" : "deb"));
        assertEquals(json(DebugInfo.open(lib)), json(DebugInfo.open(stripped, pkg)));

        Path other = Fixtures.library("clang-dwarf5-O0-lld", "demo");
        String otherId = ElfFile.open(other).buildId().orElseThrow();
        Path otherStripped = tmp.resolve("libother.so");
        run("strip", "--strip-debug", "-o", otherStripped.toString(), other.toString());
        var e = assertThrows(DebugPackageException.class, () -> DebugInfo.open(otherStripped, pkg));
        assertTrue(e.getMessage().contains("holds no debug file for build-id " + otherId) && e.getMessage().contains(pkg.toString()),
                e.getMessage());
    }

    @Test
    void notAPackage(@TempDir Path tmp) throws Exception {
        Path lib = Fixtures.library("gcc-dwarf5-O2-bfd", "demo");
        Path stripped = tmp.resolve("libdemo.so");
        run("strip", "--strip-debug", "-o", stripped.toString(), lib.toString());
        var e = assertThrows(DebugPackageException.class, () -> DebugInfo.open(stripped, lib));
        assertTrue(e.getMessage().contains("not a Debian package"), e.getMessage());
        Path empty = Files.writeString(tmp.resolve("x.deb"), "!<arch>\n");
        var none = assertThrows(DebugPackageException.class, () -> DebugInfo.open(stripped, empty));
        assertTrue(none.getMessage().contains("no data.tar member"), none.getMessage());
    }

    /**
     * 1,200 mutants of the dpkg-built packages (bytes of the ar headers, the compressed data.tar and
     * its tar headers flipped, lengths changed, files cut short): each is read, or refused with
     * a documented exception naming the package, within 20 s.
     */
    @Test
    void mutatedPackages(@TempDir Path tmp) throws Exception {
        Path lib = Fixtures.library("gcc-dwarf5-O2-bfd", "demo");
        String id = ElfFile.open(lib).buildId().orElseThrow();
        Path stripped = tmp.resolve("libdemo.so");
        Path debug = tmp.resolve("libdemo.debug");
        split(lib, stripped, debug);
        var seeds = new java.util.ArrayList<byte[]>();
        for (String c : List.of("xz", "zstd", "gzip", "none")) seeds.add(Files.readAllBytes(buildPackage(tmp, debug, id, c, c + ".deb")));
        long seed = Long.getLong("dwarfbind.fuzz.seed", System.nanoTime());
        System.out.println("DebugPackageTest.mutatedPackages seed: " + seed);
        var rnd = new SplittableRandom(seed);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        int read = 0;
        try {
            for (int i = 0; i < 1_200; i++) {
                byte[] m = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                Path pkg = tmp.resolve("mutant.deb");
                Files.write(pkg, m);
                Future<Boolean> f = exec.submit(() -> {
                    try {
                        DebugInfo.open(stripped, pkg).typeSystem().types().size();
                        return true;
                    } catch (DebugPackageException | NoDebugInfoException e) {
                        assertTrue(e.getMessage().contains(pkg.toString()) || e.getMessage().contains(stripped.toString()), e.getMessage());
                        return false;
                    } catch (BinaryFormatException | UnsupportedFeatureException e) {
                        assertTrue(e.getMessage().contains(pkg.toString()), e.getMessage());
                        return false;
                    }
                });
                try {
                    if (f.get(20, TimeUnit.SECONDS)) read++;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("mutant " + i + " of seed " + seed + ": undocumented exception", e.getCause());
                }
            }
        } finally {
            exec.shutdownNow();
        }
        System.out.println("DebugPackageTest.mutatedPackages: 1200 mutants, " + read + " read");
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {  // the ar header, member headers and the start of data.tar
                int n = 1 + rnd.nextInt(4);
                for (int k = 0; k < n; k++) b[rnd.nextInt(Math.min(b.length, 1024))] = (byte) rnd.nextInt(256);
            }
            case 1 -> {
                int n = 1 + rnd.nextInt(8);
                for (int k = 0; k < n; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            default -> {  // an ar member size field (offset 48 of each 60-byte header): the first members' headers
                int at = 8 + 48 + (rnd.nextBoolean() ? 0 : 60 + 4);
                if (at + 10 <= b.length) {
                    String v = Long.toString(rnd.nextLong(0, 1L << 33));
                    for (int k = 0; k < 10; k++) b[at + k] = (byte) (k < v.length() ? v.charAt(k) : ' ');
                }
            }
        }
        return b;
    }

    /** {@code lib} split as distributions do: a stripped copy and its debug file. */
    private static void split(Path lib, Path stripped, Path debug) throws Exception {
        run("strip", "--strip-debug", "-o", stripped.toString(), lib.toString());
        run("objcopy", "--only-keep-debug", lib.toString(), debug.toString());
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
