package gen.types;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads and writes libtypes' bitfields through the generated accessors only, against values C
 * wrote (the initialized globals) and values C reads back (its accessor functions).
 */
public final class TypesUsage {
    private TypesUsage() {
    }

    static void eq(long expected, long actual, String what) {
        if (expected != actual) throw new AssertionError(what + ": expected " + expected + ", got " + actual);
    }

    public static void main(String[] args) {
        // struct bf_basic bf_basic_g = {5, -7, 1, -33, 0xBEEF};
        MemorySegment b = Types.bf_basic_g();
        eq(5, bf_basic.u3(b), "bf_basic.u3");
        eq(-7, bf_basic.s5(b), "bf_basic.s5 (sign-extended)");
        eq(1, bf_basic.flag(b) ? 1 : 0, "bf_basic.flag");
        eq(-33, bf_basic.plain(b), "bf_basic.plain");
        eq(0xBEEF, bf_basic.rest(b), "bf_basic.rest");
        // struct bf_straddle bf_straddle_g = {5, 777, 123456, 9, 300, 400};
        MemorySegment s = Types.bf_straddle_g();
        eq(777, bf_straddle.b(s), "bf_straddle.b");
        eq(123456, bf_straddle.c(s), "bf_straddle.c");
        eq(9, bf_straddle.d(s), "bf_straddle.d");
        eq(300, bf_straddle.e(s), "bf_straddle.e");
        eq(400, bf_straddle.f(s), "bf_straddle.f");
        // struct bf_long_long = {0xABCDE, 0x123456789A, 0xFEDCBA987654321, -4294967296, 0xFFFFFFFFFFFFFFFF};
        MemorySegment l = Types.bf_long_long_g();
        eq(0xABCDE, bf_long_long.lo(l), "bf_long_long.lo");
        eq(0x123456789AL, bf_long_long.mid(l), "bf_long_long.mid");
        eq(0xFEDCBA987654321L, bf_long_long.hi(l), "bf_long_long.hi");
        eq(-4294967296L, bf_long_long.neg(l), "bf_long_long.neg");
        eq(-1L, bf_long_long.full(l), "bf_long_long.full");
        // struct bf_char bf_char_g = {1, 2, 3, 4, 'p', -3, 1, 0};
        MemorySegment c = Types.bf_char_g();
        eq(4, bf_char.d(c), "bf_char.d");
        eq('p', bf_char.plain(c), "bf_char.plain");
        eq(-3, bf_char.s(c), "bf_char.s");
        eq(1, bf_char.b1(c) ? 1 : 0, "bf_char.b1");
        // packed, straddling its units: {0x3FFFFFFF, 0xA, 0x55, 0xFFFFFFFFFF}
        MemorySegment p = Types.bf_packed_g();
        eq(11, bf_packed.sizeof(), "sizeof(struct bf_packed)");
        eq(0x3FFFFFFF, bf_packed.a(p), "bf_packed.a");
        eq(0xA, bf_packed.b(p), "bf_packed.b");
        eq(0x55, bf_packed.c(p), "bf_packed.c");
        eq(0xFFFFFFFFFFL, bf_packed.d(p), "bf_packed.d");
        // struct bf_mixed bf_mixed_g = {1.5, 'm', -1000, -9, 33};
        MemorySegment m = Types.bf_mixed_g();
        if (bf_mixed.d(m) != 1.5) throw new AssertionError("bf_mixed.d");
        eq(-1000, bf_mixed.x(m), "bf_mixed.x");
        eq(-9, bf_mixed.y(m), "bf_mixed.y");
        eq(33, bf_mixed.z(m), "bf_mixed.z");
        // struct bf_typed bf_typed_g = {BF_BLUE, 17, 5, -20};
        MemorySegment t = Types.bf_typed_g();
        eq(Types.BF_BLUE, bf_typed.color(t), "bf_typed.color");
        eq(17, bf_typed.level(t), "bf_typed.level");
        eq(-20, bf_typed.signed_typed(t), "bf_typed.signed_typed");

        try (Arena arena = Arena.ofConfined()) {
            // Java writes, C reads.
            MemorySegment mine = bf_basic.allocate(arena);
            bf_basic.u3(mine, 6);
            bf_basic.s5(mine, -16);
            bf_basic.flag(mine, true);
            bf_basic.plain(mine, 63);
            bf_basic.rest(mine, 0x1234);
            eq(6, Types.bf_basic_get(mine, 0), "C reads u3");
            eq(-16, Types.bf_basic_get(mine, 1), "C reads s5");
            eq(1, Types.bf_basic_get(mine, 2), "C reads flag");
            eq(63, Types.bf_basic_get(mine, 3), "C reads plain");
            eq(0x1234, Types.bf_basic_get(mine, 4), "C reads rest");
            bf_basic.u3(mine, 9); // wider than 3 bits: truncated as C does
            eq(1, Types.bf_basic_get(mine, 0), "u3 truncated");
            eq(-16, Types.bf_basic_get(mine, 1), "s5 untouched by its neighbour");
            // C writes, Java reads.
            MemorySegment st = bf_straddle.allocate(arena);
            Types.bf_straddle_set(st, 7, 1023, 262143, 15, 511, 257);
            eq(7, bf_straddle.a(st), "a");
            eq(1023, bf_straddle.b(st), "b");
            eq(262143, bf_straddle.c(st), "c");
            eq(15, bf_straddle.d(st), "d");
            eq(511, bf_straddle.e(st), "e");
            eq(257, bf_straddle.f(st), "f");
            MemorySegment ll = bf_long_long.allocate(arena);
            bf_long_long.neg(ll, -5);
            bf_long_long.mid(ll, 0xFFFFFFFFFFL);
            eq(-5, Types.bf_long_long_neg(ll), "C reads neg");
            eq(0xFFFFFFFFFFL, Types.bf_long_long_mid(ll), "C reads mid");
            MemorySegment pk = bf_packed.allocate(arena);
            bf_packed.d(pk, 0x123456789AL);
            bf_packed.b(pk, 3);
            eq(0x123456789AL + 3, Types.bf_packed_d(pk), "C reads packed d + b");
        }
        // Enumerators as constants.
        eq(5, Types.GREEN, "GREEN");
        eq(Integer.MIN_VALUE, Types.NEG_BIG, "NEG_BIG");
        eq(0x100000000L, Types.WIDE_BIG, "WIDE_BIG");
        eq(0x8000000000000000L, Types.HUGE_TOP, "HUGE_TOP (bit pattern)");
        eq(20, Types.ANON_Y, "ANON_Y");
    }
}
