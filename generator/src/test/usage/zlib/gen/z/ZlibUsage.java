package gen.z;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** zlib through its generated bindings only, round trips against java.util.zip. */
@SuppressWarnings("restricted")
public final class ZlibUsage {
    // zlib.h macros: not in the debug info (a macro source is future work), so spelled here.
    private static final int Z_OK = 0;
    private static final int Z_STREAM_END = 1;
    private static final int Z_FINISH = 4;

    private ZlibUsage() {
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) throws DataFormatException {
        var sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) sb.append("line ").append(i).append(": the quick brown fox ").append(i * 7 % 13).append('\n');
        byte[] input = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        check(Z.zlibVersion().reinterpret(16).getString(0).startsWith("1."), "zlibVersion");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocateFrom(JAVA_BYTE, input);
            long bound = Z.compressBound(input.length);
            check(bound >= input.length, "compressBound");

            // zlib compresses, java.util.zip inflates.
            MemorySegment dst = arena.allocate(bound);
            MemorySegment dstLen = arena.allocateFrom(JAVA_LONG, bound);
            check(Z.compress2(dst, dstLen, src, input.length, 9) == Z_OK, "compress2");
            byte[] compressed = dst.asSlice(0, dstLen.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
            check(compressed.length < input.length / 3, "compressed " + compressed.length);
            var inflater = new Inflater();
            inflater.setInput(compressed);
            byte[] back = new byte[input.length];
            check(inflater.inflate(back) == input.length && inflater.finished(), "java.util.zip inflates zlib's output");
            check(Arrays.equals(back, input), "round trip zlib -> java.util.zip");

            // java.util.zip deflates, zlib uncompresses.
            var deflater = new Deflater(Deflater.BEST_SPEED);
            deflater.setInput(input);
            deflater.finish();
            byte[] javaCompressed = new byte[(int) bound];
            int n = deflater.deflate(javaCompressed);
            MemorySegment in = arena.allocateFrom(JAVA_BYTE, Arrays.copyOf(javaCompressed, n));
            MemorySegment out = arena.allocate(input.length);
            MemorySegment outLen = arena.allocateFrom(JAVA_LONG, input.length);
            check(Z.uncompress(out, outLen, in, n) == Z_OK, "uncompress");
            check(outLen.get(JAVA_LONG, 0) == input.length && Arrays.equals(out.toArray(JAVA_BYTE), input), "round trip java.util.zip -> zlib");

            // Streaming through a z_stream built with the generated struct accessors.
            MemorySegment strm = z_stream_s.allocate(arena);
            check(Z.deflateInit_(strm, 6, Z.zlibVersion(), (int) z_stream_s.sizeof()) == Z_OK, "deflateInit_");
            MemorySegment streamed = arena.allocate(bound);
            z_stream_s.next_in(strm, src);
            z_stream_s.avail_in(strm, input.length);
            z_stream_s.next_out(strm, streamed);
            z_stream_s.avail_out(strm, (int) bound);
            check(Z.deflate(strm, Z_FINISH) == Z_STREAM_END, "deflate to the end");
            long total = z_stream_s.total_out(strm);
            check(z_stream_s.total_in(strm) == input.length && z_stream_s.avail_in(strm) == 0, "all input consumed");
            check(Z.deflateEnd(strm) == Z_OK, "deflateEnd");
            var inflater2 = new Inflater();
            inflater2.setInput(streamed.asSlice(0, total).toArray(JAVA_BYTE));
            byte[] back2 = new byte[input.length];
            check(inflater2.inflate(back2) == input.length && Arrays.equals(back2, input), "round trip of the streamed deflate");

            var crc = new CRC32();
            crc.update(input);
            check(Z.crc32(0, src, input.length) == crc.getValue(), "crc32");
            var adler = new Adler32();
            adler.update(input);
            check(Z.adler32(1, src, input.length) == adler.getValue(), "adler32");
        }
    }
}
