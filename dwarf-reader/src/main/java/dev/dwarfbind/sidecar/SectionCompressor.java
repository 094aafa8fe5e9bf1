package dev.dwarfbind.sidecar;

import io.airlift.compress.zstd.ZstdCompressor;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses one section's contents into the {@code SHF_COMPRESSED} layout: an {@code Elf_Chdr}
 * (type, uncompressed size, uncompressed alignment) followed by the zlib or zstd stream.
 *
 * <p>zstd is encoded by aircompressor's pure-Java encoder, the counterpart of the decoder the
 * reader uses, so writing a sidecar runs no native code either.
 */
final class SectionCompressor {
    private SectionCompressor() {
    }

    /**
     * The compressed section for {@code data}, or {@code null} when compression would not make
     * it smaller (the section is then stored as it is, as assemblers do).
     */
    static byte[] compress(byte[] data, Compression c, boolean elf64, boolean littleEndian) {
        byte[] payload = switch (c) {
            case NONE -> null;
            case ZLIB -> zlib(data);
            case ZSTD -> zstd(data);
        };
        if (payload == null) return null;
        var sink = new ByteSink(littleEndian);
        if (elf64) {
            sink.u32(c.chType());
            sink.u32(0); // ch_reserved
            sink.u64(data.length);
            sink.u64(1); // ch_addralign: DWARF sections need no alignment
        } else {
            sink.u32(c.chType());
            sink.u32(data.length);
            sink.u32(1);
        }
        sink.bytes(payload);
        return sink.size() < data.length ? sink.toByteArray() : null;
    }

    private static byte[] zlib(byte[] data) {
        var deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] out = new byte[data.length + data.length / 100 + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) out = Arrays.copyOf(out, out.length * 2);
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    private static byte[] zstd(byte[] data) {
        var compressor = new ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(data.length)];
        int n = compressor.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
