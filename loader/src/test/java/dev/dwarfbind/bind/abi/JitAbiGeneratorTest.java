package dev.dwarfbind.bind.abi;

import dev.dwarfbind.bind.CStruct;
import dev.dwarfbind.bind.Complex;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
import dev.dwarfbind.bind.internal.value.X87;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential ABI test of the JIT: a seeded {@link JitProgram} of functions over long double,
 * __int128, _Float16, complex long double, packed and over-aligned records (and ordinary scalars),
 * each with a random calling convention, built by clang-19 (every convention) and gcc (ms_abi,
 * sysv_abi); every function is called through {@link NativeFunction#invoke} with random values, and
 * the checksum of what C received, and the value it built from it, must be what Java computes.
 *
 * <p>gcc records no calling convention in its DWARF, so a gcc-built library's ms_abi functions are
 * typed from clang's build of the same file (its DWARF has them), loaded over gcc's code with
 * {@link Library#load}; the others are typed from gcc's own DWARF. Two seeds run, a fixed one and a
 * rotating one printed for replay ({@code -Ddwarfbind.jitabi.seed}); 128 functions a program, so 512
 * signatures a run.
 */
class JitAbiGeneratorTest {
    private static final long FIXED_SEED = 20261129L;
    private static final int FUNCTIONS = Integer.getInteger("dwarfbind.jitabi.functions", 128);
    private static final int CALLS = 3;
    private static final int SHOWN = 15;

    @TestFactory
    Stream<DynamicTest> jitWrappedFunctionsReturnWhatJavaComputes() {
        var tests = new ArrayList<DynamicTest>();
        for (long seed : Seeds.of("JIT ABI generator", FIXED_SEED, "dwarfbind.jitabi.seed")) {
            for (String compiler : System.getProperty("dwarfbind.jitabi.compilers", "clang-19,gcc").split(",")) {
                tests.add(DynamicTest.dynamicTest(compiler + " seed " + seed, () -> run(compiler, seed)));
            }
        }
        return tests.stream();
    }

    private static void run(String compiler, long seed) throws Exception {
        Assumptions.assumeTrue(NativeCompiler.available(compiler), compiler + " is not installed");
        long started = System.nanoTime();
        boolean gcc = compiler.equals("gcc");
        JitProgram program = JitProgram.generate(new SplittableRandom(seed), 16, FUNCTIONS,
                gcc ? JitProgram.GCC_CONVENTIONS : JitProgram.CLANG_CONVENTIONS, gcc);
        Path dir = Path.of(System.getProperty("dwarfbind.build", "build"), "jitabi", compiler + "-" + seed);
        Files.createDirectories(dir);
        Path source = dir.resolve("jitabi.c");
        Path library = dir.resolve("libjitabi.so");
        Files.writeString(source, program.source());
        NativeCompiler.sharedLibrary(compiler, source, library);
        Library clangTyped = null;
        if (gcc) {
            Path types = dir.resolve("libjitabi-clang-types.so");
            NativeCompiler.sharedLibrary("clang-19", source, types);
            clangTyped = Library.load(library, DebugInfo.open(types).typeSystem());
        }
        var rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        var failures = new ArrayList<String>();
        int calls = 0;
        try (Library own = Library.open(library); Arena arena = Arena.ofConfined()) {
            for (JitProgram.Fn f : program.functions()) {
                Library lib = f.convention().equals("ms_abi") && clangTyped != null ? clangTyped : own;
                String symbol = f.convention().equals("regcall") ? "__regcall3__" + f.name() : f.name();
                NativeFunction nf;
                try {
                    nf = lib.function(symbol);
                } catch (RuntimeException e) {
                    failures.add(f.name() + " (" + f.convention() + "): binding failed: " + e.getMessage());
                    continue;
                }
                for (int c = 0; c < CALLS; c++) {
                    calls++;
                    String bad = call(lib.types(), nf, f, rnd.split(), arena);
                    if (bad != null) failures.add(f.name() + " (" + f.convention() + "): " + bad);
                }
            }
        } finally {
            if (clangTyped != null) clangTyped.close();
        }
        System.out.printf("JIT ABI seed=%d compiler=%s functions=%d calls=%d failures=%d (%d ms, %s)%n", seed, compiler,
                program.functions().size(), calls, failures.size(), (System.nanoTime() - started) / 1_000_000, source);
        if (!failures.isEmpty()) {
            var sb = new StringBuilder(compiler + ", seed " + seed + " (" + source + "): " + failures.size() + " failures\n");
            for (String s : failures.subList(0, Math.min(SHOWN, failures.size()))) sb.append("  ").append(s).append('\n');
            System.out.print(sb);
            fail(sb.toString());
        }
    }

    /** One call with random values; null if C received and returned what Java expects, else what differs. */
    private static String call(TypeSystem ts, NativeFunction nf, JitProgram.Fn f, SplittableRandom rnd, Arena arena) {
        long h = mix(0x243F6A8885A308D3L, f.index());
        Object[] args = new Object[f.params().size()];
        for (int p = 0; p < args.length; p++) {
            JitProgram.Type t = f.params().get(p);
            if (t.kind() != null) {
                long[] words = randomWords(t.kind(), rnd);
                args[p] = toJava(t.kind(), words, rnd);
                h = mixAll(h, words);
            } else {
                RecordType r = record(ts, t.rec());
                MemorySegment s = arena.allocate(r.byteSize(), r.alignment());
                for (int m = 0; m < t.rec().members().size(); m++) {
                    long[] words = randomWords(t.rec().members().get(m), rnd);
                    store(t.rec().members().get(m), words, s, r.fields().get(m).byteOffset());
                    h = mixAll(h, words);
                }
                args[p] = s;
            }
        }
        Object result;
        try {
            result = nf.invoke(args);
        } catch (RuntimeException e) {
            return "threw " + e;
        }
        if (f.ret() == null) return result instanceof Long l && l == h ? null : "checksum " + Long.toHexString(h) + ", got " + result;
        if (f.ret().kind() != null) {
            long[] want = expectedWords(f.ret().kind(), h);
            long[] got = wordsOf(f.ret().kind(), result);
            return Arrays.equals(want, got) ? null : "returned " + result + " (" + hex(got) + "), expected " + hex(want);
        }
        RecordType r = record(ts, f.ret().rec());
        MemorySegment s = ((CStruct) result).segment();
        for (int m = 0; m < f.ret().rec().members().size(); m++) {
            JitKind k = f.ret().rec().members().get(m);
            long[] want = expectedWords(k, mix(h, m + 1));
            long[] got = load(k, s, r.fields().get(m).byteOffset());
            if (!Arrays.equals(want, got)) return "member m" + m + " (" + k.c + ") is " + hex(got) + ", expected " + hex(want);
        }
        return null;
    }

    private static RecordType record(TypeSystem ts, JitProgram.Rec rec) {
        return ts.type(ts.typeNamed(rec.c()).orElseThrow(), RecordType.class);
    }

    // ---- values as the checksum's words ----

    private static long[] randomWords(JitKind k, SplittableRandom rnd) {
        return switch (k) {
            case CHAR -> new long[] {(byte) rnd.nextInt()};
            case SHORT -> new long[] {(short) rnd.nextInt()};
            case INT -> new long[] {rnd.nextInt()};
            case LLONG -> new long[] {rnd.nextLong()};
            case FLOAT -> {
                int b;
                do b = rnd.nextInt(); while (Float.isNaN(Float.intBitsToFloat(b)));
                yield new long[] {b & 0xffffffffL};
            }
            case DOUBLE -> {
                long b;
                do b = rnd.nextLong(); while (Double.isNaN(Double.longBitsToDouble(b)));
                yield new long[] {b};
            }
            case POINTER -> new long[] {rnd.nextInt(8) == 0 ? 0 : rnd.nextLong() >>> 17};
            case LDOUBLE -> randomLongDouble(rnd);
            case I128 -> new long[] {rnd.nextLong(), rnd.nextLong()};
            case U128 -> new long[] {rnd.nextLong(), rnd.nextLong()};
            case F16 -> {
                int b;
                do b = rnd.nextInt(1 << 16); while ((b & 0x7c00) == 0x7c00 && (b & 0x3ff) != 0);
                yield new long[] {b};
            }
            case CLDOUBLE -> {
                long[] re = randomLongDouble(rnd), im = randomLongDouble(rnd);
                yield new long[] {re[0], re[1], im[0], im[1]};
            }
        };
    }

    /** A finite long double: mostly of moderate size, sometimes zero, a denormal or near the ends of the range. */
    private static long[] randomLongDouble(SplittableRandom rnd) {
        long sign = rnd.nextBoolean() ? 0x8000 : 0;
        return switch (rnd.nextInt(10)) {
            case 0 -> new long[] {0, sign};
            case 1 -> new long[] {rnd.nextLong() >>> 1, sign};                                   // denormal
            case 2 -> new long[] {rnd.nextLong() | Long.MIN_VALUE, sign | (rnd.nextBoolean() ? 1 : 0x7ffe)};
            default -> new long[] {rnd.nextLong() | Long.MIN_VALUE, sign | (16383 + rnd.nextInt(-400, 400))};
        };
    }

    /** The Java value passed for these words, varied over the accepted conversions. */
    private static Object toJava(JitKind k, long[] w, SplittableRandom rnd) {
        return switch (k) {
            case CHAR, SHORT, INT -> (int) w[0];
            case LLONG -> w[0];
            case FLOAT -> Float.intBitsToFloat((int) w[0]);
            case DOUBLE -> Double.longBitsToDouble(w[0]);
            case POINTER -> w[0] == 0 ? null : MemorySegment.ofAddress(w[0]);
            case LDOUBLE -> longDouble(w[0], w[1]);
            case I128 -> int128(w[0], w[1], true);
            case U128 -> int128(w[0], w[1], false);
            case F16 -> Float.float16ToFloat((short) w[0]);
            case CLDOUBLE -> new Complex(longDouble(w[0], w[1]), longDouble(w[2], w[3]));
        };
    }

    /** The exact value of these bits, as a Double when it is one (half the time) to vary the conversions. */
    private static Number longDouble(long sig, long se) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(16);
            m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, sig);
            m.set(ValueLayout.JAVA_SHORT_UNALIGNED, 8, (short) se);
            Number n = X87.read(m, 0);
            if (n instanceof BigDecimal b && (sig & 0x7ff) == 0 && new BigDecimal(b.doubleValue()).compareTo(b) == 0 && (sig & 0x800) != 0) {
                return b.doubleValue();
            }
            return n;
        }
    }

    private static BigInteger int128(long lo, long hi, boolean signed) {
        BigInteger v = BigInteger.valueOf(hi).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
        return signed || v.signum() >= 0 ? v : v.add(BigInteger.ONE.shiftLeft(128));
    }

    /** The words of a Java result of kind {@code k}. */
    private static long[] wordsOf(JitKind k, Object v) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(32);
            switch (k) {
                case CHAR, SHORT, INT, LLONG -> m.set(ValueLayout.JAVA_LONG, 0, ((Number) v).longValue());
                case FLOAT -> m.set(ValueLayout.JAVA_FLOAT, 0, (Float) v);
                case DOUBLE -> m.set(ValueLayout.JAVA_DOUBLE, 0, (Double) v);
                case POINTER -> m.set(ValueLayout.JAVA_LONG, 0, ((MemorySegment) v).address());
                case LDOUBLE -> writeLongDouble(m, 0, (Number) v);
                case I128, U128 -> {
                    BigInteger b = (BigInteger) v;
                    m.set(ValueLayout.JAVA_LONG, 0, b.longValue());
                    m.set(ValueLayout.JAVA_LONG, 8, b.shiftRight(64).longValue());
                }
                case F16 -> m.set(ValueLayout.JAVA_SHORT, 0, Float.floatToFloat16((Float) v));
                case CLDOUBLE -> {
                    writeLongDouble(m, 0, ((Complex) v).real());
                    writeLongDouble(m, 16, ((Complex) v).imaginary());
                }
            }
            return load(k, m, 0);
        }
    }

    private static void writeLongDouble(MemorySegment m, long at, Number v) {
        if (v instanceof BigDecimal b) X87.write(m, at, b);
        else X87.write(m, at, v.doubleValue());
    }

    /** The words of what {@link JitKind#fromChecksum} makes of {@code x}. */
    private static long[] expectedWords(JitKind k, long x) {
        BigDecimal ux = new BigDecimal(new BigInteger(Long.toUnsignedString(x)));
        Object v = switch (k) {
            case CHAR -> (long) (byte) x;
            case SHORT -> (long) (short) x;
            case INT -> (long) (int) x;
            case LLONG -> x;
            case FLOAT -> (float) (x >>> 40);
            case DOUBLE -> (double) (x >>> 11);
            case POINTER -> MemorySegment.ofAddress(x >>> 16);
            case LDOUBLE -> ux;
            case I128, U128 -> int128(mix(x, 1), x, k == JitKind.I128);
            case F16 -> (float) (x >>> 53);
            case CLDOUBLE -> new Complex(ux, new BigDecimal(new BigInteger(Long.toUnsignedString(mix(x, 1)))));
        };
        return wordsOf(k, v);
    }

    /** The words C hashes for the value of kind {@code k} at {@code at}. */
    private static long[] load(JitKind k, MemorySegment m, long at) {
        return switch (k) {
            case CHAR -> new long[] {m.get(ValueLayout.JAVA_BYTE, at)};
            case SHORT -> new long[] {m.get(ValueLayout.JAVA_SHORT_UNALIGNED, at)};
            case INT -> new long[] {m.get(ValueLayout.JAVA_INT_UNALIGNED, at)};
            case FLOAT -> new long[] {m.get(ValueLayout.JAVA_INT_UNALIGNED, at) & 0xffffffffL};
            case LLONG, DOUBLE, POINTER -> new long[] {m.get(ValueLayout.JAVA_LONG_UNALIGNED, at)};
            case LDOUBLE -> new long[] {m.get(ValueLayout.JAVA_LONG_UNALIGNED, at), m.get(ValueLayout.JAVA_SHORT_UNALIGNED, at + 8) & 0xffff};
            case I128, U128 -> new long[] {m.get(ValueLayout.JAVA_LONG_UNALIGNED, at), m.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 8)};
            case F16 -> new long[] {m.get(ValueLayout.JAVA_SHORT_UNALIGNED, at) & 0xffff};
            case CLDOUBLE -> {
                long[] re = load(JitKind.LDOUBLE, m, at), im = load(JitKind.LDOUBLE, m, at + 16);
                yield new long[] {re[0], re[1], im[0], im[1]};
            }
        };
    }

    /** Writes the value with these words as C lays it out at {@code at}. */
    private static void store(JitKind k, long[] w, MemorySegment m, long at) {
        switch (k) {
            case CHAR -> m.set(ValueLayout.JAVA_BYTE, at, (byte) w[0]);
            case SHORT, F16 -> m.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, (short) w[0]);
            case INT, FLOAT -> m.set(ValueLayout.JAVA_INT_UNALIGNED, at, (int) w[0]);
            case LLONG, DOUBLE, POINTER -> m.set(ValueLayout.JAVA_LONG_UNALIGNED, at, w[0]);
            case LDOUBLE -> {
                m.set(ValueLayout.JAVA_LONG_UNALIGNED, at, w[0]);
                m.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + 8, (short) w[1]);
            }
            case I128, U128 -> {
                m.set(ValueLayout.JAVA_LONG_UNALIGNED, at, w[0]);
                m.set(ValueLayout.JAVA_LONG_UNALIGNED, at + 8, w[1]);
            }
            case CLDOUBLE -> {
                store(JitKind.LDOUBLE, new long[] {w[0], w[1]}, m, at);
                store(JitKind.LDOUBLE, new long[] {w[2], w[3]}, m, at + 16);
            }
        }
    }

    static long mix(long h, long v) {
        h ^= v;
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private static long mixAll(long h, long[] words) {
        for (long w : words) h = mix(h, w);
        return h;
    }

    private static String hex(long[] w) {
        var sb = new StringBuilder();
        for (long x : w) sb.append(sb.isEmpty() ? "" : ":").append(Long.toHexString(x));
        return sb.toString();
    }
}
