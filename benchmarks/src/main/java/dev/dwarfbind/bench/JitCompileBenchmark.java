package dev.dwarfbind.bench;

import dev.dwarfbind.bind.Library;
import dev.dwarfbind.llvm.jit.ClangCompiler;
import dev.dwarfbind.llvm.jit.OrcJit;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a wrapper costs to make, in a warm JVM with libLLVM loaded: a new signature (clang-19 run on the
 * wrapper's C, bitcode added to an LLJIT and compiled), a signature whose bitcode this JVM has already
 * made (a library opened afresh: a new LLJIT compiles it, no clang). Calls once bound never compile
 * again: see {@link JitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class JitCompileBenchmark {
    /** The wrapper of {@code long double (long double)} as the loader writes it; a counter makes each source new. */
    private static final String WRAPPER = """
            typedef long double (*dwb_fn)(long double);
            void dwb_w_%d(void *fn, char *f) {
                *(long double *)(f + 0) = ((dwb_fn)fn)(*(long double *)(f + 16));
            }
            """;
    private static int counter;

    private static final List<String> FLAGS = List.of("-O2", "-fno-stack-protector", "-w");
    /** Sources whose bitcode the setup put in the disk cache, one per invocation of the warm-cache benchmark. */
    private static final int CACHED = 64;
    /** No disk cache: every signature is new to clang. */
    private final ClangCompiler clang = ClangCompiler.system(FLAGS, null);
    /** A compiler of a later JVM: nothing in memory, every source in its disk cache. */
    private ClangCompiler fromDisk;
    private int cachedCounter;
    private Path cacheDir;
    private OrcJit jit;
    private Library lib;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        jit = new OrcJit();
        cacheDir = Files.createTempDirectory("dwarfbind-jit-cache");
        ClangCompiler earlier = ClangCompiler.system(FLAGS, cacheDir);
        for (int k = 0; k < CACHED; k++) earlier.bitcode(WRAPPER.formatted(1_000_000 + k));
        fromDisk = ClangCompiler.system(FLAGS, cacheDir);
        // Warm: the loader's own compiler and LLJIT have made a wrapper before.
        try (Library warm = Library.open(JitBenchmark.types())) {
            warm.function("sc_ldouble_half").invoke(1.0);
        }
    }

    @Setup(Level.Invocation)
    public void open() throws IOException {
        lib = Library.open(JitBenchmark.types());
    }

    @TearDown(Level.Invocation)
    public void closeLibrary() {
        lib.close();
    }

    @TearDown(Level.Trial)
    public void close() {
        jit.close();
    }

    @Benchmark
    public long newSignature() {
        int k = ++counter;
        jit.add(clang.bitcode(WRAPPER.formatted(k)), "w" + k);
        return jit.lookup("dwb_w_" + k);
    }

    /** A signature new to this JVM whose bitcode an earlier run left in the disk cache: no clang run. */
    @Benchmark
    public long newSignatureWarmDiskCache() {
        int k = 1_000_000 + cachedCounter++ % CACHED;
        jit.add(fromDisk.bitcode(WRAPPER.formatted(k)), "c" + cachedCounter);
        return jit.lookup("dwb_w_" + k);
    }

    @Benchmark
    public Object knownSignatureNewLibrary() {
        return lib.function("sc_ldouble_half");
    }
}
