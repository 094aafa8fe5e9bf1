package dev.dwarfbind.bind;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.UntypedSymbol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntBiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's glibc ({@code libc.so.6}, {@code libm.so.6}) typed by {@code libc6-dbg}, found by
 * build-id and opened by short name through the {@code libc.so}/{@code libm.so} linker scripts.
 * Most of their string and math functions are GNU indirect functions, typed from their resolvers.
 * Every result is compared with the same call made by a small C program compiled here with gcc.
 */
class GlibcTest {
    private static final String TEXT = "dwarfbind reads DWARF";
    private static final double[] XS = {0.5, -1.25, 3.0, 100.0, 1e-300, 710.0};

    @TempDir
    static Path tmp;
    private static List<String> oracle;

    /** Compiles and runs the C oracle once: one result a line, doubles in C's exact {@code %a}. */
    @BeforeAll
    static void runCProgram() throws Exception {
        Path c = tmp.resolve("oracle.c");
        Files.writeString(c, """
                #include <math.h>
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                static int descending(const void *a, const void *b) {
                    int x = *(const int *) a, y = *(const int *) b;
                    return (y > x) - (y < x);
                }
                int main(int argc, char **argv) {
                    printf("%zu\\n", strlen(argv[1]));
                    char buf[64] = {0};
                    memcpy(buf, argv[1], 9);
                    printf("%s\\n", buf);
                    printf("%d\\n", strcmp(argv[1], "dwarfbind") > 0);
                    int v[] = {5, -3, 12, 0, 7, 7, -40};
                    qsort(v, 7, sizeof v[0], descending);
                    for (int i = 0; i < 7; i++) printf("%d%c", v[i], i == 6 ? '\\n' : ' ');
                    for (int i = 2; i < argc; i++) {
                        double x = strtod(argv[i], 0);
                        printf("%a %a %a %a\\n", sin(x), cos(x), exp(x), pow(x, 0.75));
                    }
                    return 0;
                }
                """);
        Path exe = tmp.resolve("oracle");
        // -fno-builtin: the calls must reach libc and libm, not be folded by the compiler.
        run(List.of("gcc", "-O0", "-fno-builtin", c.toString(), "-o", exe.toString(), "-lm"));
        var args = new ArrayList<>(List.of(exe.toString(), TEXT));
        for (double x : XS) args.add(Double.toString(x));
        oracle = run(args);
    }

    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), command + ":\n" + out);
        return out.lines().toList();
    }

    @Test
    void stringFunctionsAndQsortWithAJavaComparator() throws Exception {
        try (Library libc = Library.open("c"); Arena arena = Arena.ofConfined()) {
            assertEquals(Long.parseLong(oracle.get(0)), libc.function("strlen").invoke(TEXT));
            MemorySegment buf = arena.allocate(64);
            libc.function("memcpy").invoke(buf, arena.allocateFrom(TEXT), 9L);
            assertEquals(oracle.get(1), buf.getString(0));
            int cmp = (Integer) libc.function("strcmp").invoke(TEXT, "dwarfbind");
            assertEquals(oracle.get(2), cmp > 0 ? "1" : "0");
            int[] v = {5, -3, 12, 0, 7, 7, -40};
            ToIntBiFunction<MemorySegment, MemorySegment> descending = (a, b) ->
                    Integer.compare(b.reinterpret(4).get(ValueLayout.JAVA_INT, 0), a.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            libc.function("qsort").invoke(v, 7L, 4L, descending);
            int[] expected = java.util.Arrays.stream(oracle.get(3).split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(expected, v);
        }
    }

    @Test
    void mathFunctionsGiveTheSameBitsAsC() throws Exception {
        try (Library libm = Library.open("m")) {
            assertTrue(libm.path().getFileName().toString().startsWith("libm.so."), libm.path().toString());
            NativeFunction sin = libm.function("sin"), cos = libm.function("cos"), exp = libm.function("exp"),
                    pow = libm.function("pow");
            for (int i = 0; i < XS.length; i++) {
                String[] c = oracle.get(4 + i).split(" ");
                double x = XS[i];
                assertEquals(cDouble(c[0]), (Double) sin.invoke(x), 0.0, "sin " + x);
                assertEquals(cDouble(c[1]), (Double) cos.invoke(x), 0.0, "cos " + x);
                assertEquals(cDouble(c[2]), (Double) exp.invoke(x), 0.0, "exp " + x);
                assertEquals(cDouble(c[3]), (Double) pow.invoke(x, 0.75), 0.0, "pow " + x);
            }
        }
    }

    /** A double printed by C's {@code %a}: hexadecimal, or {@code nan}, {@code -nan}, {@code inf}. */
    private static double cDouble(String s) {
        if (s.endsWith("nan")) return Double.NaN;
        if (s.endsWith("inf")) return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return Double.parseDouble(s);
    }

    /**
     * Every export of libc and libm is typed, or untyped for a reason that is not a feature
     * dwarfbind lacks: thread-local variables, and code with no debug info at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"c", "m"})
    void everyExportTypedOrExplained(String name) throws Exception {
        Path lib = LibraryPath.find(name);
        DebugInfo info = DebugInfo.open(lib);
        assertTrue(info.debugFile().startsWith("/usr/lib/debug/.build-id"), info.debugFile().toString());
        TypeSystem ts = info.typeSystem();
        long indirect = info.exports().stream().filter(e -> e.indirect()).count();
        assertTrue(indirect > 50, lib + " has " + indirect + " GNU indirect functions");
        for (var e : info.exports()) {
            if (e.indirect()) assertTrue(ts.function(e.name()).isPresent(), e.name() + " is untyped");
        }
        for (UntypedSymbol u : ts.untyped()) {
            String r = u.reason();
            assertTrue(r.startsWith("thread-local variable") || r.startsWith("no debug info for this function"),
                    u.name() + ": " + r);
        }
        assertTrue(ts.untyped().size() <= 5, ts.untyped().toString());
    }
}
