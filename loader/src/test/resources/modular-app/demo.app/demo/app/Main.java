package demo.app;

import demo.app.api.Arithmetic;
import demo.app.api.Comparator2;
import dev.dwarfbind.bind.CStruct;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.json.TypeSystemJson;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ToIntBiFunction;

/** Prints one line per check; ModulePathTest compares them with what the fixture computes. */
public final class Main {
    /** In a package the module neither exports nor opens. */
    interface Closed {
        int add(int a, int b);
    }

    /** Likewise closed, used as a callback type. */
    @FunctionalInterface
    interface ClosedComparator {
        int compare(MemorySegment a, MemorySegment b);
    }

    @SuppressWarnings("restricted") // the comparators read the ints C hands them
    public static void main(String[] args) throws Exception {
        try (Library lib = Library.open(Path.of(args[0])); Arena arena = Arena.ofConfined()) {
            System.out.println("module " + Library.class.getModule().getName());
            System.out.println("invoke " + lib.function("add").invoke(4, 5));
            System.out.println("exported-bind " + lib.bind(Arithmetic.class).add(20, 22));
            System.out.println("closed-bind-lookup " + lib.bind(Closed.class, MethodHandles.lookup()).add(1, 2));
            try {
                lib.bind(Closed.class);
                System.out.println("closed-bind ok");
            } catch (BindingException e) {
                System.out.println("closed-bind refused " + e.getMessage().contains("MethodHandles.lookup()"));
            }
            CStruct p = lib.allocate("struct point", arena).set("x", 1.5).set("y", 2.0);
            CStruct q = (CStruct) lib.function("point_scale").invoke(p, 2.0);
            System.out.println("struct " + q.get("x") + " " + q.get("y"));
            ToIntBiFunction<MemorySegment, MemorySegment> byJdk = (a, b) -> Integer.compare(
                    a.reinterpret(4).get(ValueLayout.JAVA_INT, 0), b.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            Comparator2 exported = (a, b) -> byJdk.applyAsInt(b, a);
            ClosedComparator closed = (a, b) -> byJdk.applyAsInt(a, b);
            int[] data = {3, 1, 2};
            lib.function("sort").invoke(data, 3L, 4L, byJdk);
            System.out.println("callback-jdk " + Arrays.toString(data));
            lib.function("sort").invoke(data, 3L, 4L, exported);
            System.out.println("callback-exported " + Arrays.toString(data));
            try {
                lib.function("sort").invoke(data, 3L, 4L, closed);
                System.out.println("callback-closed " + Arrays.toString(data));
            } catch (RuntimeException e) {
                System.out.println("callback-closed refused " + e.getClass().getSimpleName() + " "
                        + e.getMessage().contains("exports demo.app to dev.dwarfbind.loader"));
            }
            String json = TypeSystemJson.toJson(DebugInfo.open(Path.of(args[0])).typeSystem());
            System.out.println("json " + json.contains("\"point_scale\""));
        }
        // C declarations typed by libclang in its child JVM, started on the module path from here.
        Library libc = Library.process().cdef("unsigned long strlen(const char *s);");
        System.out.println("cdef " + libc.function("strlen").invoke("hello"));
    }
}
