package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.BindingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Int128}, the 128-bit integer of bound methods, callbacks and {@code invoke}: the fixtures'
 * {@code __int128} functions built by gcc and by clang, called with it, against a C program built by the
 * same compiler making the same calls, and against {@link BigInteger} arithmetic.
 */
class Int128ValueTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    /** Calls the fixtures' functions with values from its arguments (hex halves, shift) and prints each result's 32 hex digits. */
    private static final String ORACLE = """
            #include <stdio.h>
            #include <stdlib.h>
            __int128 sc_int128_neg(__int128);
            unsigned __int128 sc_uint128_shl(unsigned __int128, int);
            __int128 cl_int128_boundary(long, long, long, long, long, __int128, long);
            static void p(unsigned __int128 v) {
                printf("%016llx%016llx ", (unsigned long long) (v >> 64), (unsigned long long) v);
            }
            int main(int argc, char **argv) {
                for (int i = 1; i + 2 < argc; i += 3) {
                    unsigned __int128 v = (unsigned __int128) strtoull(argv[i], 0, 16) << 64 | strtoull(argv[i + 1], 0, 16);
                    int n = atoi(argv[i + 2]);
                    p(sc_int128_neg((__int128) v));
                    p(sc_uint128_shl(v, n));
                    p(cl_int128_boundary(1, 2, 3, 4, 5, (__int128) v, 6));
                    printf("\\n");
                }
                return 0;
            }
            """;

    /** libtypes' functions, bound with Int128 and with BigInteger. */
    public interface Types {
        Int128 sc_int128_neg(Int128 v);

        Int128 sc_uint128_shl(Int128 v, int n);

        @CName("sc_int128_neg")
        BigInteger negBig(BigInteger v);

        @CName("sc_int128_neg")
        Int128 negMixed(BigInteger v);

        @CName("sc_uint128_shl")
        BigInteger shlBig(BigInteger v, int n);
    }

    /** libcalls' __int128 after five longs: at the register boundary, where gcc and clang 19 differ. */
    public interface Calls {
        Int128 cl_int128_boundary(long a, long b, long c, long d, long e, Int128 x, long l);
    }

    /** Wrong Java types for __int128. */
    public interface Wrong {
        long sc_int128_neg(long v);
    }

    @TempDir
    Path dir;

    @Test
    void theRecordConvertsExactly() {
        BigInteger min = BigInteger.ONE.shiftLeft(127).negate(), max = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        assertEquals(Int128.MIN_VALUE, Int128.of(min));
        assertEquals(Int128.MAX_VALUE, Int128.of(max));
        assertEquals(min, Int128.MIN_VALUE.toBigInteger());
        assertEquals(min.negate(), Int128.MIN_VALUE.toUnsignedBigInteger());
        assertEquals("-170141183460469231731687303715884105728", Int128.MIN_VALUE.toString());
        assertEquals("340282366920938463463374607431768211455", new Int128(-1, -1).toUnsignedString());
        assertEquals("-1", new Int128(-1, -1).toString());
        assertEquals(new Int128(-1, -1), Int128.ofUnsigned(TWO_128.subtract(BigInteger.ONE)));
        assertEquals(new Int128(0, -1), Int128.ofUnsigned(-1L));
        assertEquals(new Int128(-1, -1), Int128.of(-1L));
        assertEquals("18446744073709551615", Int128.ofUnsigned(-1L).toString());
        assertThrows(ArithmeticException.class, () -> Int128.of(max.add(BigInteger.ONE)));
        assertThrows(ArithmeticException.class, () -> Int128.ofUnsigned(BigInteger.ONE.negate()));
        assertThrows(ArithmeticException.class, () -> Int128.ofUnsigned(TWO_128));
        assertThrows(ArithmeticException.class, () -> Int128.ofUnsigned(-1L).longValueExact());
        assertEquals(-5L, Int128.of(-5).longValueExact());
        assertTrue(Int128.MIN_VALUE.compareTo(Int128.of(-1)) < 0 && Int128.compareUnsigned(Int128.MIN_VALUE, Int128.of(-1)) < 0);
        assertTrue(Int128.compareUnsigned(Int128.of(-1), Int128.MAX_VALUE) > 0);
        assertEquals(-1, Int128.MIN_VALUE.signum());
        assertEquals(0, Int128.ZERO.signum());
        assertEquals(1, Int128.ofUnsigned(-1L).signum());
        Random r = new Random(128);
        for (int i = 0; i < 5000; i++) {
            BigInteger v = new BigInteger(1 + r.nextInt(128), r);
            BigInteger signed = v.testBit(127) ? v.subtract(TWO_128) : v;
            Int128 x = Int128.ofUnsigned(v);
            assertEquals(x, Int128.of(signed), v.toString(16));
            assertEquals(v, x.toUnsignedBigInteger());
            assertEquals(signed, x.toBigInteger());
            assertEquals(signed.toString(), x.toString());
            assertEquals(v.toString(), x.toUnsignedString());
            assertEquals(v.shiftRight(64).longValue(), x.high());
            assertEquals(v.longValue(), x.low());
            assertEquals(signed.bitLength() <= 63, x.fitsLong());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd"})
    void callsAgreeWithCBuiltByTheLibrarysCompiler(String flavour) throws Exception {
        Path types = LoaderFixtures.library(flavour, "types"), calls = LoaderFixtures.library(flavour, "calls");
        Path src = dir.resolve("oracle.c");
        Files.writeString(src, ORACLE);
        Path exe = dir.resolve("oracle");
        String compiler = flavour.startsWith("gcc") ? "gcc" : "clang-19";
        run(List.of(compiler, "-O1", "-o", exe.toString(), src.toString(), "-L" + types.getParent(), "-ltypes", "-lcalls",
                "-Wl,-rpath," + types.getParent()));

        var values = new ArrayList<BigInteger>();   // unsigned 128-bit patterns
        for (BigInteger v : List.of(BigInteger.ZERO, BigInteger.ONE, TWO_64.subtract(BigInteger.ONE), TWO_64, BigInteger.ONE.shiftLeft(63),
                BigInteger.ONE.shiftLeft(127), BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE), TWO_128.subtract(BigInteger.ONE))) {
            values.add(v);
        }
        Random r = new Random(7);
        while (values.size() < 60) values.add(new BigInteger(1 + r.nextInt(128), r));
        var shifts = new ArrayList<Integer>();
        var cmd = new ArrayList<>(List.of(exe.toString()));
        for (BigInteger v : values) {
            int n = r.nextInt(128);
            shifts.add(n);
            cmd.addAll(List.of(v.shiftRight(64).toString(16), v.mod(TWO_64).toString(16), Integer.toString(n)));
        }
        List<String> lines = run(cmd).lines().toList();
        assertEquals(values.size(), lines.size());

        try (Library tl = Library.open(types); Library cl = Library.open(calls)) {
            Types t = tl.bind(Types.class);
            Calls c = cl.bind(Calls.class);
            for (int i = 0; i < values.size(); i++) {
                BigInteger v = values.get(i);
                BigInteger signed = v.testBit(127) ? v.subtract(TWO_128) : v;
                int n = shifts.get(i);
                String[] out = lines.get(i).split(" ");
                Int128 neg = fromHex(out[0]), shl = fromHex(out[1]), boundary = fromHex(out[2]);
                String what = flavour + " " + v.toString(16) + " << " + n;
                // C's results, as Int128 through bound calls and invoke, and as BigInteger.
                assertEquals(neg, t.sc_int128_neg(Int128.ofUnsigned(v)), what);
                assertEquals(shl, t.sc_uint128_shl(Int128.ofUnsigned(v), n), what);
                assertEquals(boundary, c.cl_int128_boundary(1, 2, 3, 4, 5, Int128.ofUnsigned(v), 6), what);
                assertEquals(neg.toBigInteger(), tl.function("sc_int128_neg").invoke(Int128.ofUnsigned(v)), what);
                assertEquals(shl.toUnsignedBigInteger(), tl.function("sc_uint128_shl").invoke(Int128.ofUnsigned(v), n), what);
                assertEquals(boundary.toBigInteger(), cl.function("cl_int128_boundary").invoke(1L, 2L, 3L, 4L, 5L, Int128.of(signed), 6L),
                        what);
                assertEquals(shl.toUnsignedBigInteger(), t.shlBig(v, n), what);
                if (!v.equals(BigInteger.ONE.shiftLeft(127))) {
                    assertEquals(neg.toBigInteger(), t.negBig(signed), what);
                    assertEquals(neg, t.negMixed(signed), what);
                    // And BigInteger arithmetic: negation, and the shift modulo 2^128.
                    assertEquals(signed.negate(), neg.toBigInteger(), what);
                }
                assertEquals(v.shiftLeft(n).mod(TWO_128), shl.toUnsignedBigInteger(), what);
            }
        }
    }

    /** __int128 struct members and globals: read as C stored them, written as C then reads them. */
    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd"})
    void membersAndGlobals(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "calls"))) {
            // cl_make_i128(hi, lo) stores ((__int128) hi << 64) | lo; cl_i128_high returns v >> 64.
            CStruct s = (CStruct) lib.function("cl_make_i128").invoke(-5L, 77L);
            assertEquals(new Int128(-5, 77), s.getInt128("v"));
            assertEquals(new Int128(-5, 77).toBigInteger(), s.get("v"));
            BigInteger big = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(3));
            s.set("v", Int128.of(big));
            assertEquals(1L << 36, lib.function("cl_i128_high").invoke(s));
            s.set("v", big.negate());
            assertEquals(-(1L << 36) - 1, lib.function("cl_i128_high").invoke(s));
            assertEquals(Int128.of(big.negate()), s.getInt128("v"));
            assertThrows(ArgumentException.class, () -> s.set("v", BigInteger.ONE.shiftLeft(127)));
            assertThrows(ArgumentException.class, () -> s.set("v", "1"));
        }
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "types"))) {
            // __int128 sc_int128 = -((__int128)1 << 100); unsigned __int128 sc_uint128 = ((unsigned __int128)1 << 127) | 1u;
            assertEquals(BigInteger.ONE.shiftLeft(100).negate(), lib.variable("sc_int128").get());
            assertEquals(BigInteger.ONE.shiftLeft(127).add(BigInteger.ONE), lib.variable("sc_uint128").get());
            lib.variable("sc_int128").set(Int128.of(42));
            assertEquals(Int128.of(-42), lib.bind(Types.class).sc_int128_neg(Int128.of((BigInteger) lib.variable("sc_int128").get())));
            lib.variable("sc_uint128").set(new Int128(-1, -1));
            assertEquals(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), lib.variable("sc_uint128").get());
            // Put back what C initialised them to: the library may stay mapped for other tests.
            lib.variable("sc_int128").set(BigInteger.ONE.shiftLeft(100).negate());
            lib.variable("sc_uint128").set(BigInteger.ONE.shiftLeft(127).add(BigInteger.ONE));
        }
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"))) {
            Types t = lib.bind(Types.class);
            var e = assertThrows(ArgumentException.class, () -> t.sc_int128_neg(null));
            assertTrue(e.getMessage().contains("argument 1 of sc_int128_neg") && e.getMessage().contains("null"), e.getMessage());
            e = assertThrows(ArgumentException.class, () -> t.negBig(null));
            assertTrue(e.getMessage().contains("argument 1 of sc_int128_neg"), e.getMessage());
            e = assertThrows(ArgumentException.class, () -> t.negBig(BigInteger.ONE.shiftLeft(127)));
            assertTrue(e.getMessage().contains("does not fit __int128"), e.getMessage());
            NativeFunction neg = lib.function("sc_int128_neg");
            for (Object bad : new Object[] {null, "12", 1.5, new Int128[1]}) {
                e = assertThrows(ArgumentException.class, () -> neg.invoke(bad));
                assertTrue(e.getMessage().contains("sc_int128_neg") && e.getMessage().contains("expected a BigInteger or Int128"),
                        e.getMessage());
            }
            var b = assertThrows(BindingException.class, () -> lib.bind(Wrong.class));
            assertTrue(b.getMessage().contains("(use BigInteger or Int128)"), b.getMessage());
        }
    }

    private static Int128 fromHex(String hex) {
        return new Int128(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
