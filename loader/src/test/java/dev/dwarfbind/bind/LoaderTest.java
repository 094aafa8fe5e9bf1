package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.error.CallbackException;
import dev.dwarfbind.bind.error.Unsupported;

import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntBinaryOperator;
import java.util.function.ToIntBiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls into the fixture libraries built by both compilers: conversions, struct values, bitfields,
 * callbacks, variadics, errno, globals, threads, and every kind of bad input.
 */
class LoaderTest {
    static final String[] FLAVOURS = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd"};

    /** Also through split DWARF: types from .dwo files (gcc DWARF 4) and a .dwp package (clang DWARF 5). */
    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd", "gcc-dwarf2-O0-bfd", "gcc-dwarf4-O2-bfd-split",
            "clang-dwarf5-O2-lld-dwp-split"})
    void structsByValueEveryClassification(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "calls")); Arena arena = Arena.ofConfined()) {
            CStruct f2 = (CStruct) lib.function("cl_make_f2").invoke(1.5f, 2.25f);
            assertEquals(1.5f, f2.get("x"));
            assertEquals(3.75f, lib.function("cl_sum_f2").invoke(f2));
            CStruct f3 = (CStruct) lib.function("cl_make_f3").invoke(1f, 2f, 4f);
            assertEquals(7f, lib.function("cl_sum_f3").invoke(f3));
            CStruct di = (CStruct) lib.function("cl_make_di").invoke(0.5, 7);
            assertEquals(7.5, lib.function("cl_sum_di").invoke(di));
            CStruct id = (CStruct) lib.function("cl_make_id").invoke(3, 0.25);
            assertEquals(3.25, lib.function("cl_sum_id").invoke(id));
            CStruct fi = (CStruct) lib.function("cl_make_fi").invoke(1.5f, 2);
            assertEquals(3.5, lib.function("cl_sum_fi").invoke(fi));
            CStruct c3 = (CStruct) lib.function("cl_make_c3").invoke((byte) 1, (byte) 2, (byte) 3);
            assertEquals(6, lib.function("cl_sum_c3").invoke(c3));
            CStruct big = (CStruct) lib.function("cl_make_big").invoke(10L);
            long expected = 0;
            for (int i = 0; i < 5; i++) expected += (Long) ((CArray) big.get("a")).get(i);
            assertEquals(expected, lib.function("cl_sum_big").invoke(big));
            CStruct nested = (CStruct) lib.function("cl_make_nested").invoke(1f, 2f, 3.0);
            assertEquals(2f, nested.get("f.y"));
            assertEquals(6.0, lib.function("cl_sum_nested").invoke(nested));
            // A struct built in Java, by field path.
            CStruct l2 = lib.allocate("struct s_l2", arena).set("a", 40L).set("b", 2L);
            assertEquals(42L, lib.function("cl_sum_l2").invoke(l2));
            assertEquals(99L, lib.function("cl_u_big_long").invoke(lib.function("cl_make_u_big").invoke(99L)));
        }
    }

    /** Every exported function of every fixture either binds or says why not; nothing else. */
    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd"})
    void everyFunctionBindsOrExplains(String flavour) throws Exception {
        for (String name : List.of("types", "calls", "callconv", "symbols", "demo")) {
            try (Library lib = Library.open(LoaderFixtures.library(flavour, name))) {
                int bound = 0;
                for (String f : lib.types().functions().keySet()) {
                    try {
                        lib.function(f);
                        bound++;
                    } catch (Unsupported u) {
                        assertTrue(u.getMessage().startsWith("cannot call"), u.getMessage());
                    }
                }
                assertTrue(bound > 0, "lib" + name + " binds nothing");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd", "gcc-dwarf2-O0-bfd"})
    void bitfieldsAgreeWithTheCompiledAccessors(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "types")); Arena arena = Arena.ofConfined()) {
            CStruct g = (CStruct) lib.variable("bf_basic_g").get();
            assertEquals(5, g.get("u3"));
            assertEquals(-7, g.get("s5"));
            assertEquals(-33, g.get("plain"));
            assertEquals(0xBEEF, g.get("rest"));
            NativeFunction get = lib.function("bf_basic_get");
            CStruct b = lib.allocate("struct bf_basic", arena).set("u3", 6).set("s5", -16).set("flag", 1).set("plain", 63)
                    .set("rest", 65535);
            assertEquals(6, get.invoke(b, 0));
            assertEquals(-16, get.invoke(b, 1));
            assertEquals(1, get.invoke(b, 2));
            assertEquals(63, get.invoke(b, 3));
            assertEquals(65535, get.invoke(b, 4));
            assertThrows(ArgumentException.class, () -> b.set("u3", 8), "8 does not fit 3 bits");
            assertThrows(ArgumentException.class, () -> b.set("s5", 16));
            // Straddling fields written by C, read from Java.
            CStruct s = lib.allocate("struct bf_straddle", arena);
            lib.function("bf_straddle_set").invoke(s, 5, 777, 123456, 9, 300, 400);
            assertEquals(List.of(5L, 777L, 123456L, 9L, 300, 400),
                    List.of(((Number) s.get("a")).longValue(), ((Number) s.get("b")).longValue(),
                            ((Number) s.get("c")).longValue(), ((Number) s.get("d")).longValue(), s.get("e"), s.get("f")));
        }
    }

    @Test
    void conversionsAreCheckedBeforeTheCall() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOURS[0], "demo"))) {
            NativeFunction add = lib.function("add");
            assertThrows(ArgumentException.class, () -> add.invoke(1));
            assertThrows(ArgumentException.class, () -> add.invoke(1, 2, 3));
            var e = assertThrows(ArgumentException.class, () -> add.invoke(1, "two"));
            assertTrue(e.getMessage().contains("argument 2 (b) of add"), e.getMessage());
            e = assertThrows(ArgumentException.class, () -> add.invoke(1, Long.MAX_VALUE));
            assertTrue(e.getMessage().contains("does not fit int"), e.getMessage());
            assertThrows(ArgumentException.class, () -> add.invoke(null, 1));
            var b = assertThrows(BindingException.class, () -> lib.function("sum_int"));
            assertTrue(b.getMessage().contains("did you mean sum_ints"), b.getMessage());
            assertThrows(BindingException.class, () -> lib.function("demo_counter"), "a variable is not a function");
        }
    }

    @Test
    void unsignedRangesAndReturns() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOURS[0], "types"))) {
            TypeSystem ts = lib.types();
            // Find a function taking unsigned char and check the range both ways.
            String name = ts.functions().keySet().stream().filter(n -> lib.declaration(ts.function(n).orElseThrow())
                    .matches("unsigned char \\w+\\(unsigned char \\w+\\);")).findFirst().orElse(null);
            if (name == null) return;
            NativeFunction f = lib.function(name);
            assertThrows(ArgumentException.class, () -> f.invoke(300));
            assertThrows(ArgumentException.class, () -> f.invoke(-1));
            assertInstanceOf(Integer.class, f.invoke(255));
        }
    }

    @Test
    void callbacksAndTheirExceptions() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOURS[1], "demo"))) {
            NativeFunction sort = lib.function("sort");
            int[] data = {3, 1, 2};
            ToIntBiFunction<MemorySegment, MemorySegment> desc = (a, b) ->
                    Integer.compare(b.reinterpret(4).get(ValueLayout.JAVA_INT, 0), a.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            sort.invoke(data, 3L, 4L, desc);
            assertArrayEquals(new int[]{3, 2, 1}, data);
            ToIntBiFunction<MemorySegment, MemorySegment> bad = (a, b) -> {
                throw new IllegalStateException("from Java");
            };
            var e = assertThrows(CallbackException.class, () -> sort.invoke(data, 3L, 4L, bad));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            // The JVM survived and the library still works.
            assertEquals(9, lib.function("add").invoke(4, 5));
            IntBinaryOperator wrongArity = (a, b) -> 0;
            assertThrows(ArgumentException.class, () -> sort.invoke(data, 3L, 4L, (Runnable) () -> { }));
            assertTrue(wrongArity.applyAsInt(1, 1) == 0);
        }
    }

    @Test
    void variadicErrnoAndGlobals() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOURS[0], "demo"))) {
            assertEquals(60, lib.function("sum_ints").invoke(3, 10, 20, 30));
            assertEquals(0, lib.function("sum_ints").invoke(0));
            NativeFunction parse = lib.function("parse_int", CallOption.ERRNO);
            parse.invoke("99999999999999");
            assertEquals(34, Errno.last(), "ERANGE");
            assertEquals(17, parse.invoke("17"));
            assertEquals(0, Errno.last());
            GlobalVariable counter = lib.variable("demo_counter");
            counter.set(5);
            lib.function("add").invoke(1, 1);
            assertEquals(6, counter.get());
            assertEquals("demo 1.0", lib.variable("demo_version").getString());
            assertThrows(ArgumentException.class, () -> counter.set(1L << 40));
        }
    }

    @Test
    void closedArenasAndLibrariesFailCleanly() throws Exception {
        Library lib = Library.open(LoaderFixtures.library(FLAVOURS[0], "demo"));
        Arena arena = Arena.ofConfined();
        CStruct p = lib.allocate("struct point", arena).set("x", 1.0);
        arena.close();
        assertThrows(IllegalStateException.class, () -> p.get("x"));
        var e = assertThrows(ArgumentException.class, () -> lib.function("point_scale").invoke(p, 2.0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(p.toString().contains("arena closed"));
        NativeFunction add = lib.function("add");
        lib.close();
        assertThrows(IllegalStateException.class, () -> add.invoke(1, 2));
        assertThrows(IllegalStateException.class, () -> lib.function("add"));
    }

    @Test
    void aLibraryThatCannotBeLoaded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // An object file has debug info but is no shared library: dlopen refuses it.
        java.nio.file.Path c = tmp.resolve("obj.c");
        java.nio.file.Files.writeString(c, "int exported(int x) { return x + 1; }\n");
        java.nio.file.Path o = tmp.resolve("obj.so");
        Process p = new ProcessBuilder("clang-19", "-c", "-g", "-fPIC", c.toString(), "-o", o.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        var e = assertThrows(BindingException.class, () -> Library.open(o));
        assertTrue(e.getMessage().contains("obj.so") && e.getMessage().contains("cannot be loaded"), e.getMessage());
        // A missing file names itself.
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Library.open(tmp.resolve("missing.so")));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Library.open("dwarfbind-no-such-library"));
    }

    @Test
    void structViewsByPath() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOURS[0], "types")); Arena arena = Arena.ofConfined()) {
            TypeSystem ts = lib.types();
            // Any struct with an array of structs: exercise "a[i].b" paths.
            CStruct forest = (CStruct) lib.variable("ub_forest").get();
            assertTrue(forest.toString().startsWith("struct forest {"), forest.toString());
            var ex = assertThrows(ArgumentException.class, () -> forest.get("nosuchfield"));
            assertTrue(ex.getMessage().contains("no member nosuchfield"), ex.getMessage());
            assertTrue(ts.typeNamed("struct forest").isPresent());
        }
    }

    @Test
    void manyThreadsAtOnce() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOURS[0], "demo"))) {
            NativeFunction add = lib.function("add");
            NativeFunction vowels = lib.function("count_vowels");
            NativeFunction scale = lib.function("point_scale");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                var futures = new ArrayList<Future<?>>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    futures.add(pool.submit(() -> {
                        try (Arena arena = Arena.ofConfined()) {
                            for (int i = 0; i < 2000; i++) {
                                assertEquals(seed + i, add.invoke(seed, i));
                                assertEquals(5, vowels.invoke("aeiou" + "xyz".repeat(seed)));
                                CStruct p = lib.allocate("struct point", arena).set("x", (double) i).set("y", 1.0);
                                assertEquals(2.0 * i, ((CStruct) scale.invoke(p, 2.0)).get("x"));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A bound interface: checked against the C signatures, and every mismatch reported at once. */
    public interface DemoApi {
        int add(int a, int b);

        int count_vowels(String s);

        MemorySegment point_scale(MemorySegment p, double k);

        int sum_ints(int n, int a, int b);
    }

    public interface WrongApi {
        long add(int a, int b);

        int count_vowels(int s);

        int no_such_function();
    }

    @Test
    void boundInterface() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOURS[1], "demo")); Arena arena = Arena.ofConfined()) {
            DemoApi api = lib.bind(DemoApi.class);
            assertEquals(42, api.add(40, 2));
            assertEquals(2, api.count_vowels("bound"));
            assertEquals(0, api.count_vowels(null));
            CStruct p = lib.allocate("struct point", arena).set("x", 2.0).set("y", 3.0);
            assertEquals(6.0, lib.view("struct point", api.point_scale(p.segment(), 3.0)).get("x"));
            assertEquals(5, api.sum_ints(2, 2, 3));
            var e = assertThrows(BindingException.class, () -> lib.bind(WrongApi.class));
            assertTrue(e.getMessage().contains("3 problems"), e.getMessage());
            assertTrue(e.getMessage().contains("returns long in Java but int in C"), e.getMessage());
            assertTrue(e.getMessage().contains("no exported function no_such_function"), e.getMessage());
        }
    }
}
