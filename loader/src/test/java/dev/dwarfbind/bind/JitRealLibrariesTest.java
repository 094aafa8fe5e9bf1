package dev.dwarfbind.bind;

import dev.dwarfbind.bind.internal.value.X87;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.llvm.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real libraries through the JIT: glibc's libm long double functions against a C program making the
 * same calls (compared bit for bit), and libgcc's __int128 helpers against {@link BigInteger}.
 */
class JitRealLibrariesTest {
    /** Decimal inputs: ordinary, inexact (0.1), huge, tiny (denormal), negative, near the top of the range. */
    private static final String[] INPUTS = {"2", "0.1", "12345.6789", "-3.5", "1e300", "1e-4940", "3.7e-4951",
            "11356.5", "1.18973149535723176502e+4932", "0.69314718055994530941723212145817656807"};

    /** Prints, per input, the 10 bytes of strtold(x), sqrtl(x), expl(x), frexpl(x) and its exponent, nextafterl(x, inf). */
    private static final String ORACLE = """
            #include <math.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            static void p(long double x) {
                unsigned char b[16];
                memcpy(b, &x, 16);
                for (int i = 0; i < 10; i++) printf("%02x", b[i]);
                printf(" ");
            }
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) {
                    long double x = strtold(argv[i], 0);
                    int e;
                    p(x); p(sqrtl(x)); p(expl(x)); p(frexpl(x, &e)); printf("%d ", e); p(nextafterl(x, INFINITY));
                    printf("\\n");
                }
                return 0;
            }
            """;

    @Test
    void libmLongDoubleFunctionsGiveTheBitsCGives(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("oracle.c");
        Files.writeString(src, ORACLE);
        Path exe = dir.resolve("oracle");
        run(List.of(Toolchain.find(Toolchain.Tool.CLANG).toString(), "-O0", "-o", exe.toString(), src.toString(), "-lm"));
        var cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(List.of(INPUTS));
        List<String> lines = run(cmd).lines().toList();
        try (Library libm = Library.open("m")) {
            NativeFunction sqrtl = libm.function("sqrtl"), expl = libm.function("expl"), frexpl = libm.function("frexpl"),
                    nextafterl = libm.function("nextafterl");
            for (int i = 0; i < INPUTS.length; i++) {
                String[] c = lines.get(i).split(" ");
                BigDecimal x = new BigDecimal(INPUTS[i]);
                String in = INPUTS[i];
                // Rounding a decimal to long double: dwarfbind's against glibc's strtold (correctly rounded).
                assertEquals(c[0], bytes(x), "strtold " + in);
                assertEquals(c[1], bytes(sqrtl.invoke(x)), "sqrtl " + in);
                assertEquals(c[2], bytes(expl.invoke(x)), "expl " + in);
                int[] e = new int[1];
                assertEquals(c[3], bytes(frexpl.invoke(x, e)), "frexpl " + in);
                assertEquals(Integer.parseInt(c[4]), e[0], "frexpl exponent " + in);
                assertEquals(c[5], bytes(nextafterl.invoke(x, Double.POSITIVE_INFINITY)), "nextafterl " + in);
            }
            // Exactly 1 + 2^-63: the long double after 1, as a BigDecimal.
            assertEquals(BigDecimal.ONE.add(BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(63)))),
                    nextafterl.invoke(1, 2));
        }
    }

    /** libm's sqrtl bound with BigDecimal results, made straight from the result's bits. */
    public interface Libm {
        BigDecimal sqrtl(BigDecimal x);

        @CName("sqrtl")
        BigDecimal sqrtlOfDouble(double x);
    }

    /**
     * A bound {@code BigDecimal} result equals {@code invoke}'s (which the test above checks bit for bit
     * against C); -0 is 0, and what no {@code BigDecimal} holds (NaN, ∞) is refused.
     */
    @Test
    void boundBigDecimalResultsAreInvokesExactValues() throws Exception {
        try (Library libm = Library.open("m")) {
            Libm bound = libm.bind(Libm.class);
            NativeFunction sqrtl = libm.function("sqrtl");
            for (String in : INPUTS) {
                BigDecimal x = new BigDecimal(in);
                if (sqrtl.invoke(x) instanceof BigDecimal exact) {
                    assertEquals(exact, bound.sqrtl(x), "sqrtl " + in);
                } else {
                    assertThrows(ArithmeticException.class, () -> bound.sqrtl(x), "sqrtl " + in);
                }
            }
            assertEquals(BigDecimal.ZERO, bound.sqrtlOfDouble(-0.0));
            assertEquals(new BigDecimal("1.5"), bound.sqrtlOfDouble(2.25));
            var e = assertThrows(ArithmeticException.class, () -> bound.sqrtlOfDouble(Double.POSITIVE_INFINITY));
            assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
            e = assertThrows(ArithmeticException.class, () -> bound.sqrtlOfDouble(-1));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    /** libgcc's helpers bound with {@link Int128}: their halves go to libgcc's code as they are. */
    public interface Libgcc {
        Int128 __divti3(Int128 a, Int128 b);

        Int128 __modti3(Int128 a, Int128 b);

        Int128 __multi3(Int128 a, Int128 b);

        Int128 __udivti3(Int128 a, Int128 b);

        /** The same helper declared with BigInteger. */
        @CName("__multi3")
        BigInteger multiplyBig(BigInteger a, BigInteger b);
    }

    /**
     * libgcc_s has no debug info on Debian, so its documented signatures ({@code __int128 __divti3
     * (__int128, __int128)}, ...) are typed from a small library of the same declarations compiled
     * with -g; the calls go to libgcc's own code.
     */
    @Test
    void libgccInt128HelpersAgreeWithBigInteger(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("decls.c");
        Files.writeString(src, """
                __int128 __divti3(__int128 a, __int128 b) { return 0; }
                __int128 __modti3(__int128 a, __int128 b) { return 0; }
                __int128 __multi3(__int128 a, __int128 b) { return 0; }
                unsigned __int128 __udivti3(unsigned __int128 a, unsigned __int128 b) { return 0; }
                """);
        Path decls = dir.resolve("libdecls.so");
        run(List.of(Toolchain.find(Toolchain.Tool.CLANG).toString(), "-g", "-shared", "-fPIC", "-o", decls.toString(), src.toString()));
        Path libgcc = Path.of("/usr/lib/x86_64-linux-gnu/libgcc_s.so.1");
        try (Library lib = Library.load(libgcc, DebugInfo.open(decls).typeSystem())) {
            NativeFunction div = lib.function("__divti3"), mod = lib.function("__modti3"), mul = lib.function("__multi3"),
                    udiv = lib.function("__udivti3");
            Libgcc bound = lib.bind(Libgcc.class);
            Random r = new Random(12);
            BigInteger two128 = BigInteger.ONE.shiftLeft(128);
            for (int i = 0; i < 2000; i++) {
                BigInteger a = new BigInteger(1 + r.nextInt(127), r);
                BigInteger b = new BigInteger(1 + r.nextInt(127), r).add(BigInteger.ONE);
                if (r.nextBoolean()) a = a.negate();
                if (r.nextBoolean()) b = b.negate();
                // C's division truncates toward zero, as BigInteger's does.
                assertEquals(a.divide(b), div.invoke(a, b), a + " / " + b);
                assertEquals(a.remainder(b), mod.invoke(a, b), a + " % " + b);
                // Multiplication wraps modulo 2^128, then reads as signed.
                BigInteger p = a.multiply(b).mod(two128);
                if (p.testBit(127)) p = p.subtract(two128);
                assertEquals(p, mul.invoke(a, b), a + " * " + b);
                BigInteger ua = a.abs().shiftLeft(1), ub = b.abs();
                assertEquals(ua.divide(ub), udiv.invoke(ua, ub), ua + " u/ " + ub);
                // The same through Int128, bound and through invoke.
                Int128 a128 = Int128.of(a), b128 = Int128.of(b);
                assertEquals(a.divide(b), bound.__divti3(a128, b128).toBigInteger(), a + " / " + b);
                assertEquals(a.remainder(b), bound.__modti3(a128, b128).toBigInteger(), a + " % " + b);
                assertEquals(Int128.of(p), bound.__multi3(a128, b128), a + " * " + b);
                assertEquals(p, bound.multiplyBig(a, b), a + " * " + b);
                assertEquals(ua.divide(ub), bound.__udivti3(Int128.ofUnsigned(ua), Int128.ofUnsigned(ub)).toUnsignedBigInteger(),
                        ua + " u/ " + ub);
                assertEquals(a.divide(b), div.invoke(a128, b128), a + " / " + b);
                assertEquals(ua.divide(ub), udiv.invoke(Int128.ofUnsigned(ua), Int128.ofUnsigned(ub)), ua + " u/ " + ub);
            }
            // Beyond 2^127 only as unsigned: the top bit set, divided by 3.
            BigInteger top = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.valueOf(5));
            assertEquals(top.divide(BigInteger.valueOf(3)),
                    bound.__udivti3(Int128.ofUnsigned(top), Int128.of(3)).toUnsignedBigInteger());
        }
    }

    /** The 10 value bytes of a long double result, as C's memcpy shows them. */
    private static String bytes(Object v) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(16);
            if (v instanceof BigDecimal b) {
                X87.write(m, 0, b);
            } else {
                X87.write(m, 0, ((Number) v).doubleValue());
            }
            return HexFormat.of().formatHex(m.asSlice(0, 10).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
