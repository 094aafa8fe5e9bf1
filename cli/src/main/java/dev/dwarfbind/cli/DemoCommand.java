package dev.dwarfbind.cli;

import dev.dwarfbind.bind.CStruct;
import dev.dwarfbind.bind.CallOption;
import dev.dwarfbind.bind.Errno;
import dev.dwarfbind.bind.GlobalVariable;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ToIntBiFunction;

/**
 * {@code dwarfbind demo LIB}: the tour of calling C from Java with types from debug info only,
 * on the demo fixture library ({@code fixtures/demo/demo.c}, no header used).
 */
final class DemoCommand implements CliCommand {
    private Path library;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command("demo", "Call the demo fixture library call by call, then through a bound Java interface.");
        Specs.parameter(spec, 0, "LIB", "libdemo.so built by scripts/build-fixtures");
        return spec;
    }

    private PrintWriter out;

    private void show(String java, Object result) {
        out.printf("  %-62s => %s%n", java, result);
    }

    @Override
    public int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws Exception {
        this.out = out;
        library = Specs.path(Specs.parameter(parsed, 0));
        try (Library lib = Library.open(library); Arena arena = Arena.ofConfined()) {
            out.println("Opened " + library + ": " + lib.types().functions().size() + " functions, "
                    + lib.types().variables().size() + " variables typed from DWARF; no header.");
            out.println();
            out.println("Dynamic calls, arguments checked against the C types:");
            NativeFunction add = lib.function("add");
            out.println("  " + add.signature());
            show("lib.function(\"add\").invoke(4, 5)", add.invoke(4, 5));

            NativeFunction vowels = lib.function("count_vowels");
            out.println("  " + vowels.signature());
            show("count_vowels.invoke(\"Hello from the JVM\")", vowels.invoke("Hello from the JVM"));

            NativeFunction greet = lib.function("greet");
            out.println("  " + greet.signature());
            MemorySegment buf = arena.allocate(64);
            greet.invoke("dwarfbind", buf, 64L);
            show("greet.invoke(\"dwarfbind\", buf, 64L); buf as string", buf.getString(0));

            NativeFunction scale = lib.function("point_scale");
            out.println("  " + scale.signature());
            CStruct p = lib.allocate("struct point", arena).set("x", 1.5).set("y", -2.0);
            show("point_scale.invoke(" + p + ", 2.0)", scale.invoke(p, 2.0));

            NativeFunction sort = lib.function("sort");
            out.println("  " + sort.signature());
            int[] numbers = {42, 7, 19, 3, 25};
            int[] calls = {0};
            ToIntBiFunction<MemorySegment, MemorySegment> byValue = (a, b) -> {
                calls[0]++;
                return Integer.compare(a.reinterpret(4).get(ValueLayout.JAVA_INT, 0), b.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            };
            sort.invoke(numbers, 5L, 4L, byValue);
            show("sort.invoke(int[]{42,7,19,3,25}, 5L, 4L, javaComparator)", Arrays.toString(numbers)
                    + " (" + calls[0] + " upcalls)");

            NativeFunction sum = lib.function("sum_ints");
            out.println("  " + sum.signature());
            show("sum_ints.invoke(4, 10, 20, 30, 40)", sum.invoke(4, 10, 20, 30, 40));

            NativeFunction parse = lib.function("parse_int", CallOption.ERRNO);
            out.println("  " + parse.signature());
            Object r = parse.invoke("12345678901234");
            show("parse_int.invoke(\"12345678901234\"); Errno.last()", r + ", errno " + Errno.last() + " (ERANGE)");
            r = parse.invoke("42");
            show("parse_int.invoke(\"42\"); Errno.last()", r + ", errno " + Errno.last());

            GlobalVariable counter = lib.variable("demo_counter");
            out.println("  " + counter.declaration());
            show("lib.variable(\"demo_counter\").get()", counter.get());
            counter.set(1000);
            show("demo_counter.set(1000); add.invoke(1, 1); get()", add.invoke(1, 1) + ", counter " + counter.get());
            show("lib.variable(\"demo_version\").getString()", lib.variable("demo_version").getString());

            out.println();
            out.println("Checked errors, before any native code runs:");
            for (Runnable bad : new Runnable[]{
                    () -> add.invoke(1),
                    () -> add.invoke(1, 3_000_000_000L),
                    () -> vowels.invoke(42),
                    () -> lib.function("ad")}) {
                try {
                    bad.run();
                } catch (RuntimeException e) {
                    out.println("  " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }

            out.println();
            out.println("The same library through a Java interface (checked, then generated as a hidden class):");
            DemoApi demo = lib.bind(DemoApi.class);
            show("demo.add(20, 22)", demo.add(20, 22));
            show("demo.count_vowels(\"interface\")", demo.count_vowels("interface"));
            MemorySegment q = demo.point_scale(p.segment(), 10.0);
            show("demo.point_scale(p, 10.0)", lib.view("struct point", q));
            show("demo.point_dist2(p, q)", demo.point_dist2(p.segment(), q));
            MemorySegment cmp = sort.callback(3, byValue, arena);
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_INT, 9, 8, 7, 1);
            demo.sort(data, 4, 4, cmp);
            show("demo.sort(data, 4, 4, sort.callback(3, javaComparator, arena))", Arrays.toString(data.toArray(ValueLayout.JAVA_INT)));
            show("demo.sum_ints(3, 1, 2, 3)", demo.sum_ints(3, 1, 2, 3));
        }
        out.flush();
        return 0;
    }
}
