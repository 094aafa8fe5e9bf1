package dev.dwarfbind.sidecar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes fixed-width integers in one byte order, and LEB128 numbers
 * and C strings as DWARF and ELF encode them.
 */
final class ByteSink {
    private final boolean littleEndian;
    private byte[] buf = new byte[256];
    private int size;

    ByteSink(boolean littleEndian) {
        this.littleEndian = littleEndian;
    }

    /** Bytes written so far. */
    int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        unsigned(v, 2);
    }

    void u32(long v) {
        unsigned(v, 4);
    }

    void u64(long v) {
        unsigned(v, 8);
    }

    /** The low {@code width} bytes of {@code v}, in the sink's byte order. */
    void unsigned(long v, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            int shift = littleEndian ? 8 * i : 8 * (width - 1 - i);
            buf[size++] = (byte) (v >>> shift);
        }
    }

    /** Unsigned LEB128; {@code v} is read as an unsigned 64-bit number. */
    void uleb(long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            u8(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** Signed LEB128. */
    void sleb(long v) {
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0;
            u8(done ? b : b | 0x80);
            if (done) return;
        }
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    /** {@code s} in UTF-8 followed by a NUL. */
    void cString(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        u8(0);
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    void align(int alignment) {
        while (size % alignment != 0) u8(0);
    }

    /** Overwrites four bytes at {@code at}, written earlier. */
    void patchU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            int shift = littleEndian ? 8 * i : 8 * (3 - i);
            buf[at + i] = (byte) (v >>> shift);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Length of {@code v} as unsigned LEB128. */
    static int ulebSize(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) n++;
        return n;
    }

    /** Length of {@code v} as signed LEB128. */
    static int slebSize(long v) {
        int n = 1;
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            if (v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0) return n;
            n++;
        }
    }
}
