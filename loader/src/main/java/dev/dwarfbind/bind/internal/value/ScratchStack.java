package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Per-thread native memory for the C strings of dynamic and bound calls, used as a stack: a call
 * takes a {@link #mark()}, pushes its strings, and {@link #reset(long) resets} to the mark when it
 * returns or throws. A callback that makes calls of its own on the same thread pushes above its
 * caller's strings and pops back before returning, so nesting is safe. Compared with a confined
 * arena per call this allocates nothing on the Java heap and no native memory after the first
 * calls, which is the point: a dynamic call passing a {@code String} costs no garbage.
 *
 * <p>Memory comes in blocks that double in size and are kept for the thread's life (freed by the
 * garbage collector with the thread's stack, through {@link Arena#ofAuto()}); a string longer than
 * {@link #MAX_STRING} UTF-16 units is refused ({@code null}) and its call takes the general path, so
 * one long string does not pin megabytes to a thread.
 */
public final class ScratchStack {
    /** Longest string, in UTF-16 units, this stack takes. */
    public static final int MAX_STRING = 64 * 1024;
    private static final long FIRST_BLOCK = 4096;
    private static final ThreadLocal<ScratchStack> STACKS = ThreadLocal.withInitial(ScratchStack::new);

    private MemorySegment[] blocks = new MemorySegment[4];
    /** Index of the block being filled; blocks above it are kept empty for reuse. */
    private int block;
    /** First free byte of {@code blocks[block]}. */
    private long top;

    private ScratchStack() {
        blocks[0] = Arena.ofAuto().allocate(FIRST_BLOCK, 16);
    }

    /** This thread's stack. */
    public static ScratchStack current() {
        return STACKS.get();
    }

    /** The position to {@link #reset(long)} to when the call ends. */
    public long mark() {
        return ((long) block << 32) | top;
    }

    /** Frees everything pushed since {@code mark} was taken. */
    public void reset(long mark) {
        block = (int) (mark >>> 32);
        top = mark & 0xFFFF_FFFFL;
    }

    /**
     * {@code s} as a NUL-terminated UTF-8 C string on this stack (unpaired surrogates become
     * {@code '?'}, as {@link String#getBytes} makes them), or {@code null} when {@code s} holds a
     * NUL character or is longer than {@link #MAX_STRING}: the caller then takes the general path,
     * which reports the NUL or copies the long string once.
     */
    public MemorySegment cString(String s) {
        // Small enough to inline into the generated callers, so that the slice made here is
        // scalar-replaced when escape analysis sees it go only to the downcall; the encoding loop
        // lives in encode, which returns the block it wrote to (an object that already exists).
        MemorySegment b = encode(s);
        return b == null ? null : b.asSlice(lastStart, lastLength);
    }

    /** Start and length (with the NUL) of what {@link #encode} wrote last. */
    private long lastStart;
    private long lastLength;

    /** Writes {@code s} as UTF-8 and a NUL at the top of the stack and returns its block, or null (see {@link #cString}). */
    private MemorySegment encode(String s) {
        int n = s.length();
        if (n > MAX_STRING) return null;
        long worst = 3L * n + 1;   // a UTF-16 unit never takes more than 3 UTF-8 bytes
        MemorySegment b = room(worst);
        long start = top;
        long at = start;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) return null;
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) c);
            } else if (c < 0x800) {
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0xC0 | c >> 6));
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0xF0 | cp >> 18));
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0x80 | cp >> 12 & 0x3F));
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0x80 | cp >> 6 & 0x3F));
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0x80 | cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) '?');
            } else {
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0xE0 | c >> 12));
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0x80 | c >> 6 & 0x3F));
                b.set(ValueLayout.JAVA_BYTE, at++, (byte) (0x80 | c & 0x3F));
            }
        }
        b.set(ValueLayout.JAVA_BYTE, at++, (byte) 0);
        top = (at + 15) & ~15L;
        lastStart = start;
        lastLength = at - start;
        return b;
    }

    /** The block in which {@code bytes} fit from {@link #top}, moving to a next (larger) block if need be. */
    private MemorySegment room(long bytes) {
        MemorySegment b = blocks[block];
        if (top + bytes <= b.byteSize()) return b;
        // The strings below stay where they are (a caller up the stack may still be using them):
        // continue in the next block, made or grown to fit.
        int next = block + 1;
        if (next == blocks.length) blocks = java.util.Arrays.copyOf(blocks, next * 2);
        if (blocks[next] == null || blocks[next].byteSize() < bytes) {
            long size = Math.max(b.byteSize() * 2, Long.highestOneBit(bytes) * 2);
            blocks[next] = Arena.ofAuto().allocate(size, 16);
        }
        block = next;
        top = 0;
        return blocks[next];
    }
}
