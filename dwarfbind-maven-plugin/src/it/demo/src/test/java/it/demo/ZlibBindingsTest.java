package it.demo;

import it.demo.zlib.Z;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bindings the plugin generated from zlib.h for the stripped system zlib: compressed by zlib, inflated by java.util.zip. */
class ZlibBindingsTest {
    @Test
    void compressesWhatJavaUtilZipInflates() throws Exception {
        byte[] data = "the quick brown fox jumps over the lazy dog\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocateFrom(JAVA_BYTE, data);
            long bound = Z.compressBound(data.length);
            MemorySegment dst = arena.allocate(bound);
            MemorySegment dstLen = arena.allocateFrom(JAVA_LONG, bound);
            // With a filter, macros are not generated: Z_OK and Z_BEST_COMPRESSION are spelled here.
            assertEquals(0, Z.compress2(dst, dstLen, src, data.length, 9));
            Inflater inflater = new Inflater();
            inflater.setInput(dst.asSlice(0, dstLen.get(JAVA_LONG, 0)).toArray(JAVA_BYTE));
            byte[] back = new byte[data.length];
            assertEquals(data.length, inflater.inflate(back));
            assertArrayEquals(data, back);
            CRC32 crc = new CRC32();
            crc.update(data);
            assertEquals(crc.getValue(), Z.crc32(0, src, data.length));
        }
    }
}
