package dev.dwarfbind.elf;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.Bytes;
import io.airlift.compress.zstd.ZstdDecompressor;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates compressed debug sections: {@code SHF_COMPRESSED} sections with an {@code Elf_Chdr}
 * (zlib or zstd, as {@code -gz=zlib} and {@code -gz=zstd} write them) and the older GNU
 * {@code .zdebug_*} sections ({@code "ZLIB"} plus a big-endian size).
 *
 * <p>zstd is decoded by aircompressor's pure-Java decoder: Commons Compress needs the native
 * zstd-jni library for zstd, and dwarfbind runs no native code while reading.
 */
final class SectionDecompressor {
    static final int ELFCOMPRESS_ZLIB = 1;
    static final int ELFCOMPRESS_ZSTD = 2;
    /** Refuse to inflate one section beyond this; the file's total is bounded by {@link InflationBudget}. */
    static final long MAX_INFLATED = 1L << 30;

    private SectionDecompressor() {
    }

    /** Decompresses an {@code SHF_COMPRESSED} section whose raw contents are {@code raw}. */
    static byte[] chdr(Bytes raw, boolean elf64, InflationBudget budget) {
        var c = raw.cursor(0);
        int type = (int) c.u32();
        long size;
        if (elf64) {
            c.u32(); // ch_reserved
            size = c.u64();
            c.u64(); // ch_addralign
        } else {
            size = c.u32();
            c.u32(); // ch_addralign
        }
        Bytes payload = raw.slice(c.position(), raw.size() - c.position(), raw.section());
        if (type == ELFCOMPRESS_ZLIB || type == ELFCOMPRESS_ZSTD) {
            checkSize(payload, size);
            budget.reserve(raw, size);
        }
        return switch (type) {
            case ELFCOMPRESS_ZLIB -> inflate(payload, size);
            case ELFCOMPRESS_ZSTD -> unzstd(payload, size);
            default -> throw raw.error(0, "unknown compression type " + type + " in the section's Elf_Chdr");
        };
    }

    /** Decompresses a GNU {@code .zdebug_*} section. */
    static byte[] zdebug(Bytes raw, InflationBudget budget) {
        if (raw.size() < 12 || raw.u8(0) != 'Z' || raw.u8(1) != 'L' || raw.u8(2) != 'I' || raw.u8(3) != 'B') {
            throw raw.error(0, "a .zdebug section must start with \"ZLIB\" and a 64-bit size");
        }
        long size = 0;
        for (int i = 4; i < 12; i++) size = size << 8 | raw.u8(i);
        Bytes payload = raw.slice(12, raw.size() - 12, raw.section());
        checkSize(payload, size);
        budget.reserve(raw, size);
        return inflate(payload, size);
    }

    /** Neither zlib nor zstd expands data more than about 1032 times. */
    private static final long MAX_RATIO = 1100;

    private static void checkSize(Bytes data, long size) {
        long limit = Math.min(MAX_INFLATED, data.size() * MAX_RATIO + 4096);
        if (size < 0 || size > limit) {
            throw data.error(0, "claims an inflated size of " + Long.toUnsignedString(size) + " bytes from "
                    + data.size() + " compressed bytes, which no zlib or zstd stream can hold");
        }
    }

    private static byte[] inflate(Bytes data, long size) {
        byte[] out = new byte[(int) size];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data.toArray());
            int n = 0;
            while (n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0) {
                    if (inflater.finished() || inflater.needsInput()) break;
                    if (inflater.needsDictionary()) throw data.error(0, "zlib stream needs a preset dictionary");
                }
                n += got;
            }
            if (n != out.length) throw data.error(0, "zlib stream inflates to " + n + " bytes, header says " + size);
            return out;
        } catch (DataFormatException e) {
            throw new BinaryFormatException(data.file(), data.section(), 0, "corrupt zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] unzstd(Bytes data, long size) {
        byte[] in = data.toArray();
        byte[] out = new byte[(int) size];
        try {
            int n = new ZstdDecompressor().decompress(in, 0, in.length, out, 0, out.length);
            if (n != out.length) throw data.error(0, "zstd stream inflates to " + n + " bytes, header says " + size);
            return out;
        } catch (RuntimeException e) {
            if (e instanceof BinaryFormatException b) throw b;
            throw new BinaryFormatException(data.file(), data.section(), 0, "corrupt zstd stream: " + e.getMessage(), e);
        }
    }

}
