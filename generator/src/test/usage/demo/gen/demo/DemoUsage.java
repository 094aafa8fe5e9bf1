package gen.demo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Calls libdemo through its generated bindings only. */
@SuppressWarnings("restricted")
public final class DemoUsage {
    private DemoUsage() {
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) {
        int before = Demo.demo_counter();
        check(Demo.add(2, 3) == 5, "add(2, 3)");
        check(Demo.demo_counter() == before + 1, "demo_counter counts calls");
        Demo.demo_counter(100);
        check(Demo.demo_counter() == 100, "demo_counter set");
        check(Demo.count_vowels("Education is key") == 7, "count_vowels(String)");
        check(Demo.count_vowels((String) null) == 0, "count_vowels(null)");
        check(Demo.demo_version().reinterpret(100).getString(0).equals("demo 1.0"), "demo_version");
        try (Arena arena = Arena.ofConfined()) {
            check(Demo.count_vowels(arena.allocateFrom("aeiou")) == 5, "count_vowels(MemorySegment)");
            MemorySegment buf = arena.allocate(32);
            int n = Demo.greet("Ada", buf, 32);
            check(n == 11 && buf.getString(0).equals("Hello, Ada!"), "greet: " + n + " " + buf.getString(0));

            MemorySegment p = point.allocate(arena);
            point.x(p, 1.5);
            point.y(p, -2);
            MemorySegment q = Demo.point_scale(arena, p, 4);
            check(point.x(q) == 6.0 && point.y(q) == -8.0, "point_scale: " + point.x(q) + "," + point.y(q));
            check(Demo.point_dist2(p, q) == 4.5 * 4.5 + 6.0 * 6.0, "point_dist2");
            check(point.sizeof() == 16 && point.x$OFFSET == 0 && point.y$OFFSET == 8, "struct point layout");

            long[] values = {5, -1, 9, 3};
            MemorySegment data = arena.allocateFrom(JAVA_LONG, values);
            int[] calls = {0};
            MemorySegment cmp = Demo.sort$cmp.allocate((a, b) -> {
                calls[0]++;
                return Long.compare(a.reinterpret(8).get(JAVA_LONG, 0), b.reinterpret(8).get(JAVA_LONG, 0));
            }, arena);
            Demo.sort(data, 4, 8, cmp);
            check(java.util.Arrays.equals(data.toArray(JAVA_LONG), new long[]{-1, 3, 5, 9}), "sort with a Java comparator");
            check(calls[0] > 0, "comparator called");
            check(Demo.sort$cmp.invoke(cmp, data, data.asSlice(8)) < 0, "invoke a function pointer");

            check(Demo.sum_ints.makeInvoker(JAVA_INT, JAVA_INT, JAVA_INT).apply(3, 10, 20, 30) == 60, "sum_ints variadic");
            check(Demo.sum_ints.makeInvoker().apply(0) == 0, "sum_ints without variable arguments");
            try {
                Demo.sum_ints.makeInvoker(java.lang.foreign.ValueLayout.JAVA_SHORT);
                check(false, "a short variadic layout is refused");
            } catch (IllegalArgumentException expected) {
                check(expected.getMessage().contains("promotes"), expected.getMessage());
            }
        }
        check(Demo.parse_int("42") == 42 && Demo.errno() == 0, "parse_int, errno cleared");
        check(Demo.parse_int("forty-two") == 0 && Demo.errno() == 22, "parse_int sets errno to EINVAL: " + Demo.errno());
        check(Demo.parse_int("99999999999") == 0 && Demo.errno() == 34, "parse_int sets errno to ERANGE: " + Demo.errno());
    }
}
