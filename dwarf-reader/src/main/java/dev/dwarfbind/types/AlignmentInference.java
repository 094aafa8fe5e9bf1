package dev.dwarfbind.types;

/**
 * Infers a record's alignment, and whether it is packed, from its members' placement: debug
 * formats (DWARF from gcc, CodeView always) record sizes and offsets but not alignment.
 *
 * <p>The alignment is the largest member alignment, or 1 when a member sits below its natural
 * alignment or the size is no multiple of it (packed), raised to the smallest power of two that
 * explains trailing padding (an {@code aligned(N)} attribute). An {@code aligned(N)} that adds
 * no padding cannot be seen at all.
 */
public final class AlignmentInference {
    private int natural = 1;
    private boolean packed;
    private long naturalEnd;

    /** An inference with no member counted yet. */
    public AlignmentInference() {
    }

    /** Counts an ordinary member of {@code alignment} and {@code size} bytes at {@code bitOffset}. */
    public void member(long bitOffset, long size, int alignment) {
        long byteOffset = bitOffset / 8;
        if (bitOffset % 8 != 0 || byteOffset % alignment != 0) packed = true;
        naturalEnd = Math.max(naturalEnd, byteOffset + size);
        natural = Math.max(natural, alignment);
    }

    /** Counts a bitfield of {@code bitSize} bits at {@code bitOffset} whose type aligns to {@code alignment}. */
    public void bitfield(long bitOffset, int bitSize, int alignment) {
        naturalEnd = Math.max(naturalEnd, (bitOffset + bitSize + 7) / 8);
        natural = Math.max(natural, alignment);
    }

    /** The inferred alignment of a record of {@code size} bytes holding the members counted. */
    public int alignment(long size) {
        if (size % natural != 0) packed = true;
        int base = packed ? 1 : natural;
        int alignment = base;
        while (alignment < 4096 && roundUp(naturalEnd, alignment) < size) alignment *= 2;
        return roundUp(naturalEnd, alignment) == size ? alignment : base;
    }

    /** Whether a member sits below its natural alignment; final after {@link #alignment}. */
    public boolean packed() {
        return packed;
    }

    private static long roundUp(long v, long align) {
        return (v + align - 1) / align * align;
    }
}
