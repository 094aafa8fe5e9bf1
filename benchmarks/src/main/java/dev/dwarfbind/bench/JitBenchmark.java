package dev.dwarfbind.bench;

import dev.dwarfbind.bind.CName;
import dev.dwarfbind.bind.Int128;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.llvm.Toolchain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Calls through JIT-compiled wrappers beside plain linker calls of the same shape, on libtypes'
 * fixtures: {@code long double sc_ldouble_half(long double)} against {@code double
 * sc_double_half(double)}, {@code __int128 sc_int128_neg(__int128)} against {@code long
 * sc_long_neg(long)}; and, as the fixtures have no function of two {@code __int128}s, libgcc's
 * {@code __int128 __multi3(__int128, __int128)} (typed from its documented declaration, compiled with
 * {@code -g} at setup: libgcc_s has no debug info) against libtypes' {@code int64_t sc_i64_add(int64_t,
 * int64_t)}. Bound (interface, with {@link BigInteger}, {@link BigDecimal}, {@link Int128} or
 * {@code double}) and dynamic ({@code invoke}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class JitBenchmark {
    public double x = 3.25;
    public long n = 1234567;
    public BigDecimal xd = new BigDecimal("3.25");
    public BigInteger ni = BigInteger.valueOf(1234567).shiftLeft(70);
    public BigInteger small = BigInteger.valueOf(1234567);
    public Int128 wide = Int128.of(ni);
    public long m = 7654321;
    public BigInteger mi = BigInteger.valueOf(7654321).shiftLeft(40);
    public Int128 mWide = Int128.of(mi);

    private Library lib;
    private Types bound;
    private NativeFunction ldoubleHalf;
    private NativeFunction doubleHalf;
    private NativeFunction int128Neg;
    private NativeFunction longNeg;
    private Library libgcc;
    private Libgcc gcc;

    /** The JIT-wrapped functions and their plain twins. */
    public interface Types {
        @CName("sc_ldouble_half")
        double ldoubleHalf(double v);

        @CName("sc_ldouble_half")
        BigDecimal ldoubleHalfExact(BigDecimal v);

        @CName("sc_double_half")
        double doubleHalf(double v);

        @CName("sc_int128_neg")
        BigInteger int128Neg(BigInteger v);

        @CName("sc_int128_neg")
        Int128 int128NegValue(Int128 v);

        @CName("sc_long_neg")
        long longNeg(long v);

        @CName("sc_i64_add")
        long i64Add(long a, long b);
    }

    /** libgcc's multiplication of two __int128s. */
    public interface Libgcc {
        @CName("__multi3")
        Int128 multiply(Int128 a, Int128 b);

        @CName("__multi3")
        BigInteger multiplyBig(BigInteger a, BigInteger b);
    }

    static Path types() {
        return BenchFiles.existing(BenchFiles.build().resolve("fixtures").resolve("clang-dwarf5-O2-lld").resolve("libtypes.so"),
                "scripts/build-fixtures");
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        lib = Library.open(types());
        bound = lib.bind(Types.class);
        ldoubleHalf = lib.function("sc_ldouble_half");
        doubleHalf = lib.function("sc_double_half");
        int128Neg = lib.function("sc_int128_neg");
        longNeg = lib.function("sc_long_neg");
        Path dir = Files.createTempDirectory("jitbench");
        Path src = Files.writeString(dir.resolve("decls.c"), "__int128 __multi3(__int128 a, __int128 b) { return 0; }\n");
        Path decls = dir.resolve("libdecls.so");
        try {
            Process p = new ProcessBuilder(Toolchain.find(Toolchain.Tool.CLANG).toString(), "-g", "-shared", "-fPIC", "-o",
                    decls.toString(), src.toString()).inheritIO().start();
            if (p.waitFor() != 0) throw new IOException("clang failed on " + src);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        libgcc = Library.load(Path.of("/usr/lib/x86_64-linux-gnu/libgcc_s.so.1"), DebugInfo.open(decls).typeSystem());
        gcc = libgcc.bind(Libgcc.class);
        for (Path f : new Path[] {src, decls, dir}) Files.delete(f);
    }

    @TearDown(Level.Trial)
    public void close() {
        lib.close();
        libgcc.close();
    }

    @Benchmark
    public double ldoubleHalf_boundDouble() {
        return bound.ldoubleHalf(x);
    }

    @Benchmark
    public BigDecimal ldoubleHalf_boundBigDecimal() {
        return bound.ldoubleHalfExact(xd);
    }

    @Benchmark
    public double doubleHalf_bound() {
        return bound.doubleHalf(x);
    }

    @Benchmark
    public Object ldoubleHalf_dynamic() {
        return ldoubleHalf.invoke(x);
    }

    @Benchmark
    public Object doubleHalf_dynamic() {
        return doubleHalf.invoke(x);
    }

    @Benchmark
    public BigInteger int128Neg_bound() {
        return bound.int128Neg(ni);
    }

    @Benchmark
    public long longNeg_bound() {
        return bound.longNeg(n);
    }

    /** The same value as {@link #int128Neg_bound}, declared {@code Int128}: its two longs go to the wrapper as they are. */
    @Benchmark
    public Int128 int128Neg_boundInt128() {
        return bound.int128NegValue(wide);
    }

    @Benchmark
    public Object int128Neg_dynamicInt128() {
        return int128Neg.invoke(wide);
    }

    /** 1234567·2⁷⁰ × 7654321·2⁴⁰ (wrapping), both beyond 64 bits. */
    @Benchmark
    public Int128 multi3_boundInt128() {
        return gcc.multiply(wide, mWide);
    }

    @Benchmark
    public BigInteger multi3_boundBigInteger() {
        return gcc.multiplyBig(ni, mi);
    }

    @Benchmark
    public long i64Add_bound() {
        return bound.i64Add(n, m);
    }

    /** A value that fits a long: the BigInteger result is made without arithmetic. */
    @Benchmark
    public BigInteger int128NegSmall_bound() {
        return bound.int128Neg(small);
    }

    @Benchmark
    public Object int128Neg_dynamic() {
        return int128Neg.invoke(ni);
    }

    /**
     * No native call: only what any __int128 call costs in Java, a BigInteger taken apart into two longs
     * and one made from two longs, by the loader's own conversions (those of {@link Int128#of(BigInteger)}
     * and {@link Int128#toBigInteger()}), to show the floor of the BigInteger variants.
     */
    @Benchmark
    public BigInteger int128_javaOnly() {
        return Int128.of(ni).toBigInteger();
    }

    @Benchmark
    public Object longNeg_dynamic() {
        return longNeg.invoke(n);
    }
}
