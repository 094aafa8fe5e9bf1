package dev.dwarfbind.bind;


import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zlib from Debian's source package, built with -g and called with no header at all: every
 * signature and the layout of {@code z_stream} come from its DWARF. Results are checked against
 * {@code java.util.zip}, an independent implementation of the same formats.
 */
class ZlibTest {
    private static final int Z_OK = 0;
    private static final int Z_STREAM_END = 1;
    private static final int Z_FINISH = 4;

    @org.junit.jupiter.api.io.TempDir
    static Path tmp;

    /**
     * The zlib build of {@code variant}: "clang" or "gcc" as built (full DWARF), or
     * "clang-stripped-sidecar": the clang build stripped of everything but its dynamic symbols,
     * with a zstd-compressed light-DWARF sidecar ({@code dwarfbind sidecar}) next to it.
     */
    private static Path zlib(String variant) throws Exception {
        String compiler = variant.startsWith("gcc") ? "gcc" : "clang";
        String prop = System.getProperty("dwarfbind.build");
        Path p = (prop != null ? Path.of(prop) : Path.of("build")).resolve("zlib").resolve(compiler).resolve("libz.so");
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: run scripts/build-zlib first");
        if (!variant.endsWith("sidecar")) return p;
        Path dir = Files.createDirectories(tmp.resolve(variant));
        Path stripped = dir.resolve("libz.so.1");
        if (!Files.exists(stripped)) {
            Process strip = new ProcessBuilder("strip", "--strip-all", p.toRealPath().toString(), "-o", stripped.toString())
                    .inheritIO().start();
            assertEquals(0, strip.waitFor());
            dev.dwarfbind.sidecar.SidecarWriter.write(dev.dwarfbind.debuginfo.DebugInfo.open(p),
                    dir.resolve("libz.so.1.debug"), dev.dwarfbind.sidecar.Compression.ZSTD);
        }
        assertTrue(dev.dwarfbind.debuginfo.DebugInfo.open(stripped).debugFile().toString().endsWith(".debug"));
        return stripped;
    }

    private static byte[] sample() {
        var sb = new StringBuilder();
        var rnd = new Random(42);
        for (int i = 0; i < 2000; i++) sb.append("line ").append(i).append(' ').append(rnd.nextInt(100)).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc", "clang-stripped-sidecar", "gcc-stripped-sidecar"})
    void compressUncompressCrc(String compiler) throws Exception {
        byte[] data = sample();
        try (Library lib = Library.open(zlib(compiler))) {
            long bound = (Long) lib.function("compressBound").invoke((long) data.length);
            assertTrue(bound >= data.length);
            byte[] packed = new byte[(int) bound];
            long[] packedLen = {bound};
            assertEquals(Z_OK, lib.function("compress2").invoke(packed, packedLen, data, (long) data.length, 9));
            // java.util.zip inflates what zlib deflated...
            Inflater inflater = new Inflater();
            inflater.setInput(packed, 0, (int) packedLen[0]);
            byte[] back = new byte[data.length];
            assertEquals(data.length, inflater.inflate(back));
            assertTrue(inflater.finished());
            assertArrayEquals(data, back);
            // ... and zlib inflates what java.util.zip deflated.
            Deflater deflater = new Deflater(6);
            deflater.setInput(data);
            deflater.finish();
            byte[] javaPacked = new byte[data.length + 64];
            int n = deflater.deflate(javaPacked);
            byte[] out = new byte[data.length];
            long[] outLen = {out.length};
            assertEquals(Z_OK, lib.function("uncompress").invoke(out, outLen, Arrays.copyOf(javaPacked, n), (long) n));
            assertEquals(data.length, outLen[0]);
            assertArrayEquals(data, out);
            CRC32 crc = new CRC32();
            crc.update(data);
            assertEquals(crc.getValue(), lib.function("crc32").invoke(0L, data, data.length));
            assertTrue(lib.function("zlibVersion").invokeString().startsWith("1."));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc", "clang-stripped-sidecar", "gcc-stripped-sidecar"})
    void streamingDeflateThroughZStream(String compiler) throws Exception {
        byte[] data = sample();
        try (Library lib = Library.open(zlib(compiler)); Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(data.length);
            in.copyFrom(MemorySegment.ofArray(data));
            MemorySegment out = arena.allocate(data.length + 1024);
            CStruct strm = lib.allocate("z_stream", arena);   // a typedef of struct z_stream_s: layout from DWARF
            strm.set("next_in", in).set("avail_in", data.length).set("next_out", out).set("avail_out", (int) out.byteSize());
            String version = lib.function("zlibVersion").invokeString();
            assertEquals(Z_OK, lib.function("deflateInit_").invoke(strm, 6, version, (int) strm.byteSize()));
            assertEquals(Z_STREAM_END, lib.function("deflate").invoke(strm, Z_FINISH));
            long produced = ((Number) strm.get("total_out")).longValue();
            assertEquals(data.length, ((Number) strm.get("total_in")).longValue());
            assertEquals(Z_OK, lib.function("deflateEnd").invoke(strm));
            Inflater inflater = new Inflater();
            inflater.setInput(out.asSlice(0, produced).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            byte[] back = new byte[data.length];
            assertEquals(data.length, inflater.inflate(back));
            assertArrayEquals(data, back);
        }
    }
}
