package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.Bytes;

import java.math.BigInteger;

/**
 * A CodeView numeric leaf: a value below 0x8000 is stored in its two bytes; otherwise those
 * bytes name the kind of the value that follows (signed or unsigned, 1 to 16 bytes).
 *
 * @param value  the number
 * @param length how many bytes the leaf took
 */
record Numeric(BigInteger value, int length) {
    static final int LF_CHAR = 0x8000;
    static final int LF_SHORT = 0x8001;
    static final int LF_USHORT = 0x8002;
    static final int LF_LONG = 0x8003;
    static final int LF_ULONG = 0x8004;
    static final int LF_QUADWORD = 0x8009;
    static final int LF_UQUADWORD = 0x800a;
    static final int LF_OCTWORD = 0x8017;
    static final int LF_UOCTWORD = 0x8018;

    static Numeric read(Bytes b, long at) {
        int leaf = b.u16(at);
        if (leaf < 0x8000) return new Numeric(BigInteger.valueOf(leaf), 2);
        return switch (leaf) {
            case LF_CHAR -> new Numeric(BigInteger.valueOf((byte) b.u8(at + 2)), 3);
            case LF_SHORT -> new Numeric(BigInteger.valueOf((short) b.u16(at + 2)), 4);
            case LF_USHORT -> new Numeric(BigInteger.valueOf(b.u16(at + 2)), 4);
            case LF_LONG -> new Numeric(BigInteger.valueOf(b.s32(at + 2)), 6);
            case LF_ULONG -> new Numeric(BigInteger.valueOf(b.u32(at + 2)), 6);
            case LF_QUADWORD -> new Numeric(BigInteger.valueOf(b.u64(at + 2)), 10);
            case LF_UQUADWORD -> new Numeric(new BigInteger(Long.toUnsignedString(b.u64(at + 2))), 10);
            case LF_OCTWORD, LF_UOCTWORD -> {
                BigInteger low = new BigInteger(Long.toUnsignedString(b.u64(at + 2)));
                BigInteger high = BigInteger.valueOf(b.u64(at + 10));
                if (leaf == LF_UOCTWORD && high.signum() < 0) high = high.add(BigInteger.ONE.shiftLeft(64));
                yield new Numeric(high.shiftLeft(64).or(low), 18);
            }
            default -> throw b.error(at, "numeric leaf kind 0x" + Integer.toHexString(leaf) + " is not an integer");
        };
    }

    /** The value as a size or offset: non-negative and at most {@code max}. */
    long size(Bytes b, long at, long max) {
        if (value.signum() < 0 || value.bitLength() > 62 || value.longValue() > max) {
            throw b.error(at, "size or offset " + value + " is out of range (at most " + max + ")");
        }
        return value.longValue();
    }
}
