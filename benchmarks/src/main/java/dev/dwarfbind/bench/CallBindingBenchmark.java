package dev.dwarfbind.bench;

import dev.dwarfbind.bind.Library;
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
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Time to get a whole library ready to call: {@code Library.open} (read the debug info, load
 * the library) and {@code lib.function(name)} for every function of {@code lib.types().functions()}
 * (each a checked signature and a downcall handle), then close it. The library is
 * {@code library} under {@code -Ddwarfbind.build}: zlib built by scripts/build-zlib by default;
 * {@code -p library=fixtures/clang-dwarf5-O2-lld/libdemo.so} for a quick check without zlib.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CallBindingBenchmark {
    @Param({"zlib/clang/libz.so"})
    public String library;

    private Path path;

    @Setup
    public void setup() {
        path = BenchFiles.existing(BenchFiles.build().resolve(library), "scripts/build-zlib (or scripts/build-fixtures)");
    }

    /** Opens the library and binds every function; returns how many. */
    @Benchmark
    public int openAndBindAll(Blackhole bh) throws IOException {
        try (Library lib = Library.open(path)) {
            int n = 0;
            for (String name : lib.types().functions().keySet()) {
                bh.consume(lib.function(name));
                n++;
            }
            return n;
        }
    }
}
