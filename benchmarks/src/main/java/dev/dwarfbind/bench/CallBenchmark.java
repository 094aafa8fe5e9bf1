package dev.dwarfbind.bench;

import dev.dwarfbind.bind.CStruct;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
import dev.dwarfbind.bench.gen.Demo;
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
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

/**
 * Cost of one call to a C function of libdemo, the same three functions through each way of
 * calling, in one run so the numbers sit side by side:
 * <ul>
 * <li>{@code add(int, int)}: the bare call;</li>
 * <li>{@code count_vowels(const char *)}: a Java string copied to UTF-8 for the call;</li>
 * <li>{@code point_scale(struct point, double)}: a 16-byte struct by value in and out.</li>
 * </ul>
 * The ways (the suffix of each method):
 * <ul>
 * <li>{@code bound}: dwarfbind, {@code lib.bind(CallDemo.class)} (a generated class; strings in
 *     a confined arena per call, struct results in an automatic arena per call);</li>
 * <li>{@code dynamic}: dwarfbind, {@code lib.function(name).invoke(Object...)} (boxed, checked);</li>
 * <li>{@code panama}: hand-written {@code static final MethodHandle}s and {@code invokeExact}
 *     ({@link CallPanama}); the string in a confined arena per call like {@code bound}; the struct
 *     result in a reused preallocated segment ({@code panamaAutoArena}: in an automatic arena per
 *     call, the policy {@code bound} uses; {@code add_panamaSharedLookup}: the symbol found through
 *     a shared arena's lookup, as in dwarfbind's {@code Library}, which costs a session
 *     acquire/release per call);</li>
 * <li>{@code jna}: JNA interface mapping ({@code Native.load}), {@code jnaDirect}: JNA direct
 *     mapping ({@code Native.register}), structs as {@code Structure.ByValue} ({@link CallJna});</li>
 * <li>{@code generated}: bindings {@code dwarfbind gen} wrote for libdemo at build time (the
 *     dwarfbind Maven plugin, standalone mode, package {@code dev.dwarfbind.bench.gen}): a
 *     {@code static final} handle per function as in {@code panama}; the string in a confined
 *     arena per call, the struct result in the same reused segment as {@code panama};</li>
 * <li>{@code jnr}: JNR-FFI ({@link CallJnr}); no {@code pointScale_jnr}, because JNR-FFI does not
 *     support structs by value.</li>
 * </ul>
 * Arguments are read from fields so that the JIT cannot fold them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CallBenchmark {
    public int a = 4;
    public int b = 5;
    public String text = "The quick brown fox jumps over the lazy dog";
    public double k = 2.5;

    private Arena arena;
    private Library lib;
    private CallDemo bound;
    private NativeFunction addFn;
    private NativeFunction countVowelsFn;
    private NativeFunction pointScaleFn;
    private CStruct point;
    private MemorySegment pointSegment;
    private SegmentAllocator resultAllocator;
    private CallJna.Library jna;
    private CallJna.Point.ByValue jnaPoint;
    private CallJnr jnr;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        // The generated class loads the library it was generated from; point it at this build's.
        System.setProperty(Demo.LIBRARY_PROPERTY, CallFiles.demo().toString());
        arena = Arena.ofShared();
        lib = Library.open(CallFiles.demo());
        bound = lib.bind(CallDemo.class);
        addFn = lib.function("add");
        countVowelsFn = lib.function("count_vowels");
        pointScaleFn = lib.function("point_scale");
        point = lib.allocate("struct point", arena).set("x", 1.5).set("y", -2.0);
        pointSegment = point.segment();
        resultAllocator = SegmentAllocator.prefixAllocator(arena.allocate(CallPanama.POINT));
        jna = CallJna.load();
        jnaPoint = new CallJna.Point.ByValue();
        jnaPoint.x = 1.5;
        jnaPoint.y = -2.0;
        CallJna.Direct.init();
        jnr = CallJnr.load();
        check();
    }

    /** Every way gives the same answers, before anything is measured. */
    private void check() throws IOException {
        int sum = a + b;
        int vowels = 11;
        double x = 1.5 * k;
        double y = -2.0 * k;
        try {
            expect("add", sum, bound.add(a, b), addFn.invoke(a, b), add_panama(), add_panamaSharedLookup(), add_generated(), jna.add(a, b), add_jnaDirect(), add_jnr());
            expect("count_vowels", vowels, bound.count_vowels(text), countVowelsFn.invoke(text), countVowels_panama(),
                    countVowels_generated(), countVowels_jna(), countVowels_jnaDirect(), countVowels_jnr());
            CStruct dyn = (CStruct) pointScaleFn.invoke(point, k);
            CallJna.Point.ByValue j = pointScale_jna();
            CallJna.Point.ByValue jd = pointScale_jnaDirect();
            expect("point_scale.x", x, pointScale_bound().get(JAVA_DOUBLE, 0), dyn.get("x"), pointScale_panama().get(JAVA_DOUBLE, 0),
                    pointScale_panamaAutoArena().get(JAVA_DOUBLE, 0), pointScale_generated().get(JAVA_DOUBLE, 0), j.x, jd.x);
            expect("point_scale.y", y, pointScale_bound().get(JAVA_DOUBLE, 8), dyn.get("y"), pointScale_panama().get(JAVA_DOUBLE, 8),
                    pointScale_panamaAutoArena().get(JAVA_DOUBLE, 8), pointScale_generated().get(JAVA_DOUBLE, 8), j.y, jd.y);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void expect(String what, Object expected, Object... got) {
        for (int i = 0; i < got.length; i++) {
            if (!expected.equals(got[i])) throw new IllegalStateException(what + ": way " + i + " gave " + got[i] + ", expected " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        lib.close();
        arena.close();
    }

    // ---- int add(int, int) ----

    @Benchmark
    public int add_bound() {
        return bound.add(a, b);
    }

    @Benchmark
    public Object add_dynamic() {
        return addFn.invoke(a, b);
    }

    @Benchmark
    public int add_panama() throws Throwable {
        return (int) CallPanama.ADD.invokeExact(a, b);
    }

    /** Like {@code add_panama} with the symbol from a shared arena's lookup, as dwarfbind's {@code Library} has it. */
    @Benchmark
    public int add_panamaSharedLookup() throws Throwable {
        return (int) CallPanama.ADD_SHARED_LOOKUP.invokeExact(a, b);
    }

    @Benchmark
    public int add_jna() {
        return jna.add(a, b);
    }

    @Benchmark
    public int add_jnaDirect() {
        return CallJna.Direct.add(a, b);
    }

    @Benchmark
    public int add_generated() {
        return Demo.add(a, b);
    }

    @Benchmark
    public int countVowels_generated() {
        return Demo.count_vowels(text);
    }

    @Benchmark
    public MemorySegment pointScale_generated() {
        return Demo.point_scale(resultAllocator, pointSegment, k);
    }

    @Benchmark
    public int add_jnr() {
        return jnr.add(a, b);
    }

    // ---- int count_vowels(const char *) ----

    @Benchmark
    public int countVowels_bound() {
        return bound.count_vowels(text);
    }

    @Benchmark
    public Object countVowels_dynamic() {
        return countVowelsFn.invoke(text);
    }

    @Benchmark
    public int countVowels_panama() throws Throwable {
        try (Arena call = Arena.ofConfined()) {
            return (int) CallPanama.COUNT_VOWELS.invokeExact(call.allocateFrom(text));
        }
    }

    @Benchmark
    public int countVowels_jna() {
        return jna.count_vowels(text);
    }

    @Benchmark
    public int countVowels_jnaDirect() {
        return CallJna.Direct.count_vowels(text);
    }

    @Benchmark
    public int countVowels_jnr() {
        return jnr.count_vowels(text);
    }

    // ---- struct point point_scale(struct point, double) ----

    @Benchmark
    public MemorySegment pointScale_bound() {
        return bound.point_scale(pointSegment, k);
    }

    @Benchmark
    public Object pointScale_dynamic() {
        return pointScaleFn.invoke(point, k);
    }

    /** The bound interface with the caller's allocator, as {@link #pointScale_panama} has. */
    @Benchmark
    public MemorySegment pointScale_boundAllocator() {
        return bound.pointScaleInto(resultAllocator, pointSegment, k);
    }

    /** dwarfbind's dynamic call with the caller's allocator, as {@link #pointScale_panama} has. */
    @Benchmark
    public Object pointScale_dynamicAllocator() {
        return pointScaleFn.invokeWith(resultAllocator, point, k);
    }

    /** Hand-written Panama returning a fresh struct on the Java heap, as dwarfbind does by default. */
    @Benchmark
    public MemorySegment pointScale_panamaHeap() throws Throwable {
        return (MemorySegment) CallPanama.POINT_SCALE.invokeExact(HEAP, pointSegment, k);
    }

    private static final SegmentAllocator HEAP = (size, align) -> MemorySegment.ofArray(new long[(int) ((size + 7) / 8)]);

    @Benchmark
    public MemorySegment pointScale_panama() throws Throwable {
        return (MemorySegment) CallPanama.POINT_SCALE.invokeExact(resultAllocator, pointSegment, k);
    }

    @Benchmark
    public MemorySegment pointScale_panamaAutoArena() throws Throwable {
        return (MemorySegment) CallPanama.POINT_SCALE.invokeExact((SegmentAllocator) Arena.ofAuto(), pointSegment, k);
    }

    @Benchmark
    public CallJna.Point.ByValue pointScale_jna() {
        return jna.point_scale(jnaPoint, k);
    }

    @Benchmark
    public CallJna.Point.ByValue pointScale_jnaDirect() {
        return CallJna.Direct.point_scale(jnaPoint, k);
    }

    // No pointScale_jnr: JNR-FFI does not support structs passed or returned by value.
}
