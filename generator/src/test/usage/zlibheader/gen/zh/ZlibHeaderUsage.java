package gen.zh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** A stripped zlib through bindings generated from zlib.h only: round trips against java.util.zip, zlib.h's macros as constants. */
@SuppressWarnings("restricted")
public final class ZlibHeaderUsage {
    private ZlibHeaderUsage() {
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) throws DataFormatException {
        var sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) sb.append("line ").append(i).append(": the quick brown fox ").append(i * 7 % 13).append('\n');
        byte[] input = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        check(Z.zlibVersion().reinterpret(64).getString(0).equals(Z.ZLIB_VERSION), "zlibVersion() is zlib.h's ZLIB_VERSION");
        check(Z.Z_BEST_COMPRESSION == 9 && Z.Z_OK == 0 && Z.Z_BUF_ERROR == -5, "zlib.h's macros");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocateFrom(JAVA_BYTE, input);
            long bound = Z.compressBound(input.length);
            check(bound >= input.length, "compressBound");

            // zlib compresses, java.util.zip inflates.
            MemorySegment dst = arena.allocate(bound);
            MemorySegment dstLen = arena.allocateFrom(JAVA_LONG, bound);
            check(Z.compress2(dst, dstLen, src, input.length, Z.Z_BEST_COMPRESSION) == Z.Z_OK, "compress2");
            byte[] compressed = dst.asSlice(0, dstLen.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
            check(compressed.length < input.length / 3, "compressed " + compressed.length);
            var inflater = new Inflater();
            inflater.setInput(compressed);
            byte[] back = new byte[input.length];
            check(inflater.inflate(back) == input.length && inflater.finished(), "java.util.zip inflates zlib's output");
            check(Arrays.equals(back, input), "round trip zlib -> java.util.zip");

            // java.util.zip deflates, zlib uncompresses; then a buffer too small is zlib's Z_BUF_ERROR.
            var deflater = new Deflater(Deflater.BEST_SPEED);
            deflater.setInput(input);
            deflater.finish();
            byte[] javaCompressed = new byte[(int) bound];
            int n = deflater.deflate(javaCompressed);
            MemorySegment in = arena.allocateFrom(JAVA_BYTE, Arrays.copyOf(javaCompressed, n));
            MemorySegment out = arena.allocate(input.length);
            MemorySegment outLen = arena.allocateFrom(JAVA_LONG, input.length);
            check(Z.uncompress(out, outLen, in, n) == Z.Z_OK, "uncompress");
            check(outLen.get(JAVA_LONG, 0) == input.length && Arrays.equals(out.toArray(JAVA_BYTE), input), "round trip java.util.zip -> zlib");
            MemorySegment smallLen = arena.allocateFrom(JAVA_LONG, 10);
            check(Z.uncompress(arena.allocate(10), smallLen, in, n) == Z.Z_BUF_ERROR, "Z_BUF_ERROR");

            var crc = new CRC32();
            crc.update(input);
            check(Z.crc32(0, src, input.length) == crc.getValue(), "crc32");
        }
    }
}
