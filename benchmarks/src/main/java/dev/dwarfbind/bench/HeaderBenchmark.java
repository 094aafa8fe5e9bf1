package dev.dwarfbind.bench;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.headers.HeaderReader;
import dev.dwarfbind.headers.HeaderTypes;
import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.types.Target;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Typing a library from its C headers with libclang, warm (libclang loaded, JIT warm): zlib from
 * the {@code zlib.h} of the very tree {@code ReaderBenchmark}'s zlib is built from, so the figure
 * stands beside that DWARF one; and the system's sqlite3 from {@code sqlite3.h} (13,000 lines).
 * Each operation parses the headers twice (declarations, then one variable per object-like macro,
 * which Clang evaluates) and builds the whole type system.
 *
 * <p>{@code isolation}: in the Clang child process (the default; warm, the process is running and
 * its JIT warm too, so the operation adds the request, the type system's JSON and its reading back)
 * or in this JVM. {@link #firstParse} is the first parse of a fresh JVM, once per fork: the start of
 * the child JVM and of libclang in it, against loading libclang here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HeaderBenchmark {
    /** zlib (built by clang-19, its own zlib.h) or sqlite3 (the system's, Debian's sqlite3.h). */
    @Param({"zlib", "sqlite3"})
    public String library;

    /** Where Clang runs: {@code child} (a child JVM, the default) or {@code in-process}. */
    @Param({"child", "in-process"})
    public String isolation;

    private Headers headers;
    private Target target;
    private List<Export> exports;

    @Setup
    public void setup() throws IOException {
        Path lib;
        if (library.equals("zlib")) {
            lib = BenchFiles.zlib("clang");
            headers = Headers.of("zlib.h").withIncludeDirs(lib.getParent().resolve("tree"));
        } else {
            lib = Path.of("/lib/x86_64-linux-gnu/libsqlite3.so.0");
            headers = Headers.of("sqlite3.h");
        }
        if (isolation.equals("in-process")) headers = headers.inProcess();
        ElfFile elf = ElfFile.open(lib);
        target = elf.target();
        exports = DebugInfo.exports(elf);
    }

    /** Parse the headers, evaluate their macros, build the type system matched to the exports. */
    @Benchmark
    public HeaderTypes typeFromHeaders() {
        return HeaderReader.read(headers, target, exports);
    }

    /** The same, once in a fresh JVM: what a program that types one library from headers pays. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public HeaderTypes firstParse() {
        return HeaderReader.read(headers, target, exports);
    }
}
