package gen.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/** glibc through its generated bindings: a string function, a variadic one, a callback, a global. */
@SuppressWarnings("restricted")
public final class LibcUsage {
    private LibcUsage() {
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) {
        check(C.strlen("hello, libc") == 11, "strlen");
        check(C.abs(-7) == 7, "abs");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(64);
            int n = C.snprintf.makeInvoker(JAVA_INT, ADDRESS, JAVA_DOUBLE)
                    .apply(buf, 64L, arena.allocateFrom("%d-%s-%.1f"), 42, arena.allocateFrom("x"), 2.5);
            check(n == 8 && buf.getString(0).equals("42-x-2.5"), "snprintf: " + buf.getString(0));
            MemorySegment ints = arena.allocateFrom(JAVA_INT, 5, -3, 9, 0);
            MemorySegment cmp = __compar_fn_t.allocate((a, b) ->
                    Integer.compare(a.reinterpret(4).get(JAVA_INT, 0), b.reinterpret(4).get(JAVA_INT, 0)), arena);
            C.qsort(ints, 4, 4, cmp);
            check(java.util.Arrays.equals(ints.toArray(JAVA_INT), new int[]{-3, 0, 5, 9}), "qsort with a Java comparator");
        }
    }
}
