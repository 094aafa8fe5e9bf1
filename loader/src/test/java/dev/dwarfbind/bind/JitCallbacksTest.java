package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.CallbackException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java callbacks of signatures only the JIT implements (a C thunk of the real signature forwarding to a
 * plain upcall), called by real C built here by clang-19 with debug info: the C functions use what the
 * callbacks return in arithmetic of their own, so the results are C's.
 */
class JitCallbacksTest {
    @TempDir
    static Path dir;
    private static Path library;

    /** long double (*)(long double). */
    public interface LdFn {
        BigDecimal apply(BigDecimal x);
    }

    /** The same, as doubles. */
    public interface LdAsDouble {
        double apply(double x);
    }

    /** __int128 (*)(__int128, __int128). */
    public interface I128Fn {
        BigInteger apply(BigInteger a, BigInteger b);
    }

    /** The same declared with {@link Int128}. */
    public interface I128Value {
        Int128 apply(Int128 a, Int128 b);
    }

    /** _Float16 (*)(_Float16). */
    public interface F16Fn {
        float apply(float x);
    }

    /** _Complex long double (*)(_Complex long double). */
    public interface CldFn {
        Complex apply(Complex z);
    }

    /** long (ms_abi *)(long, long, long, long, long). */
    public interface MsFn {
        long apply(long a, long b, long c, long d, long e);
    }

    /** long (regcall *)(long, long, __int128). */
    public interface RegcallFn {
        long apply(long a, long b, BigInteger c);
    }

    /** double (vectorcall *)(double, double). */
    public interface VectorcallFn {
        double apply(double a, double b);
    }

    /** long (preserve_most *)(long). */
    public interface PreserveMostFn {
        long apply(long a);
    }

    /** double (*)(struct pk) with a packed struct. */
    public interface PackedFn {
        double apply(CStruct p);
    }

    /** struct pt (*)(long): a struct result. */
    public interface PointFn {
        CStruct apply(long v);
    }

    /** Bound to the library. */
    public interface Api {
        BigDecimal cb_ld(MemorySegment f, BigDecimal x);

        BigInteger cb_i128(MemorySegment f, BigInteger a, BigInteger b);

        @CName("cb_i128")
        Int128 cbI128Value(MemorySegment f, Int128 a, Int128 b);
    }

    @BeforeAll
    static void build() throws Exception {
        Assumptions.assumeTrue(onPath("clang-19"), "clang-19 is not installed");
        Path source = dir.resolve("jitcallbacks.c");
        try (InputStream in = JitCallbacksTest.class.getResourceAsStream("/jitcallbacks/jitcallbacks.c")) {
            Files.write(source, in.readAllBytes());
        }
        library = dir.resolve("libjitcallbacks.so");
        Process p = new ProcessBuilder("clang-19", "-g", "-O1", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private static boolean onPath(String tool) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(tool, "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void callbacksOfExoticTypesThroughInvoke() throws Exception {
        try (Library lib = Library.open(library); Arena arena = Arena.ofConfined()) {
            // C doubles what the callback returns: exactly, in long double.
            LdFn third = x -> x.divide(new BigDecimal(4));
            assertEquals(0, new BigDecimal("0.75").compareTo((BigDecimal) lib.function("cb_ld").invoke(third, new BigDecimal("1.5"))));
            // A value no double holds survives the round trip: 1 + 2^-60.
            BigDecimal fine = BigDecimal.ONE.add(new BigDecimal(BigInteger.ONE).divide(new BigDecimal(BigInteger.TWO.pow(60))));
            LdFn same = x -> x;
            assertEquals(0, fine.multiply(BigDecimal.TWO).compareTo((BigDecimal) lib.function("cb_ld").invoke(same, fine)));
            LdAsDouble half = x -> x / 2;
            assertEquals(0, new BigDecimal("3.25").compareTo((BigDecimal) lib.function("cb_ld").invoke(half, 3.25)));

            BigInteger big = BigInteger.ONE.shiftLeft(100);
            I128Fn sum = BigInteger::add;
            assertEquals(big.add(BigInteger.valueOf(-7 + 1)), lib.function("cb_i128").invoke(sum, big, BigInteger.valueOf(-7)));
            // Declared with Int128: the callback gets the halves C passed, and C adds 1 to what it returns
            // (carrying into the high half from 2^64 - 1, borrowing from it below zero).
            I128Value wide = (a, b) -> new Int128(a.high() + b.high(), a.low() + b.low());
            assertEquals(BigInteger.ONE.shiftLeft(64), lib.function("cb_i128").invoke(wide, Int128.ofUnsigned(-1L), Int128.ZERO));
            assertEquals(big.subtract(BigInteger.valueOf(7 - 1)),
                    lib.function("cb_i128").invoke(wide, Int128.of(big), Int128.of(-7)));
            I128Value min = (a, b) -> a.compareTo(b) <= 0 ? a : b;
            assertEquals(BigInteger.ONE.shiftLeft(127).negate().add(BigInteger.ONE),
                    lib.function("cb_i128").invoke(min, Int128.MIN_VALUE, Int128.MAX_VALUE));

            F16Fn twice = x -> x * 2;
            assertEquals(3.0f, lib.function("cb_f16").invoke(twice, 1.5f));

            CldFn conj = z -> new Complex(z.real(), ((BigDecimal) z.imaginary()).negate());
            assertEquals(0, new BigDecimal("248").compareTo((BigDecimal) lib.function("cb_cld").invoke(conj, 2.5, 2.0)));

            MsFn weighted = (a, b, c, d, e) -> a + 10 * b + 100 * c + 1000 * d + 10000 * e;
            assertEquals(54321L, lib.function("cb_ms").invoke(weighted));

            RegcallFn rc = (a, b, c) -> a * 100 + b * 10 + c.shiftRight(64).longValue();
            assertEquals(345L, lib.function("cb_regcall").invoke(rc));
            VectorcallFn vc = (a, b) -> a * b;
            assertEquals(3.375, lib.function("cb_vectorcall").invoke(vc));
            PreserveMostFn pm = a -> a * 2;
            assertEquals(83L, lib.function("cb_preserve_most").invoke(pm));

            PackedFn packed = p -> ((Number) p.get("c")).intValue() + (double) p.get("d");
            assertEquals(7.25, lib.function("cb_packed").invoke(packed, (byte) 7, 0.25));

            PointFn point = v -> lib.allocate("struct pt", arena).set("x", v).set("y", 42L);
            assertEquals(9042L, lib.function("cb_struct_ret").invoke(point, 9L));
        }
    }

    @Test
    void boundInterfacesTakeLongLivedCallbacks() throws Exception {
        try (Library lib = Library.open(library); Arena arena = Arena.ofConfined()) {
            Api api = lib.bind(Api.class);
            MemorySegment f = lib.callback("ld_fn", (LdFn) x -> x.add(BigDecimal.ONE), arena);
            assertEquals(0, new BigDecimal("7").compareTo(api.cb_ld(f, new BigDecimal("2.5"))));
            assertEquals(0, new BigDecimal("9").compareTo(api.cb_ld(f, new BigDecimal("3.5"))));
            MemorySegment g = lib.callback("i128_fn", (I128Fn) BigInteger::multiply, arena);
            BigInteger x = BigInteger.ONE.shiftLeft(70);
            assertEquals(x.multiply(BigInteger.valueOf(3)).add(BigInteger.ONE), api.cb_i128(g, x, BigInteger.valueOf(3)));
            // Int128 both ways: the bound call's halves, the callback's, C's + 1, against BigInteger.
            MemorySegment h = lib.callback("i128_fn", (I128Value) (a, b) -> Int128.of(a.toBigInteger().multiply(b.toBigInteger())), arena);
            BigInteger y = BigInteger.ONE.shiftLeft(100).negate().add(BigInteger.valueOf(12345));
            assertEquals(Int128.of(y.multiply(BigInteger.valueOf(-5)).add(BigInteger.ONE)), api.cbI128Value(h, Int128.of(y), Int128.of(-5)));
            assertEquals(y.multiply(BigInteger.valueOf(-5)).add(BigInteger.ONE), api.cb_i128(h, y, BigInteger.valueOf(-5)));
            assertEquals(Int128.of(x.multiply(BigInteger.valueOf(3)).add(BigInteger.ONE)), api.cbI128Value(g, Int128.of(x), Int128.of(3)));
        }
    }

    /** More callbacks of one signature alive at once than a batch of thunks holds: each stays itself. */
    @Test
    void manyCallbacksOfOneSignatureStayDistinct() throws Exception {
        try (Library lib = Library.open(library)) {
            for (int round = 0; round < 3; round++) {
                try (Arena arena = Arena.ofConfined()) {
                    int n = 20;
                    MemorySegment fs = arena.allocate(ValueLayout.ADDRESS, n);
                    var expected = BigDecimal.ZERO;
                    for (int i = 0; i < n; i++) {
                        int digit = (i + round) % 10;
                        fs.setAtIndex(ValueLayout.ADDRESS, i, lib.callback("ld_fn", (LdFn) x -> BigDecimal.valueOf(digit), arena));
                        expected = expected.multiply(BigDecimal.TEN).add(BigDecimal.valueOf(digit));
                    }
                    // 20 digits exceed long double's 64 bits: compare as C rounds, through the nearest long double.
                    BigDecimal got = (BigDecimal) lib.function("cb_each").invoke(fs, n, 0.0);
                    assertTrue(got.subtract(expected).abs().compareTo(expected.movePointLeft(18)) < 0, got + " vs " + expected);
                }
            }
        }
    }

    @Test
    void anExceptionInAJitCallbackReachesTheCall() throws Exception {
        try (Library lib = Library.open(library)) {
            LdFn boom = x -> {
                throw new IllegalStateException("boom");
            };
            var e = assertThrows(CallbackException.class, () -> lib.function("cb_ld").invoke(boom, 1.0));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            PointFn bad = v -> {
                throw new UnsupportedOperationException("no point");
            };
            var e2 = assertThrows(CallbackException.class, () -> lib.function("cb_struct_ret").invoke(bad, 1L));
            assertInstanceOf(UnsupportedOperationException.class, e2.getCause());
            // The thread is clean again: a good callback works.
            LdFn ok = x -> x;
            assertEquals(0, new BigDecimal("4").compareTo((BigDecimal) lib.function("cb_ld").invoke(ok, 2.0)));
        }
    }
}
