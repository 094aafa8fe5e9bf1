package dev.dwarfbind.bind.internal.value;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The x87 codec against exact arithmetic: doubles round-trip exactly, a decimal is written as the
 * nearest long double (checked against both neighbours of the result, computed from its bits), bit
 * patterns read as BigDecimal and as the nearest double agree with {@link BigDecimal#doubleValue}.
 * (C's strtold is the oracle in JitRealLibrariesTest.)
 */
class X87Test {
    private final SplittableRandom rnd = new SplittableRandom(87);

    @Test
    void everyDoubleIsExact() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(16);
            for (int i = 0; i < 20_000; i++) {
                double d = i < 10 ? new double[] {0.0, 1.0, -1.5, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL,
                        1e-310, 0.1, 1.0 / 3, 65504}[i] : Double.longBitsToDouble(rnd.nextLong());
                if (Double.isNaN(d) || Double.isInfinite(d)) continue;
                X87.write(m, 0, d);
                Number back = X87.read(m, 0);
                if (d == 0) {
                    assertEquals(0, Double.compare(Math.abs(d), Math.abs(back.doubleValue())));
                    continue;
                }
                assertEquals(0, new BigDecimal(d).compareTo((BigDecimal) back), Double.toString(d));
                assertEquals(d, X87.value(m, 0).doubleValue());
            }
        }
    }

    @Test
    void decimalsRoundToTheNearest() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(16);
            for (int i = 0; i < 5_000; i++) {
                BigDecimal v = new BigDecimal(BigInteger.valueOf(rnd.nextLong()).multiply(BigInteger.valueOf(rnd.nextLong(1, 1L << 40))),
                        rnd.nextInt(-60, 80));
                if (v.signum() == 0) continue;
                X87.write(m, 0, v);
                BigDecimal r = (BigDecimal) X87.read(m, 0);
                long sig = m.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
                short se = m.get(ValueLayout.JAVA_SHORT_UNALIGNED, 8);
                BigDecimal up = neighbour(a, sig, se, 1), down = neighbour(a, sig, se, -1);
                BigDecimal err = r.subtract(v).abs();
                assertTrue(err.compareTo(up.subtract(v).abs()) <= 0, v + " -> " + r + " but " + up + " is nearer");
                assertTrue(err.compareTo(down.subtract(v).abs()) <= 0, v + " -> " + r + " but " + down + " is nearer");
            }
        }
    }

    @Test
    void bitPatternsReadAsTheNearestDouble() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(16);
            for (int i = 0; i < 20_000; i++) {
                long sig = rnd.nextLong() | Long.MIN_VALUE;
                int exp = rnd.nextInt(16383 - 1100, 16383 + 1100);
                m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, sig);
                m.set(ValueLayout.JAVA_SHORT_UNALIGNED, 8, (short) (exp | (rnd.nextBoolean() ? 0x8000 : 0)));
                BigDecimal exact = (BigDecimal) X87.read(m, 0);
                assertEquals(exact.doubleValue(), X87.value(m, 0).doubleValue(), exact.toString());
            }
        }
    }

    /**
     * The shortcut for values whose decimal form fits a long gives exactly the general decoding's
     * BigDecimal, scale included, and is taken for the values it is meant for.
     */
    @Test
    void smallValuesDecodeAsTheGeneralPath() {
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            long significand = (rnd.nextLong() | Long.MIN_VALUE) & (-1L << rnd.nextInt(64));
            int exponent = 16383 + rnd.nextInt(-90, 90);
            int se = (rnd.nextBoolean() ? 0x8000 : 0) | exponent;
            BigDecimal fast = X87.smallExact(significand, se);
            if (fast == null) continue;
            taken++;
            assertEquals(X87.decode(significand, se), fast, Long.toHexString(significand) + " " + Integer.toHexString(se));
        }
        assertTrue(taken > 10_000, "shortcut taken " + taken + " times");
        assertEquals(new BigDecimal("1.625"), X87.smallExact(13L << 60, 16383));
        assertEquals(new BigDecimal("-1024"), X87.smallExact(Long.MIN_VALUE, 0x8000 | (16383 + 10)));
        assertEquals(null, X87.smallExact(-1L, 16383));   // 64 significant bits: the general path
    }

    @Test
    void rangeLimits() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(16);
            assertThrows(ArithmeticException.class, () -> X87.write(m, 0, new BigDecimal("1.2e4932")));
            X87.write(m, 0, new BigDecimal("1e-5000"));
            assertEquals(BigDecimal.ZERO, X87.read(m, 0));
            X87.write(m, 0, Double.NEGATIVE_INFINITY);
            assertEquals(Double.NEGATIVE_INFINITY, X87.read(m, 0));
        }
    }

    /** The long double {@code direction} steps (of the significand's last bit) from the given one. */
    private static BigDecimal neighbour(Arena a, long sig, short se, int direction) {
        MemorySegment n = a.allocate(16);
        long s = sig + ((se & 0x8000) != 0 ? -direction : direction);
        int e = se & 0xffff;
        if (sig == Long.MIN_VALUE && s == Long.MAX_VALUE) {   // below 2^63: one binade down
            s = -1L;
            e--;
        } else if (sig == -1L && s == 0) {                  // past 2^64: one binade up
            s = Long.MIN_VALUE;
            e++;
        }
        n.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, s);
        n.set(ValueLayout.JAVA_SHORT_UNALIGNED, 8, (short) e);
        return (BigDecimal) X87.read(n, 0);
    }
}
