package dev.dwarfbind.bench;

import dev.dwarfbind.bind.CName;
import dev.dwarfbind.bind.CallOption;
import dev.dwarfbind.bind.Critical;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * {@link CallOption#CRITICAL} against the copying default, on zlib's {@code crc32} over a Java
 * {@code byte[]} of 64 bytes and 64 KiB (beside {@link CRC32}, the JDK's own), and on
 * {@code add} of libdemo (no memory to pass: the thread-state transition alone).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CriticalBenchmark {
    @Param({"64", "65536"})
    public int size;
    public int a = 4;
    public int b = 5;

    private byte[] data;
    private Crc bound;
    private NativeFunction crcCritical;
    private NativeFunction crcCopying;
    private Add add;

    /** {@code uLong crc32(uLong crc, const Bytef *buf, uInt len)} both ways. */
    public interface Crc {
        @Critical
        @CName("crc32")
        long critical(long crc, byte[] buf, int len);

        @CName("crc32")
        long copying(long crc, byte[] buf, int len);
    }

    /** {@code int add(int, int)} both ways. */
    public interface Add {
        @Critical
        @CName("add")
        int critical(int a, int b);

        @CName("add")
        int plain(int a, int b);
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        data = new byte[size];
        new Random(1).nextBytes(data);
        Library z = Library.open(BenchFiles.zlib("gcc"));
        bound = z.bind(Crc.class);
        crcCritical = z.function("crc32", CallOption.CRITICAL);
        crcCopying = z.function("crc32");
        add = Library.open(CallFiles.demo()).bind(Add.class);
    }

    @Benchmark
    public long crc32_boundCritical() {
        return bound.critical(0L, data, data.length);
    }

    @Benchmark
    public long crc32_boundCopying() {
        return bound.copying(0L, data, data.length);
    }

    @Benchmark
    public Object crc32_dynamicCritical() {
        return crcCritical.invoke(0L, data, data.length);
    }

    @Benchmark
    public Object crc32_dynamicCopying() {
        return crcCopying.invoke(0L, data, data.length);
    }

    @Benchmark
    public long crc32_javaUtilZip() {
        var c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    @Benchmark
    public int add_boundCritical() {
        return add.critical(a, b);
    }

    @Benchmark
    public int add_bound() {
        return add.plain(a, b);
    }
}
