package dev.dwarfbind.binary;

/**
 * A position in a {@link Bytes} window that advances as values are read. Cheap to create; not
 * thread-safe (each parser owns its cursors).
 */
public final class Cursor {
    private final Bytes bytes;
    private long pos;

    Cursor(Bytes bytes, long pos) {
        this.bytes = bytes;
        this.pos = pos;
    }

    /** The window being read. */
    public Bytes bytes() {
        return bytes;
    }

    /** Current offset in the window. */
    public long position() {
        return pos;
    }

    /** Moves to {@code offset}; checked on the next read. */
    public Cursor seek(long offset) {
        pos = offset;
        return this;
    }

    /** Advances by {@code n} bytes, checking they exist. */
    public void skip(long n) {
        bytes.check(pos, n);
        pos += n;
    }

    public int u8() {
        int v = bytes.u8(pos);
        pos += 1;
        return v;
    }

    public int u16() {
        int v = bytes.u16(pos);
        pos += 2;
        return v;
    }

    public long u32() {
        long v = bytes.u32(pos);
        pos += 4;
        return v;
    }

    public long u64() {
        long v = bytes.u64(pos);
        pos += 8;
        return v;
    }

    /** An unsigned value of {@code size} bytes. */
    public long unsigned(int size) {
        long v = bytes.unsigned(pos, size);
        pos += size;
        return v;
    }

    /** An offset of 4 or 8 bytes (32- or 64-bit DWARF). */
    public long offset(int offsetSize) {
        return unsigned(offsetSize);
    }

    /** An unsigned LEB128 number; more than 64 significant bits is an error. */
    public long uleb() {
        long start = pos;
        long result = 0;
        int shift = 0;
        while (true) {
            int b = bytes.u8(pos++);
            if (shift < 64) result |= (long) (b & 0x7f) << shift;
            else if ((b & 0x7f) != 0) throw bytes.error(start, "LEB128 number larger than 64 bits");
            if ((b & 0x80) == 0) return result;
            shift += 7;
            if (shift > 70) throw bytes.error(start, "LEB128 number longer than 10 bytes");
        }
    }

    /** An unsigned LEB128 number that must fit in an int (counts, codes). */
    public int ulebInt() {
        long start = pos;
        long v = uleb();
        if (v < 0 || v > Integer.MAX_VALUE) throw bytes.error(start, "value " + Long.toUnsignedString(v) + " is too large here");
        return (int) v;
    }

    /** A signed LEB128 number. */
    public long sleb() {
        long start = pos;
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = bytes.u8(pos++);
            if (shift < 64) result |= (long) (b & 0x7f) << shift;
            shift += 7;
            if (shift > 70) throw bytes.error(start, "LEB128 number longer than 10 bytes");
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    /** A NUL-terminated string, advancing past the terminator. */
    public String cString() {
        String s = bytes.cString(pos);
        pos += bytes.cStringLength(pos) + 1;
        return s;
    }

    /** Skips a NUL-terminated string. */
    public void skipCString() {
        pos += bytes.cStringLength(pos) + 1;
    }

    /** An error at the cursor's position. */
    public BinaryFormatException error(String problem) {
        return bytes.error(pos, problem);
    }

    /** An error at {@code offset} in the same window. */
    public BinaryFormatException errorAt(long offset, String problem) {
        return bytes.error(offset, problem);
    }
}
