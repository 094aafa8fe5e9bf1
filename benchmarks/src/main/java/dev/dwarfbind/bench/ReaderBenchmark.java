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
 * Time to open zlib and build its whole type system (every export and named type), warm; and
 * time to get one function's types from it. For Windows the same source as a DLL, with a PDB or
 * with DWARF inside.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReaderBenchmark {
    /**
     * Which zlib: the Linux build by clang-19 or gcc, or the Windows DLL by clang-19 (MinGW)
     * typed by its PDB or by the DWARF inside it (scripts/build-windows-fixtures).
     */
    @Param({"clang", "gcc", "clang-pdb", "clang-pe-dwarf"})
    public String build;

    private Path lib;

    @Setup
    public void setup() {
        lib = switch (build) {
            case "clang-pdb" -> BenchFiles.zlibDll("pdb");
            case "clang-pe-dwarf" -> BenchFiles.zlibDll("dwarf");
            default -> BenchFiles.zlib(build);
        };
    }

    /** Open the file, index its DWARF, convert every export and named type. */
    @Benchmark
    public TypeSystem zlibWholeTypeSystem() throws IOException {
        return DebugInfo.open(lib).typeSystem();
    }

    /** Open the file, index its DWARF, convert only deflate's types. */
    @Benchmark
    public TypeSystem zlibOneFunction() throws IOException {
        return DebugInfo.open(lib).typeSystem(Set.of("deflate"));
    }
}
