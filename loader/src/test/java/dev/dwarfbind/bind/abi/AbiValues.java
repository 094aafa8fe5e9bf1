package dev.dwarfbind.bind.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Java values for the generated functions: random canonical values in range for each C type,
 * the Java objects that stand for them in a call (varied over every documented conversion: a
 * small integer may go as {@code Byte}, {@code Short}, {@code Character}, {@code Integer},
 * {@code Long} or {@code BigInteger}), and the check of a value that came back against the
 * documented boxing ({@code Integer} for up to 32-bit signed and 16-bit unsigned, {@code Long} for
 * unsigned 32-bit and all 64-bit, {@code Boolean}, {@code Float}, {@code Double},
 * {@code MemorySegment}).
 */
final class AbiValues {
    private static final int[] FLOAT_SPECIALS = {0, 0x80000000, 0x3fc00000, 1, 0x7f7fffff, 0x7f800000, 0xff800000,
            0x00800000, 0x807fffff};
    private static final long[] DOUBLE_SPECIALS = {0, 0x8000000000000000L, 0x3ff8000000000000L, 1, 0x7fefffffffffffffL,
            0x7ff0000000000000L, 0xfff0000000000000L, 0x000fffffffffffffL};

    private AbiValues() {
    }

    /**
     * A random canonical value of {@code kind} ({@code width} bits for a bitfield, else the
     * type's), biased towards the edges of the range. Never a NaN: a NaN's payload is not
     * guaranteed to survive float/double conversions in Java, and the test is about passing, not
     * about NaN boxing.
     */
    static long random(AbiScalar kind, int width, SplittableRandom rnd) {
        return switch (kind) {
            case BOOL -> rnd.nextInt(2);
            case FLOAT -> {
                int b;
                do b = rnd.nextInt(5) == 0 ? FLOAT_SPECIALS[rnd.nextInt(FLOAT_SPECIALS.length)] : rnd.nextInt();
                while (Float.isNaN(Float.intBitsToFloat(b)));
                yield b & 0xffffffffL;
            }
            case DOUBLE -> {
                long b;
                do b = rnd.nextInt(5) == 0 ? DOUBLE_SPECIALS[rnd.nextInt(DOUBLE_SPECIALS.length)] : rnd.nextLong();
                while (Double.isNaN(Double.longBitsToDouble(b)));
                yield b;
            }
            // Never dereferenced: any user-space-looking address will do.
            case POINTER -> rnd.nextInt(8) == 0 ? 0 : rnd.nextLong() >>> 17;
            default -> {
                int w = width >= 0 ? width : kind.bits();
                if (w == 0) yield 0;
                int r = rnd.nextInt(8);
                long x;
                if (r == 0) {
                    long min = kind.signed() ? -1L << (w - 1) : 0;
                    long max = kind.signed() ? ~(-1L << (w - 1)) : w == 64 ? -1 : (1L << w) - 1;
                    long[] edges = {min, max, 0, 1, kind.signed() ? -1 : max - 1};
                    x = edges[rnd.nextInt(edges.length)];
                } else if (r < 4) {
                    x = rnd.nextLong() >> rnd.nextInt(64); // small magnitudes, either sign
                } else {
                    x = rnd.nextLong();
                }
                yield kind.narrow(x, w);
            }
        };
    }

    /** A Java object that converts to {@code canonical} for a parameter or member of {@code kind}. */
    static Object toJava(AbiScalar kind, boolean bitfield, long canonical, SplittableRandom rnd) {
        return switch (kind) {
            // Bitfields take integers: CStruct.set range-checks them against the width.
            case BOOL -> bitfield || rnd.nextInt(4) == 0 ? (Object) (int) canonical : (Object) (canonical != 0);
            case FLOAT -> {
                float f = Float.intBitsToFloat((int) canonical);
                yield rnd.nextInt(4) == 0 ? (Object) (double) f : (Object) f;
            }
            case DOUBLE -> Double.longBitsToDouble(canonical);
            case POINTER -> canonical == 0 ? null : MemorySegment.ofAddress(canonical);
            default -> {
                if (!kind.signed() && canonical < 0) {
                    // Above Long.MAX_VALUE: both the bit pattern and the exact value are accepted.
                    yield rnd.nextBoolean() ? (Object) canonical
                            : new BigInteger(Long.toUnsignedString(canonical));
                }
                int r = rnd.nextInt(10);
                if (r == 0) yield BigInteger.valueOf(canonical);
                if (r == 1 && canonical == (byte) canonical) yield (byte) canonical;
                if (r == 2 && canonical == (short) canonical) yield (short) canonical;
                if (r == 3 && canonical >= 0 && canonical <= Character.MAX_VALUE) yield (char) canonical;
                if (r < 7 && canonical == (int) canonical) yield (int) canonical;
                yield canonical;
            }
        };
    }

    /** Writes {@code canonical} as a {@code kind} at the start of {@code seg} (for pointer arguments). */
    static void store(MemorySegment seg, AbiScalar kind, long canonical) {
        switch (kind.size()) {
            case 1 -> seg.set(ValueLayout.JAVA_BYTE, 0, (byte) canonical);
            case 2 -> seg.set(ValueLayout.JAVA_SHORT, 0, (short) canonical);
            case 4 -> seg.set(ValueLayout.JAVA_INT, 0, (int) canonical);
            default -> seg.set(ValueLayout.JAVA_LONG, 0, canonical);
        }
    }

    /**
     * {@code null} if {@code actual} is the documented Java value for canonical value
     * {@code expected} of {@code kind}, else what is wrong. Bitfields are compared by numeric
     * value only (their boxing follows the width, which the documentation leaves open).
     */
    static String mismatch(AbiScalar kind, boolean bitfield, long expected, Object actual) {
        Object want = boxed(kind, expected);
        if (bitfield) {
            long got = switch (actual) {
                case Boolean b -> b ? 1 : 0;
                case Number n -> n.longValue();
                case null, default -> Long.MIN_VALUE + 12345;
            };
            return got == expected && actual != null ? null : "expected " + show(want) + ", got " + show(actual);
        }
        if (actual == null || actual.getClass() != want.getClass()) {
            return "expected " + show(want) + ", got " + show(actual);
        }
        boolean same = switch (actual) {
            case Float f -> Float.floatToRawIntBits(f) == (int) expected;
            case Double d -> Double.doubleToRawLongBits(d) == expected;
            case MemorySegment m -> m.address() == expected;
            default -> actual.equals(want);
        };
        return same ? null : "expected " + show(want) + ", got " + show(actual);
    }

    /** The documented boxed form of a canonical value of {@code kind}. */
    static Object boxed(AbiScalar kind, long canonical) {
        return switch (kind) {
            case BOOL -> canonical != 0;
            case FLOAT -> Float.intBitsToFloat((int) canonical);
            case DOUBLE -> Double.longBitsToDouble(canonical);
            case POINTER -> MemorySegment.ofAddress(canonical);
            default -> kind.size() < 4 || kind.size() == 4 && kind.signed() ? (Object) (int) canonical : (Object) canonical;
        };
    }

    /** A value with its Java class, for messages: {@code Long 4294967295}, {@code Float 1.5 (0x3fc00000)}. */
    static String show(Object v) {
        return switch (v) {
            case null -> "null";
            case MemorySegment m -> "MemorySegment 0x" + Long.toHexString(m.address());
            case Float f -> "Float " + f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
            case Double d -> "Double " + d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
            default -> v.getClass().getSimpleName() + " " + v;
        };
    }
}
