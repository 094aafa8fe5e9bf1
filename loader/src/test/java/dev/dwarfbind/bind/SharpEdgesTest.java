package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.types.Constant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharp edges users hit, each on a fixture library compiled from C: callbacks stored in
 * struct members, typed getters, bound interfaces with struct pointers and arrays, interfaces of
 * other visibilities and class loaders, unsigned ranges, constants, and temporaries kept alive.
 */
class SharpEdgesTest {
    private static final String FLAVOUR = LoaderTest.FLAVOURS[0];

    /** {@code int cl_table_compute(const struct ops_table *t, int a, int b)} calls {@code t->mul(t->add(a, b), 2)}. */
    interface Table {
        int cl_table_compute(CStruct table, int a, int b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd"})
    void javaCallbacksStoredInStructMembers(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "calls")); Arena arena = Arena.ofConfined()) {
            IntBinaryOperator add = (a, b) -> a + b;
            IntBinaryOperator mul = (a, b) -> a * b;
            CStruct t = lib.allocate("struct ops_table", arena)
                    .set("add", add, arena)                       // a typedef'd member (binop_t)
                    .set("mul", mul, arena);                      // a member spelled int (*)(int, int)
            assertEquals((3 + 4) * 2, lib.function("cl_table_compute").invoke(t, 3, 4));
            // The same through a bound interface taking the struct by pointer.
            assertEquals((5 + 6) * 2, lib.bind(Table.class).cl_table_compute(t, 5, 6));
            // Not a function pointer member, and not a functional interface: clear errors.
            var e = assertThrows(ArgumentException.class, () -> lib.allocate("struct cb_point", arena).set("x", add, arena));
            assertTrue(e.getMessage().contains("not a function pointer"), e.getMessage());
            assertThrows(ArgumentException.class, () -> t.set("add", "not a lambda", arena));
        }
    }

    @Test
    void callbackTypesByTypedefMemberPathOrSpelling() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "calls")); Arena arena = Arena.ofConfined()) {
            IntBinaryOperator sub = (a, b) -> a - b;
            var apply = lib.function("cl_apply");
            for (String type : new String[]{"binop_t", "struct ops_table.mul", "int (*)(int, int)", "int (*op)(int a, int b)"}) {
                MemorySegment fp = lib.callback(type, sub, arena);
                assertEquals(7 - 2, apply.invoke(fp, 7, 2), type);
            }
            var e = assertThrows(ArgumentException.class, () -> lib.callback("struct ops_table.nothing", sub, arena));
            assertTrue(e.getMessage().contains("no member nothing"), e.getMessage());
            e = assertThrows(ArgumentException.class, () -> lib.callback("int (*)(int, ...)", sub, arena));
            assertTrue(e.getMessage().contains("variadic"), e.getMessage());
            e = assertThrows(ArgumentException.class, () -> lib.callback("no_such_type", sub, arena));
            assertTrue(e.getMessage().contains("no type named no_such_type"), e.getMessage());
        }
    }

    /** {@code void cl_for_each(int *arr, size_t n, visit_fn fn, void *user)} and {@code cl_sort_ints(int *v, size_t n, cmp)}. */
    interface Arrays {
        void cl_for_each(int[] values, long n, MemorySegment fn, MemorySegment user);

        void cl_sort_ints(int[] values, long n, MemorySegment cmp);
    }

    @FunctionalInterface
    interface Visit {
        void visit(MemorySegment elem, MemorySegment user);
    }

    @FunctionalInterface
    interface Compare {
        int compare(MemorySegment a, MemorySegment b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O2-bfd"})
    void boundInterfacesTakePrimitiveArraysForPointers(String flavour) throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(flavour, "calls")); Arena arena = Arena.ofConfined()) {
            Arrays api = lib.bind(Arrays.class);
            int[] values = {5, -2, 9, 1};
            Visit twice = (elem, user) -> {
                MemorySegment e = elem.reinterpret(4);
                e.set(ValueLayout.JAVA_INT, 0, e.get(ValueLayout.JAVA_INT, 0) * 2);
            };
            api.cl_for_each(values, values.length, lib.function("cl_for_each").callback(2, twice, arena), MemorySegment.NULL);
            assertArrayEquals(new int[]{10, -4, 18, 2}, values, "C wrote through the pointer; the array is copied back");
            Compare cmp = (a, b) -> Integer.compare(a.reinterpret(4).get(ValueLayout.JAVA_INT, 0), b.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            api.cl_sort_ints(values, values.length, lib.callback("int (*)(const void *, const void *)", cmp, arena));
            assertArrayEquals(new int[]{-4, 2, 10, 18}, values);
        }
    }

    interface WrongArrays {
        void cl_for_each(double[] values, long n, MemorySegment fn, MemorySegment user);
    }

    @Test
    void arraysOfTheWrongElementSizeAreRefusedAtBindTime() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "calls"))) {
            var e = assertThrows(BindingException.class, () -> lib.bind(WrongArrays.class));
            assertTrue(e.getMessage().contains("int[] or float[]"), e.getMessage());
        }
    }

    @Test
    void typedGetters() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "demo")); Arena arena = Arena.ofConfined()) {
            CStruct p = lib.allocate("struct point", arena).set("x", 1.5).set("y", -2);
            assertEquals(1.5, p.getDouble("x"));
            assertEquals(-2.0, p.getDouble("y"));
            var e = assertThrows(ArgumentException.class, () -> p.getInt("x"));
            assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
            CStruct q = (CStruct) lib.function("point_scale").invoke(p, 2.0);
            assertEquals(3.0, q.getDouble("x"));
        }
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "calls")); Arena arena = Arena.ofConfined()) {
            CStruct t = lib.allocate("struct ops_table", arena);
            assertEquals(MemorySegment.NULL, t.getSegment("alloc"));
            assertThrows(ArgumentException.class, () -> t.getDouble("add"));
        }
    }

    @Test
    void pointerMembersSizedByTheCaller() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "types")); Arena arena = Arena.ofConfined()) {
            // Any struct of the fixture with a pointer-to-scalar member will do; the C type says one element.
            var ts = lib.types();
            String record = null;
            String member = null;
            long element = 0;
            for (var entry : ts.namedTypes().entrySet()) {
                if (!entry.getKey().startsWith("struct ") || !(ts.type(ts.strip(entry.getValue())) instanceof dev.dwarfbind.types.RecordType r)
                        || !r.complete()) continue;
                for (var f : r.fields()) {
                    if (f.name() != null && ts.type(ts.strip(f.type())) instanceof dev.dwarfbind.types.PointerType pt
                            && ts.type(ts.strip(pt.pointee())) instanceof dev.dwarfbind.types.ScalarType s) {
                        record = entry.getKey();
                        member = f.name();
                        element = s.byteSize();
                    }
                }
            }
            assertTrue(record != null, "libtypes has a struct with a pointer-to-scalar member");
            CStruct s = lib.allocate(record, arena);
            MemorySegment data = arena.allocate(element * 10, 8);
            s.set(member, data);
            assertEquals(element, s.getSegment(member).byteSize(), "the C type says one element");
            assertEquals(element * 10, s.getSegment(member, 10).byteSize());
            assertEquals(data.address(), s.getSegment(member, 10).address());
            String m = member;
            assertThrows(ArgumentException.class, () -> s.getSegment(m, -1));
        }
    }

    @Test
    void negativeValuesForUnsignedParametersAreRefused() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "demo")); Arena arena = Arena.ofConfined()) {
            // void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
            NativeFunction sort = lib.function("sort");
            int[] data = {3, 1, 2};
            Compare cmp = (a, b) -> Integer.compare(a.reinterpret(4).get(ValueLayout.JAVA_INT, 0), b.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            for (Object n : new Object[]{-3, (short) -1, (byte) -1, BigInteger.valueOf(-1)}) {
                var e = assertThrows(ArgumentException.class, () -> sort.invoke(data, n, 4L, cmp), String.valueOf(n));
                assertTrue(e.getMessage().contains("does not fit") && e.getMessage().contains("argument 2"), e.getMessage());
            }
            var e = assertThrows(ArgumentException.class, () -> sort.invoke(data, BigInteger.ONE.shiftLeft(64), 4L, cmp));
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            // A long is a 64-bit unsigned value's bit pattern, as documented: 2^64-1 is all ones.
            sort.invoke(data, 3L, 4L, cmp);
            assertArrayEquals(new int[]{1, 2, 3}, data);
        }
    }

    @Test
    void constantsFromEveryEnumEvenOnesNoExportReaches() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "types"))) {
            Constant x = lib.constant("ANON_X");          // typedef enum { ANON_X = 10, ... } anon_enum_t
            assertEquals(BigInteger.TEN, x.value());
            assertEquals(200, lib.constant("TINY_B").intValue());
            assertEquals(0x100000000L, lib.constant("WIDE_BIG").longValue());
            assertEquals(-2147483648L, lib.constant("NEG_BIG").longValue());
            assertFalse(lib.types().isComplete(), "looking up constants must not read the whole library");
            var e = assertThrows(BindingException.class, () -> lib.constant("NO_SUCH_CONSTANT"));
            assertTrue(e.getMessage().contains("no constant NO_SUCH_CONSTANT"), e.getMessage());
        }
    }

    @Test
    void openingTypesOnlyWhatIsAskedFor() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "demo"))) {
            assertEquals(9, lib.function("add").invoke(4, 5));
            var ts = lib.types();
            assertFalse(ts.isComplete());
            assertTrue(ts.exportNames().contains("count_vowels"));
            int before = ts.exportNames().size();
            assertEquals(2, lib.function("count_vowels").invoke("hello"));
            assertEquals(before, ts.exportNames().size());
            assertFalse(ts.isComplete(), "two functions typed, not the library");
            // The whole-library view still answers, after reading everything.
            assertTrue(ts.functions().containsKey("parse_int"));
            assertTrue(ts.isComplete());
        }
    }

    /** A package-private interface nested in a test class: bound without a Lookup. */
    interface Hidden {
        int add(int a, int b);
    }

    private interface PrivateNested {
        int add(int a, int b);
    }

    @Test
    void nonPublicAndNestedInterfacesBindWithoutALookup() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "demo"))) {
            assertEquals(3, lib.bind(Hidden.class).add(1, 2));
            assertEquals(7, lib.bind(PrivateNested.class).add(3, 4));
        }
    }

    @Test
    void interfacesOfAChildClassLoaderBind() throws Exception {
        Class<?> child = new IsolatingLoader(getClass().getClassLoader(), PublicAddApi.class.getName()).loadClass(PublicAddApi.class.getName());
        assertTrue(child != PublicAddApi.class && child.getClassLoader() instanceof IsolatingLoader);
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "demo"))) {
            Object impl = lib.bind(child);
            assertEquals(11, child.getMethod("add", int.class, int.class).invoke(impl, 5, 6));
            // A non-public interface of another loader cannot be reached without its own Lookup: say so.
            Class<?> hidden = new IsolatingLoader(getClass().getClassLoader(), HiddenAddApi.class.getName())
                    .loadClass(HiddenAddApi.class.getName());
            var e = assertThrows(BindingException.class, () -> lib.bind(hidden));
            assertTrue(e.getMessage().contains("MethodHandles.lookup()"), e.getMessage());
        }
    }

    /** Defines one class itself (from the parent's bytes), as a plugin or single-file program loader does. */
    private static final class IsolatingLoader extends ClassLoader {
        private final String isolated;

        IsolatingLoader(ClassLoader parent, String isolated) {
            super(parent);
            this.isolated = isolated;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(isolated)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) return c;
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (java.io.IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    @Test
    void temporariesOfAnInvokeWithAnArenaOutliveTheCall() throws Exception {
        // strtol(const char *nptr, char **endptr, int base): *endptr points into the string argument.
        try (Library libc = Library.open("c"); Arena arena = Arena.ofConfined()) {
            MemorySegment end = arena.allocate(ValueLayout.ADDRESS);
            Object n = libc.function("strtol").invokeWith(arena, "123abc", end, 10);
            assertEquals(123L, n);
            MemorySegment rest = end.get(ValueLayout.ADDRESS, 0).reinterpret(4);
            assertEquals("abc", rest.getString(0), "the copy of the string argument is still alive in the caller's arena");
        }
    }

    @Test
    void callbacksCountedOnce() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "calls")); Arena arena = Arena.ofConfined()) {
            var calls = new AtomicInteger();
            IntBinaryOperator op = (a, b) -> {
                calls.incrementAndGet();
                return a * b;
            };
            assertEquals(42, lib.function("cl_apply").invokeWith(arena, op, 6, 7));
            assertEquals(1, calls.get());
        }
    }
}
