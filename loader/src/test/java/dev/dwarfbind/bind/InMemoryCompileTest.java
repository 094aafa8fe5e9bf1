package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.error.CompilationException;
import dev.dwarfbind.headers.TypeComparison;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Library.compile(source, CompileOption.IN_MEMORY)}: typed by LLVM debug metadata, run by ORC LLJIT, no file. */
class InMemoryCompileTest {
    private static final String SOURCE = """
            #include <math.h>
            #include <stdio.h>
            struct vec { double x, y; };
            struct flags { unsigned ready : 1; int level : 5; unsigned char tag; };
            union number { int i; float f; };
            enum mode { SLOW = 1, FAST = 8, NEGATIVE = -3 };
            typedef int (*binop)(int, int);
            struct vec vscale(struct vec v, double k) { struct vec r = { v.x * k, v.y * k }; return r; }
            int fold(const int *xs, int n, binop f, int acc) {
                for (int i = 0; i < n; i++) acc = f(acc, xs[i]);
                return acc;
            }
            int level_of(struct flags f) { return f.ready ? f.level : -100; }
            float as_float(union number n) { return n.f; }
            enum mode fastest(void) { return FAST; }
            double hypotenuse(double a, double b) { return sqrt(a * a + b * b); }
            int format(char *out, int size, int v) { return snprintf(out, size, "<%d>", v); }
            long double half(long double x) { return x / 2; }
            int scaled = SCALE;
            const char *names[3] = { "a", "bc", "def" };
            """;

    /** A bound view of part of {@link #SOURCE}. */
    public interface Api {
        int fold(MemorySegment xs, int n, MemorySegment f, int acc);

        double hypotenuse(double a, double b);
    }

    @Test
    void aStructByValueACallbackAndLibcAreCalledInMemory() throws Exception {
        long tempBefore = tempDirs();
        try (Library lib = Library.compile(SOURCE, CompileOption.IN_MEMORY, "-DSCALE=3"); Arena arena = Arena.ofConfined()) {
            assertFalse(Files.exists(lib.path()), lib.path() + " should name no file");
            CStruct v = lib.allocate("struct vec", arena).set("x", 1.5).set("y", -2.0);
            CStruct r = (CStruct) lib.function("vscale").invoke(v, 2.0);
            assertEquals(3.0, r.getDouble("x"));
            assertEquals(-4.0, r.getDouble("y"));
            IntBinaryOperator times = (acc, x) -> acc * x;
            assertEquals(120, lib.function("fold").invoke(new int[] {1, 2, 3, 4, 5}, 5, times, 1));
            // Bitfields by value, unions, enums: laid out as the metadata says, passed as clang passes them.
            CStruct f = lib.allocate("struct flags", arena).set("ready", 1).set("level", -7).set("tag", 200);
            assertEquals(-7, lib.function("level_of").invoke(f));
            CStruct n = lib.allocate("union number", arena).set("f", 2.5f);
            assertEquals(2.5f, lib.function("as_float").invoke(n));
            assertEquals(8, lib.function("fastest").invoke());
            assertEquals(-3, lib.constant("NEGATIVE").intValue());
            // libm and libc resolve in the process.
            assertEquals(5.0, lib.function("hypotenuse").invoke(3.0, 4.0));
            MemorySegment buf = arena.allocate(16);
            assertEquals(4, lib.function("format").invoke(buf, 16, 42));
            assertEquals("<42>", buf.getString(0));
            // A long double goes through the JIT's call wrappers, over code the JIT compiled.
            assertEquals(new BigDecimal("1.25"), lib.function("half").invoke(new BigDecimal("2.5")));
            assertEquals(3, lib.variable("scaled").get());
            assertEquals("int fold(const int *xs, int n, binop f, int acc);", lib.declaration(lib.types().function("fold").orElseThrow()));
            Api api = lib.bind(Api.class);
            assertEquals(13.0, api.hypotenuse(5.0, 12.0));
        }
        assertEquals(tempBefore, tempDirs(), "the in-memory mode wrote a directory");
    }

    @Test
    void theTypesEqualThoseOfTheSharedLibraryModesDwarf() throws Exception {
        try (Library memory = Library.compile(SOURCE, CompileOption.IN_MEMORY, "-DSCALE=3");
             Library shared = Library.compile(SOURCE, CompileOption.SHARED_LIBRARY, "-DSCALE=3")) {
            assertEquals(List.of(), TypeComparison.compare(shared.types(), memory.types()));
            assertEquals(shared.types().functions().keySet(), memory.types().functions().keySet());
            assertEquals(shared.types().variables().keySet(), memory.types().variables().keySet());
            // Less the base types the backend adds to DWARF for itself (ModuleTypesMatchDwarfTest says which).
            var dwarfNamed = new java.util.TreeSet<>(shared.types().namedTypes().keySet());
            dwarfNamed.removeIf(n -> n.equals("__ARRAY_SIZE_TYPE__") || n.startsWith("DW_ATE_"));
            assertEquals(dwarfNamed, new java.util.TreeSet<>(memory.types().namedTypes().keySet()));
        }
    }

    @Test
    void closingFreesTheCodeAndLaterCallsFailCleanly() throws Exception {
        Library lib = Library.compile("int answer(void) { return 42; }", CompileOption.IN_MEMORY);
        NativeFunction answer = lib.function("answer");
        Answer bound = lib.bind(Answer.class);
        assertEquals(42, answer.invoke());
        assertEquals(42, bound.answer());
        lib.close();
        assertThrows(IllegalStateException.class, answer::invoke);
        // The bound interface's downcall holds the address in the freed JIT's arena: refused, not run.
        assertThrows(IllegalStateException.class, bound::answer);
    }

    /** {@code int answer(void)}. */
    public interface Answer {
        int answer();
    }

    @Test
    void codeThatDoesNotCompileGivesClangsDiagnostics() {
        var e = assertThrows(CompilationException.class,
                () -> Library.compile("int ok(void) { return 1; }\nint bad(void) { return nope; }\n", CompileOption.IN_MEMORY));
        assertEquals(1, e.diagnostics().size(), e.getMessage());
        assertTrue(e.diagnostics().get(0).startsWith("input.c:2:24: error: use of undeclared identifier 'nope'"), e.getMessage());
    }

    @Test
    void withoutDebugInfoThereAreNoTypesAndItSaysSo() {
        var e = assertThrows(BindingException.class, () -> Library.compile("int f(void) { return 1; }", CompileOption.IN_MEMORY, "-g0"));
        assertTrue(e.getMessage().contains("input.c: cannot type the compiled module from its debug metadata: "
                + "module input.c has no debug info (compile it with -g)"), e.getMessage());
    }

    @Test
    void aSymbolNothingDefinesFailsAtCompileWithLlvmsMessage() {
        var e = assertThrows(BindingException.class, () -> Library.compile(
                "int nowhere_defined(int);\nint f(int x) { return nowhere_defined(x); }\n", CompileOption.IN_MEMORY));
        assertTrue(e.getMessage().contains("cannot JIT-compile or link it in memory"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; undefined: nowhere_defined"), e.getMessage());
    }

    private static long tempDirs() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("dwarfbind-compile-")).count();
        }
    }
}
