package dev.dwarfbind.bench;

import dev.dwarfbind.bind.CompileOption;
import dev.dwarfbind.bind.Library;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * C compiled at run time, from source to the first call's result, in a warm JVM (clang, libLLVM and the
 * loader's classes loaded): {@code Library.compile} into a temporary shared library typed by its DWARF
 * and {@code dlopen}ed, against {@code CompileOption.IN_MEMORY}, an LLVM module typed by its debug metadata
 * and compiled by ORC LLJIT. Each invocation compiles, types the called function, calls it and closes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CompileBenchmark {
    /** A small unit of the kind compile is for: a struct by value, a callback type, a loop. */
    static final String SOURCE = """
            struct vec { double x, y; };
            typedef int (*binop)(int, int);
            struct vec vscale(struct vec v, double k) { struct vec r = { v.x * k, v.y * k }; return r; }
            int fold(const int *xs, int n, binop f, int acc) {
                for (int i = 0; i < n; i++) acc = f(acc, xs[i]);
                return acc;
            }
            int twice(int x) { return 2 * x; }
            """;

    @Setup
    public void warm() throws IOException {
        for (CompileOption mode : CompileOption.values()) {
            try (Library lib = Library.compile(SOURCE, mode)) {
                lib.function("twice").invoke(1);
            }
        }
    }

    @Benchmark
    public Object sharedLibrary() throws IOException {
        return compileTypeAndCall(CompileOption.SHARED_LIBRARY);
    }

    @Benchmark
    public Object inMemory() throws IOException {
        return compileTypeAndCall(CompileOption.IN_MEMORY);
    }

    private static Object compileTypeAndCall(CompileOption mode) throws IOException {
        try (Library lib = Library.compile(SOURCE, mode)) {
            return lib.function("twice").invoke(21);
        }
    }
}
