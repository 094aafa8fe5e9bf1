package dev.dwarfbind.llvm.jit;

import dev.dwarfbind.llvm.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitcodeCacheTest {
    private static final List<String> FLAGS = List.of("-O2");
    private static final String SOURCE = "long twice(long x) { return 2 * x; }";

    @Test
    void keepsWhatItWasGivenAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        var cache = new BitcodeCache(dir.resolve("jit"), Path.of("/usr/bin/true"), FLAGS);
        assertNull(cache.get("a"));
        cache.put("a", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get("a"));
        assertNull(cache.get("b"));
        // Another compiler or other flags are other files.
        assertNull(new BitcodeCache(dir.resolve("jit"), Path.of("/usr/bin/true"), List.of("-O0")).get("a"));
        try (Stream<Path> files = Files.list(dir.resolve("jit"))) {
            assertEquals(List.of(cache.file("a")), files.toList());
        }
    }

    @Test
    void corruptTruncatedOrForeignFilesAreIgnored(@TempDir Path dir) throws Exception {
        var cache = new BitcodeCache(dir, Path.of("/usr/bin/true"), FLAGS);
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 7);
        cache.put("s", data);
        Path f = cache.file("s");
        byte[] good = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(good, good.length - 1));
        assertNull(cache.get("s"), "truncated");
        byte[] flipped = good.clone();
        flipped[flipped.length - 10] ^= 1;
        Files.write(f, flipped);
        assertNull(cache.get("s"), "a bit flipped in the bitcode");
        Files.write(f, new byte[0]);
        assertNull(cache.get("s"), "empty");
        Files.write(f, "BC\u00c0\u00de not ours".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertNull(cache.get("s"), "raw bitcode without our header");
        cache.put("s", data);
        assertArrayEquals(data, cache.get("s"), "rewritten");
    }

    @Test
    void aCompilerReadsWhatAnEarlierOneWroteAndRecompilesOverABadFile(@TempDir Path dir) throws Exception {
        byte[] compiled = ClangCompiler.system(FLAGS, dir).bitcode(SOURCE);
        assertTrue(compiled.length > 4 && compiled[0] == 'B' && compiled[1] == 'C', "LLVM bitcode");
        var cache = new BitcodeCache(dir, Toolchain.find(Toolchain.Tool.CLANG), FLAGS);
        assertArrayEquals(compiled, cache.get(SOURCE));
        // A fresh compiler (nothing in memory) takes the file: proven by a file it could not have compiled.
        byte[] planted = ClangCompiler.system(FLAGS, null).bitcode("int other(void) { return 4; }");
        cache.put(SOURCE, planted);
        assertArrayEquals(planted, ClangCompiler.system(FLAGS, dir).bitcode(SOURCE));
        // A truncated file is ignored: clang runs again, and the file is made whole.
        Path f = cache.file(SOURCE);
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 20));
        assertArrayEquals(compiled, ClangCompiler.system(FLAGS, dir).bitcode(SOURCE));
        assertArrayEquals(compiled, cache.get(SOURCE));
        try (OrcJit jit = new OrcJit()) {
            jit.add(cache.get(SOURCE), "cached");
            assertTrue(jit.lookup("twice") != 0);
        }
    }

    /**
     * Over its limit, the cache deletes the least recently used files (a hit counts as a use) down to
     * three quarters of it, and temporary files an hour old.
     */
    @Test
    void trimsTheLeastRecentlyUsedFilesAndAbandonedTemporaryFiles(@TempDir Path dir) throws Exception {
        byte[] kb = new byte[1024 - 64];   // with its 64-byte header, 1,024 bytes a file
        var cache = new BitcodeCache(dir, Path.of("/usr/bin/true"), FLAGS, 10 * 1024);
        long t = System.currentTimeMillis() - 100_000;
        for (int i = 0; i < 10; i++) {
            cache.put("s" + i, kb);
            Files.setLastModifiedTime(cache.file("s" + i), java.nio.file.attribute.FileTime.fromMillis(t + i * 1000L));
        }
        Path oldTemp = Files.createFile(dir.resolve(".tmp-abandoned.bc"));
        Files.setLastModifiedTime(oldTemp, java.nio.file.attribute.FileTime.fromMillis(t - 3_600_000));
        Path newTemp = Files.createFile(dir.resolve(".tmp-writing.bc"));
        assertArrayEquals(kb, cache.get("s0"), "a hit: s0 is now the most recently used");
        cache.put("s10", kb);   // 11 files of about 1 KB: over 10 KB, trimmed to 7.5 KB
        var left = new java.util.TreeSet<String>();
        for (int i = 0; i <= 10; i++) if (Files.exists(cache.file("s" + i))) left.add("s" + i);
        assertEquals(new java.util.TreeSet<>(List.of("s0", "s10", "s5", "s6", "s7", "s8", "s9")), left);
        assertTrue(Files.notExists(oldTemp), "an abandoned temporary file is deleted");
        assertTrue(Files.exists(newTemp), "a temporary file being written is left alone");
    }

    @Test
    void anUnwritableCacheCostsOnlyTheCache(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        byte[] b = ClangCompiler.system(FLAGS, notADirectory.resolve("jit")).bitcode(SOURCE);
        assertTrue(b.length > 4);
    }
}
