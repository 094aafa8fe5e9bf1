package dev.dwarfbind.bench;

import dev.dwarfbind.bench.gen.Demo;
import dev.dwarfbind.bench.gen.point;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.concurrent.TimeUnit;

/**
 * Calls through bindings {@code dwarfbind gen} wrote for libdemo at build time (by the
 * dwarfbind Maven plugin, standalone mode, package {@code dev.dwarfbind.bench.gen}) beside the
 * hand-written java.lang.foreign baseline ({@link CallPanama}) doing the same work: the same
 * three calls as {@link CallBenchmark}. {@code count_vowels} copies the string in a confined arena
 * per call in both; {@code point_scale} puts its result in the same reused segment in both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class GeneratedCallBenchmark {
    public int a = 4;
    public int b = 5;
    public String text = "The quick brown fox jumps over the lazy dog";
    public double k = 2.5;

    private Arena arena;
    private MemorySegment pointSegment;
    private SegmentAllocator resultAllocator;

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        // The generated class loads the library it was generated from; point it at this build's.
        System.setProperty(Demo.LIBRARY_PROPERTY, CallFiles.demo().toString());
        arena = Arena.ofShared();
        pointSegment = point.allocate(arena);
        point.x(pointSegment, 1.5);
        point.y(pointSegment, -2.0);
        resultAllocator = SegmentAllocator.prefixAllocator(arena.allocate(point.LAYOUT));
        if (add_generated() != add_panama() || countVowels_generated() != countVowels_panama()
                || point.x(pointScale_generated()) != point.x(pointScale_panama()) || point.x(pointScale_generated()) != 3.75) {
            throw new IllegalStateException("generated bindings and the baseline disagree");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int add_generated() {
        return Demo.add(a, b);
    }

    @Benchmark
    public int add_panama() throws Throwable {
        return (int) CallPanama.ADD.invokeExact(a, b);
    }

    @Benchmark
    public int countVowels_generated() {
        return Demo.count_vowels(text);
    }

    @Benchmark
    public int countVowels_panama() throws Throwable {
        try (Arena call = Arena.ofConfined()) {
            return (int) CallPanama.COUNT_VOWELS.invokeExact(call.allocateFrom(text));
        }
    }

    @Benchmark
    public MemorySegment pointScale_generated() {
        return Demo.point_scale(resultAllocator, pointSegment, k);
    }

    @Benchmark
    public MemorySegment pointScale_panama() throws Throwable {
        return (MemorySegment) CallPanama.POINT_SCALE.invokeExact(resultAllocator, pointSegment, k);
    }
}
