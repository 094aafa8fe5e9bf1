package dev.dwarfbind.binary;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An immutable window on part of a file (a section, usually) with random-access, bounds-checked
 * reads. Reads never move anything: cursors ({@link Cursor}) carry positions. Thread-safe, since
 * only absolute {@link ByteBuffer} reads are used.
 */
public final class Bytes {
    private final ByteBuffer buf;
    private final Path file;
    private final String section;

    /**
     * @param buf     the data; its position is taken as offset 0 and its limit as the end
     * @param order   byte order of multi-byte values
     * @param file    the file the data came from, for messages
     * @param section the section name, for messages
     */
    public Bytes(ByteBuffer buf, ByteOrder order, Path file, String section) {
        this.buf = buf.slice().order(order);
        this.file = file;
        this.section = section;
    }

    /** An empty window, for a section that is absent. */
    public static Bytes empty(ByteOrder order, Path file, String section) {
        return new Bytes(ByteBuffer.allocate(0), order, file, section);
    }

    /** Number of bytes. */
    public int size() {
        return buf.limit();
    }

    /** The file, for messages. */
    public Path file() {
        return file;
    }

    /** The section name, for messages. */
    public String section() {
        return section;
    }

    /** The byte order of multi-byte reads. */
    public ByteOrder order() {
        return buf.order();
    }

    /** A cursor starting at {@code offset}. */
    public Cursor cursor(long offset) {
        return new Cursor(this, offset);
    }

    /** A sub-window of {@code length} bytes at {@code offset}, checked to lie inside this one. */
    public Bytes slice(long offset, long length, String name) {
        check(offset, length);
        return new Bytes(buf.slice((int) offset, (int) length), buf.order(), file, name);
    }

    /** The same bytes read in another byte order and named differently in messages. */
    public Bytes view(ByteOrder order, String name) {
        return new Bytes(buf, order, file, name);
    }

    /** A copy of the bytes (for handing to a decompressor). */
    public byte[] toArray() {
        byte[] out = new byte[size()];
        buf.get(0, out);
        return out;
    }

    /** An error at {@code offset} of this window. */
    public BinaryFormatException error(long offset, String problem) {
        return new BinaryFormatException(file, section, offset, problem);
    }

    /** A feature dwarfbind does not read yet, met at {@code offset} of this window. */
    public UnsupportedFeatureException unsupported(long offset, String feature) {
        return new UnsupportedFeatureException(file, section + " at offset 0x" + Long.toHexString(offset), feature);
    }

    /** Throws unless {@code length} bytes at {@code offset} lie inside the window. */
    public void check(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
            throw error(offset, "needs " + length + " bytes but the section has " + size()
                    + " (truncated or bogus offset/length)");
        }
    }

    public int u8(long offset) {
        check(offset, 1);
        return buf.get((int) offset) & 0xff;
    }

    public int u16(long offset) {
        check(offset, 2);
        return buf.getShort((int) offset) & 0xffff;
    }

    public long u32(long offset) {
        check(offset, 4);
        return buf.getInt((int) offset) & 0xffff_ffffL;
    }

    /** A 32-bit value that must fit a Java int without sign trouble (counts, small sizes). */
    public int s32(long offset) {
        check(offset, 4);
        return buf.getInt((int) offset);
    }

    public long u64(long offset) {
        check(offset, 8);
        return buf.getLong((int) offset);
    }

    /** An unsigned value of {@code size} bytes (1, 2, 4 or 8). */
    public long unsigned(long offset, int size) {
        return switch (size) {
            case 1 -> u8(offset);
            case 2 -> u16(offset);
            case 4 -> u32(offset);
            case 8 -> u64(offset);
            default -> throw error(offset, "unsupported value size " + size);
        };
    }

    /**
     * The NUL-terminated UTF-8 string starting at {@code offset}. An offset may point into the
     * middle of another string (linkers tail-merge string tables), which is fine.
     */
    public String cString(long offset) {
        return asciiOrUtf8((int) offset, cStringLength(offset));
    }

    /** Length of the NUL-terminated string at {@code offset}, terminator excluded. */
    public int cStringLength(long offset) {
        check(offset, 0);
        int start = (int) offset;
        int end = start;
        int limit = buf.limit();
        while (end < limit && buf.get(end) != 0) end++;
        if (end == limit) throw error(offset, "string is not NUL-terminated before the end of the section");
        return end - start;
    }

    private String asciiOrUtf8(int start, int length) {
        byte[] b = new byte[length];
        buf.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
