package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.error.Unsupported;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CallOption#CRITICAL} and {@link Critical}: Java arrays and strings reach C uncopied,
 * checked on zlib's {@code crc32} against {@link CRC32} and on the demo library; a function that
 * takes a callback is refused.
 */
class CriticalTest {
    private static Path zlib() {
        Path p = Path.of(System.getProperty("dwarfbind.build", "build")).resolve("zlib/gcc/libz.so");
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: run scripts/build-zlib first");
        return p;
    }

    /** {@code uLong crc32(uLong crc, const Bytef *buf, uInt len)}. */
    interface Crc {
        @Critical
        @CName("crc32")
        long crc32Critical(long crc, byte[] buf, int len);

        @CName("crc32")
        long crc32Copying(long crc, byte[] buf, int len);

        @Critical
        @CName("crc32")
        long crc32Segment(long crc, MemorySegment buf, int len);
    }

    @Test
    void crc32OfJavaArraysWithoutCopying() throws Exception {
        byte[] data = new byte[65536];
        new Random(42).nextBytes(data);
        var oracle = new CRC32();
        oracle.update(data);
        try (Library z = Library.open(zlib())) {
            NativeFunction crc = z.function("crc32", CallOption.CRITICAL);
            assertEquals(oracle.getValue(), crc.invoke(0L, data, data.length));
            Crc bound = z.bind(Crc.class);
            assertEquals(oracle.getValue(), bound.crc32Critical(0L, data, data.length));
            assertEquals(oracle.getValue(), bound.crc32Copying(0L, data, data.length));
            assertEquals(oracle.getValue(), bound.crc32Segment(0L, MemorySegment.ofArray(data), data.length));
            assertEquals(0L, bound.crc32Critical(0L, null, 0), "null stays NULL: crc32 of nothing");
        }
    }

    interface Vowels {
        @Critical
        int count_vowels(String s);

        @Critical
        int add(int a, int b);
    }

    interface CriticalSort {
        @Critical
        void sort(MemorySegment base, long n, long size, MemorySegment cmp);
    }

    @Test
    void stringsAndScalarsCriticalCallbacksRefused() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(LoaderTest.FLAVOURS[0], "demo"))) {
            assertEquals(5, lib.function("count_vowels", CallOption.CRITICAL).invoke("education"));
            Vowels v = lib.bind(Vowels.class);
            assertEquals(5, v.count_vowels("education"));
            String utf8 = "héllo wörld, aeiou";   // multi-byte UTF-8: the same bytes as the copying call passes
            assertEquals(lib.function("count_vowels").invoke(utf8), v.count_vowels(utf8));
            assertEquals(9, v.add(4, 5));
            var e = assertThrows(Unsupported.class, () -> lib.function("sort", CallOption.CRITICAL));
            assertTrue(e.getMessage().contains("cannot call back into Java"), e.getMessage());
            var b = assertThrows(BindingException.class, () -> lib.bind(CriticalSort.class));
            assertTrue(b.getMessage().contains("cannot call back into Java"), b.getMessage());
        }
    }
}
