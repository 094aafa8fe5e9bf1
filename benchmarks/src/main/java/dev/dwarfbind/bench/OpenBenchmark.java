package dev.dwarfbind.bench;

import dev.dwarfbind.bind.Library;
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
import java.util.concurrent.TimeUnit;

/**
 * Opening a real library and calling into it, warm: Debian's GSL (5,000 exports, debug file from
 * {@code libgsl-dbg}), glibc (debug file from {@code libc6-dbg}) and zlib built from Debian's
 * source. A user who calls three functions should pay for three: opening reads headers and
 * symbols only, and each function is typed when first asked for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpenBenchmark {
    @Param({"gsl", "libc", "zlib"})
    public String library;

    private RealLibrary lib;
    private Library opened;

    @Setup
    public void setup() {
        lib = RealLibrary.named(library);
    }

    /** Per call of {@link #firstCallOnOpenLibrary}: a library opened and already asked for another function. */
    @Setup(Level.Invocation)
    public void openOne() throws IOException {
        opened = lib.open();
        opened.function(lib.warmup());
    }

    /** Open only: the ELF headers, the dynamic symbols, the debug file found by build-id, dlopen. */
    @Benchmark
    public Library open() throws IOException {
        return lib.open();
    }

    /** Open, then type and call one function: the first question reads the DWARF's index. */
    @Benchmark
    public Object openAndFirstCall() throws IOException {
        Library l = lib.open();
        return lib.call(l);
    }

    /** Open, then type and bind ten functions. */
    @Benchmark
    public Object openAndBindTen() throws IOException {
        Library l = lib.open();
        Object last = null;
        for (String f : lib.ten()) last = l.function(f);
        return last;
    }

    /** Every export and named type: what inspect and sidecar read (all of libc is about 2,600 functions). */
    @Benchmark
    public dev.dwarfbind.types.TypeSystem typeEverything() throws IOException {
        return dev.dwarfbind.debuginfo.DebugInfo.open(lib.open().path()).typeSystem();
    }

    /** The first call of a function on a library already open and indexed. */
    @Benchmark
    public Object firstCallOnOpenLibrary() {
        return lib.call(opened);
    }
}
