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
 * zlib's types read three ways, warm: from the Linux build's DWARF ({@code elf}), from the
 * Windows DLL's PDB ({@code pdb}) and from the DWARF MinGW put in the DLL ({@code pe-dwarf}); all
 * clang-19 -O2. Open the file (and find the PDB), then every export and named type, or one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PdbReaderBenchmark {
    @Param({"elf", "pdb", "pe-dwarf"})
    public String source;

    private Path lib;

    @Setup
    public void setup() {
        lib = switch (source) {
            case "elf" -> BenchFiles.zlib("clang");
            case "pdb" -> BenchFiles.existing(BenchFiles.build().resolve("windows/zlib/pdb/libz.dll"), "scripts/build-windows-fixtures");
            default -> BenchFiles.existing(BenchFiles.build().resolve("windows/zlib/dwarf/libz.dll"), "scripts/build-windows-fixtures");
        };
    }

    /** Open, find and index the debug info, convert every export and named type. */
    @Benchmark
    public TypeSystem zlibWholeTypeSystem() throws IOException {
        return DebugInfo.open(lib).typeSystem();
    }

    /** Open, find and index the debug info, convert only deflate's types. */
    @Benchmark
    public TypeSystem zlibOneFunction() throws IOException {
        return DebugInfo.open(lib).typeSystem(Set.of("deflate"));
    }
}
