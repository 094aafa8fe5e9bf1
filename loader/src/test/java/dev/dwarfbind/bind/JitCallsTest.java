package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.Unsupported;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixtures' functions that java.lang.foreign's linker refuses, called through JIT-compiled
 * wrappers: long double, __int128, _Float16, complex long double, packed structs and structs holding
 * those types by value, and (clang-built) functions with other calling conventions.
 */
class JitCallsTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd", "clang-dwarf4-O0-bfd", "gcc-dwarf5-O0-lld"})
    void exoticScalars(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "types"))) {
            // long double: exact both ways; 1/3 rounded to 64 bits of significand, then halved exactly.
            BigDecimal third = (BigDecimal) lib.function("sc_ldouble_half").invoke(new BigDecimal("0.6666666666666666666666"));
            BigDecimal expected = new BigDecimal(new BigInteger("12297829382473034411"))
                    .divide(new BigDecimal(TWO_64.shiftLeft(1)));   // nearest 64-bit significand of 2/3, over 2
            assertEquals(0, expected.compareTo(third), third.toPlainString());
            assertEquals(new BigDecimal("0.75"), lib.function("sc_ldouble_half").invoke(1.5));
            assertEquals(new BigDecimal("5E-4951").compareTo(BigDecimal.ZERO) > 0, true);
            // __int128, signed and unsigned, across the 64-bit boundary.
            BigInteger big = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(12345));
            assertEquals(big.negate(), lib.function("sc_int128_neg").invoke(big));
            assertEquals(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE).negate(),
                    lib.function("sc_int128_neg").invoke(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE)));
            assertEquals(BigInteger.valueOf(3).shiftLeft(126), lib.function("sc_uint128_shl").invoke(BigInteger.valueOf(3), 126));
            assertEquals(BigInteger.ONE.shiftLeft(127), lib.function("sc_uint128_shl").invoke(1L, 127));
            var e = assertThrows(ArgumentException.class,
                    () -> lib.function("sc_uint128_shl").invoke(BigInteger.ONE.shiftLeft(128), 1));
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            assertThrows(ArgumentException.class, () -> lib.function("sc_int128_neg").invoke(BigInteger.ONE.shiftLeft(127)));
            assertThrows(ArgumentException.class, () -> lib.function("sc_uint128_shl").invoke(-1, 1));
            // _Float16: 1.5 × 2 exactly; 65504 (the largest half) × 2 overflows to infinity in half precision.
            assertEquals(3.0f, lib.function("sc_float16_twice").invoke(1.5f));
            assertEquals(Float.POSITIVE_INFINITY, lib.function("sc_float16_twice").invoke(65504f));
            // _Complex long double: the conjugate, exactly.
            Complex c = (Complex) lib.function("sc_cldouble_conj").invoke(new Complex(new BigDecimal("1.25"), 2.5));
            assertEquals(new BigDecimal("1.25"), c.real());
            assertEquals(new BigDecimal("-2.5"), c.imaginary());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd"})
    void structsTheLinkerCannotPass(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "calls")); Arena arena = Arena.ofConfined()) {
            CStruct ld1 = (CStruct) lib.function("cl_make_ld1").invoke(new BigDecimal("2.75"));
            assertEquals(new BigDecimal("2.75"), lib.function("cl_sum_ld1").invoke(ld1));
            CStruct mixed = (CStruct) lib.function("cl_make_ld_mixed").invoke(0.5, 7);
            assertEquals(new BigDecimal("7.5"), lib.function("cl_sum_ld_mixed").invoke(mixed));
            CStruct i128 = (CStruct) lib.function("cl_make_i128").invoke(-5L, 77L);
            assertEquals(-5L, lib.function("cl_i128_high").invoke(i128));
            CStruct packed = (CStruct) lib.function("cl_make_packed").invoke((byte) 3, 0.25);
            assertEquals(3, packed.get("c"));
            assertEquals(0.25, packed.get("d"));
            assertEquals(3.25, lib.function("cl_sum_packed").invoke(packed));
            CStruct built = lib.allocate("struct s_packed", arena).set("c", 100).set("d", -0.5);
            assertEquals(99.5, lib.function("cl_sum_packed").invoke(built));
            // Registers exhausted: the __int128 and long doubles go on the stack. Where only r9 is left for
            // the __int128, gcc (and the psABI) put it on the stack and the long after it in r9, LLVM 19 splits
            // it (llvm/llvm-project#123935): the wrapper follows whichever compiler built the library.
            BigInteger x = BigInteger.ONE.shiftLeft(90);
            assertEquals(x.add(BigInteger.valueOf(1 + 2 + 3 + 4 + 5 + 6)),
                    lib.function("cl_int128_boundary").invoke(1L, 2L, 3L, 4L, 5L, x, 6L));
            assertEquals(0, new BigDecimal("11.625").compareTo((BigDecimal) lib.function("cl_ldouble_args")
                    .invoke(1, new BigDecimal("2.5"), 3.0, 4.875, 0.25f)));
        }
    }

    /** clang records the conventions (DW_AT_calling_convention); gcc does not, see below. */
    @Test
    void callingConventionsOfClang() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "callconv")); Arena arena = Arena.ofConfined()) {
            assertEquals(10L, lib.function("cc_ms_add4").invoke(1L, 2L, 3L, 4L));
            assertEquals(21L, lib.function("cc_ms_add6").invoke(1, 2, 3, 4, 5, 6));
            assertEquals(10.5, lib.function("cc_ms_mixed").invoke(1, 2.25, 3, 4.25));
            CStruct pair = lib.allocate("struct cc_pair", arena).set("a", 100L).set("b", 20L);
            CStruct small = lib.allocate("struct cc_small", arena).set("a", 3).set("b", 4);
            assertEquals(127L, lib.function("cc_ms_pair").invoke(pair, small));
            CStruct made = (CStruct) lib.function("cc_ms_make_pair").invoke(-7L, 8L);
            assertEquals(-7L, made.get("a"));
            assertEquals(8L, made.get("b"));
            // regcall's symbols are mangled (__regcall3__name); the DWARF names the C function.
            assertEquals(36L, lib.function("__regcall3__cc_regcall_add").invoke(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
            CStruct v = lib.allocate("struct cc_vec", arena).set("x", 1.5).set("y", 2.0);
            CStruct w = lib.allocate("struct cc_vec", arena).set("x", 4.0).set("y", -1.0);
            assertEquals(4.0, lib.function("__regcall3__cc_regcall_dot").invoke(v, w));
            assertEquals(42L, lib.function("cc_preserve_most").invoke(6L, 7L));
            assertEquals(-1L, lib.function("cc_preserve_all").invoke(6L, 7L));
            assertEquals(23L, lib.function("cc_preserve_none").invoke(3L, 4L, 5L));
            assertEquals(6L ^ 3L, lib.function("cc_swiftcall").invoke(6L, 3L));
            assertEquals(9L, lib.function("cc_sysv_add").invoke(4L, 5L));
            // An ms_abi function taking a plain C function pointer: the callback is a linker upcall.
            NativeFunction apply = lib.function("cc_ms_apply");
            java.util.function.LongBinaryOperator sub = (a, b) -> a - b;
            assertEquals(5L, apply.invoke(sub, 12L, 7L));
            // Variadic ms_abi (what libffi cannot call on Linux): a wrapper per set of argument types.
            NativeFunction sum = lib.function("cc_ms_sum");
            assertEquals(60, sum.invoke(3, 10, 20, 30));
            assertEquals(-1, sum.invoke(2, 4, -5));
            assertEquals(0, sum.invoke(0));
        }
    }

    /**
     * gcc writes no DW_AT_calling_convention for ms_abi: its DWARF says the default convention, so
     * dwarfbind cannot know and calls it as System V. cc_ms_add4's four arguments arrive in the wrong
     * registers; the test pins that the result is not the sum, so this limit stays documented.
     */
    @Test
    void gccMsAbiIsInvisible() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("gcc-dwarf4-O2-bfd", "callconv"))) {
            assertEquals("DEFAULT", lib.types().signature(lib.types().function("cc_ms_add4").orElseThrow()).convention().name());
        }
    }

    @Test
    void boundInterfacesThroughTheJit() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"))) {
            Exotic x = lib.bind(Exotic.class);
            assertEquals(0.75, x.sc_ldouble_half(1.5));
            assertEquals(new BigDecimal("0.125"), x.exactHalf(new BigDecimal("0.25")));
            assertEquals(BigInteger.valueOf(-42), x.sc_int128_neg(BigInteger.valueOf(42)));
            assertEquals(5f, x.sc_float16_twice(2.5f));
            assertThrows(ArgumentException.class, () -> x.sc_int128_neg(BigInteger.ONE.shiftLeft(127)));
        }
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "callconv"))) {
            Ms ms = lib.bind(Ms.class);
            assertEquals(10L, ms.cc_ms_add4(1, 2, 3, 4));
        }
        try (Library lib = Library.open(LoaderFixtures.library("gcc-dwarf4-O2-bfd", "types"))) {
            Complex c = lib.bind(Conj.class).sc_cldouble_conj(new Complex(new BigDecimal("0.5"), -3));
            assertEquals(new Complex(new BigDecimal("0.5"), new BigDecimal("3")), c);
            var e = assertThrows(dev.dwarfbind.bind.error.BindingException.class, () -> lib.bind(WrongConj.class));
            assertTrue(e.getMessage().contains("use Complex"), e.getMessage());
        }
    }

    /** complex long double in a bound interface. */
    public interface Conj {
        Complex sc_cldouble_conj(Complex v);
    }

    /** ... and not as a double. */
    public interface WrongConj {
        double sc_cldouble_conj(double v);
    }

    @Test
    void callsAfterCloseFailInsteadOfCrashing() throws Exception {
        Ms ms;
        NativeFunction f;
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "callconv"))) {
            ms = lib.bind(Ms.class);
            f = lib.function("cc_ms_add4");
            assertEquals(10L, ms.cc_ms_add4(1, 2, 3, 4));
        }
        assertThrows(IllegalStateException.class, () -> ms.cc_ms_add4(1, 2, 3, 4));
        assertThrows(IllegalStateException.class, () -> f.invoke(1L, 2L, 3L, 4L));
    }

    @Test
    void theJitsMemoryIsReleasedWithTheLibrary() throws Exception {
        Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"));
        assertTrue(!lib.loaded().jit().started(), "no JIT before a call needs one");
        lib.function("sc_float16_twice").invoke(1f);
        assertTrue(lib.loaded().jit().started() && !lib.loaded().jit().released());
        lib.close();
        // Freed once nothing can call a wrapper: the library is closed and no call handle is reachable.
        for (int i = 0; i < 200 && !lib.loaded().jit().released(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(lib.loaded().jit().released(), "the LLJIT is disposed once the library is closed and its calls unreachable");
    }

    /** What neither path can call is refused at bind time, naming the function, the parameter and why. */
    @Test
    void whatTheJitCannotLowerEitherIsRefusedAtBindTime() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"))) {
            var e = assertThrows(Unsupported.class, () -> lib.function("sc_float128_id"));
            assertTrue(e.getMessage().contains("sc_float128_id") && e.getMessage().contains("__float128"), e.getMessage());
        }
        try (Library lib = Library.open(LoaderFixtures.library("gcc-dwarf4-O2-bfd", "types"))) {
            var e = assertThrows(Unsupported.class, () -> lib.function("sc_dec64_id"));
            assertTrue(e.getMessage().contains("decimal floating point"), e.getMessage());
        }
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "calls"))) {
            // A critical call is a plain downcall of the function itself: the JIT path cannot be one.
            var e = assertThrows(Unsupported.class, () -> lib.function("cl_sum_packed", CallOption.CRITICAL));
            assertTrue(e.getMessage().contains("critical"), e.getMessage());
        }
    }

    /**
     * libLLVM is mapped only once a call needs the JIT: checked in a fresh JVM (this one may have
     * loaded it for another test), through /proc/self/maps.
     */
    @Test
    void libLlvmLoadsOnlyWhenACallNeedsTheJit() throws Exception {
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaExe, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Ddwarfbind.build=" + System.getProperty("dwarfbind.build", "build"), LazyLlvmMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("plain calls: libLLVM absent\nJIT call: libLLVM mapped\n", out);
    }

    /**
     * Without libLLVM, a call that needs the JIT is refused naming the paths tried and the setting
     * to change, on every attempt (not an ExceptionInInitializerError and then
     * NoClassDefFoundErrors), while plain calls go on working. In a fresh JVM whose
     * {@code dwarfbind.libllvm} names a file that does not exist.
     */
    @Test
    void missingLibLlvmIsAClearErrorOnEveryAttempt() throws Exception {
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaExe, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Ddwarfbind.build=" + System.getProperty("dwarfbind.build", "build"),
                "-Ddwarfbind.libllvm=/nonexistent/libLLVM-19.so.1", MissingLlvmMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        var lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        for (String line : lines.subList(0, 2)) {
            assertTrue(line.startsWith("Unsupported: cannot call long double sc_ldouble_half(long double v); through the JIT: libLLVM not found")
                    && line.contains("/nonexistent/libLLVM-19.so.1") && line.contains("-Ddwarfbind.libllvm=PATH"), out);
        }
        assertEquals("plain call: -4", lines.get(2));
    }

    /** Run by {@link #missingLibLlvmIsAClearErrorOnEveryAttempt} in its own JVM. */
    public static final class MissingLlvmMain {
        public static void main(String[] args) throws Exception {
            try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"))) {
                for (int i = 0; i < 2; i++) {
                    try {
                        lib.function("sc_ldouble_half").invoke(4.0);
                        System.out.println("called");
                    } catch (Exception e) {
                        System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' '));
                    }
                }
                System.out.println("plain call: " + lib.function("sc_int_neg").invoke(4));
            }
        }
    }

    /** Run by {@link #libLlvmLoadsOnlyWhenACallNeedsTheJit} in its own JVM. */
    public static final class LazyLlvmMain {
        public static void main(String[] args) throws Exception {
            try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"))) {
                lib.function("sc_int_neg").invoke(4);
                lib.function("sc_double_half").invoke(4.0);
                System.out.println("plain calls: libLLVM " + (mapped() ? "mapped" : "absent"));
                lib.function("sc_ldouble_half").invoke(4.0);
                System.out.println("JIT call: libLLVM " + (mapped() ? "mapped" : "absent"));
            }
        }

        private static boolean mapped() throws java.io.IOException {
            return java.nio.file.Files.readString(Path.of("/proc/self/maps")).contains("libLLVM");
        }
    }

    /** Bound to libtypes' exotic scalar functions. */
    public interface Exotic {
        double sc_ldouble_half(double v);

        @CName("sc_ldouble_half")
        BigDecimal exactHalf(BigDecimal v);

        BigInteger sc_int128_neg(BigInteger v);

        float sc_float16_twice(float v);
    }

    /** Bound to libcallconv. */
    public interface Ms {
        long cc_ms_add4(long a, long b, long c, long d);
    }
}
