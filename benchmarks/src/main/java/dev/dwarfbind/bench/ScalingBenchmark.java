package dev.dwarfbind.bench;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.TypeSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How reading grows with library size: generated libraries of 1k, 10k and 100k functions
 * (scripts/build-generated). Divide each score by the function count for the cost per function.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScalingBenchmark {
    @Param({"1000", "10000", "100000"})
    public int functions;

    private Path lib;
    private String middle;

    @Setup
    public void setup() {
        lib = BenchFiles.generated(functions);
        middle = "gen_f" + functions / 2;
    }

    /** Whole type system: every function and type. */
    @Benchmark
    public TypeSystem wholeTypeSystem() throws IOException {
        return DebugInfo.open(lib).typeSystem();
    }

    /** Open, index, and convert one function from the middle of the library. */
    @Benchmark
    public TypeSystem oneFunction() throws IOException {
        return DebugInfo.open(lib).typeSystem(Set.of(middle));
    }
}
