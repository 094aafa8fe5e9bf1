package dev.dwarfbind.bench;

import dev.dwarfbind.bind.CName;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
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
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Calls through JIT-compiled wrappers beside plain linker calls of the same shape, on libtypes'
 * fixtures: {@code long double sc_ldouble_half(long double)} against {@code double
 * sc_double_half(double)}, {@code __int128 sc_int128_neg(__int128)} against {@code long
 * sc_long_neg(long)}, and {@code unsigned __int128 sc_uint128_shl(unsigned __int128, int)} against
 * {@code unsigned long sc_ulong_inc(unsigned long)}; bound (interface) and dynamic ({@code invoke}).
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

    private Library lib;
    private Types bound;
    private NativeFunction ldoubleHalf;
    private NativeFunction doubleHalf;
    private NativeFunction int128Neg;
    private NativeFunction longNeg;

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

        @CName("sc_long_neg")
        long longNeg(long v);
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
    }

    @TearDown(Level.Trial)
    public void close() {
        lib.close();
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
     * and one made from two longs (as the loader does, through 16 bytes), to show the floor of the
     * BigInteger variants.
     */
    @Benchmark
    public BigInteger int128_javaOnly() {
        long lo = ni.longValue();
        long hi = ni.bitLength() <= 63 ? lo >> 63 : ni.shiftRight(64).longValue();
        byte[] be = new byte[16];
        for (int i = 0; i < 8; i++) {
            be[i] = (byte) (~hi >>> (56 - 8 * i));
            be[8 + i] = (byte) (-lo >>> (56 - 8 * i));
        }
        return new BigInteger(be);
    }

    @Benchmark
    public Object longNeg_dynamic() {
        return longNeg.invoke(n);
    }
}
