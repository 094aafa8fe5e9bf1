package dev.dwarfbind.types;

import java.util.Objects;

/**
 * One member of a struct or union.
 *
 * @param name      the member name, or {@code null} for an anonymous struct/union member or an
 *                  unnamed bitfield
 * @param type      id of the member's declared type (for a bitfield, its storage type)
 * @param bitOffset offset of the member's first bit from the start of the record, counted from
 *                  the least significant bit of the first byte on little-endian targets
 * @param bitSize   width of a bitfield in bits, or 0 for an ordinary member
 */
public record Field(String name, int type, long bitOffset, int bitSize) {
    public Field {
        if (bitOffset < 0) throw new IllegalArgumentException("field " + name + " at negative bit offset " + bitOffset);
        if (bitSize < 0) throw new IllegalArgumentException("field " + name + " has bit size " + bitSize);
    }

    /** Whether this member is a bitfield. */
    public boolean isBitfield() {
        return bitSize > 0;
    }

    /** Byte offset of an ordinary member (the byte holding the first bit of a bitfield). */
    public long byteOffset() {
        return bitOffset / 8;
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Field o
                && Objects.equals(name, o.name)
                && type == o.type
                && bitOffset == o.bitOffset
                && bitSize == o.bitSize;
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(name);
        h = 31 * h + type;
        h = 31 * h + Long.hashCode(bitOffset);
        h = 31 * h + bitSize;
        return h;
    }
}
