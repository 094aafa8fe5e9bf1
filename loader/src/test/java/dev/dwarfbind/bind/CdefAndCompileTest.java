package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.CompilationException;
import dev.dwarfbind.clang.ClangException;
import dev.dwarfbind.headers.Headers;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import java.util.function.ToIntBiFunction;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C declared at run time for symbols of the process ({@code cdef}), and C compiled at run time ({@code compile}). */
class CdefAndCompileTest {

    @Test
    void cdefTypesLibcFunctionsOfTheProcess() throws Exception {
        Library libc = Library.process().cdef("""
                #include <stddef.h>
                int puts(const char *s);
                size_t strlen(const char *s);
                void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
                int snprintf(char *str, size_t size, const char *format, ...);
                #define BUFFER 64
                """);
        assertTrue((Integer) libc.function("puts").invoke("hello from cdef") >= 0);
        assertEquals(6L, libc.function("strlen").invoke("h\u00e9llo"));   // UTF-8: é is two bytes
        int[] data = {5, -3, 9, 0, 2};
        ToIntBiFunction<MemorySegment, MemorySegment> cmp = (a, b) ->
                Integer.compare(a.reinterpret(4).get(JAVA_INT, 0), b.reinterpret(4).get(JAVA_INT, 0));
        libc.function("qsort").invoke(data, 5L, 4L, cmp);
        assertArrayEquals(new int[] {-3, 0, 2, 5, 9}, data);
        int size = libc.constant("BUFFER").intValue();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(size);
            int n = (Integer) libc.function("snprintf").invoke(buf, (long) size, "%d-%s-%.2f", 42, "x", 2.5);
            assertEquals("42-x-2.50", buf.getString(0));
            assertEquals(9, n);
        }
        assertTrue(libc.types().function("strlen").isPresent());
    }

    @Test
    void cdefTakesHeadersOptionsAndParsesInThisJvmWhenAsked() {
        // The child process (the default) and this JVM type the same declaration the same way.
        String decl = "#define GREETING \"hello\"\nunsigned long strlen(const char *s);\n";
        Library child = Library.process().cdef(Headers.code(decl));
        Library here = Library.process().cdef(Headers.code(decl).inProcess());
        assertEquals(child.declaration(child.types().function("strlen").orElseThrow()),
                here.declaration(here.types().function("strlen").orElseThrow()));
        assertEquals(5L, here.function("strlen").invoke(here.constant("GREETING").value()));
    }

    @Test
    void cdefWithAnErrorNamesLineAndColumn() {
        var e = assertThrows(ClangException.class, () -> Library.process().cdef("int ok(void);\nint broken(int x y);\n"));
        assertTrue(e.getMessage().contains("dwarfbind-headers.c:2:18: error:"), e.getMessage());
    }

    @Test
    void compiledCWithAStructByValueAndACallbackIsCalled() throws Exception {
        Path dir;
        try (Library lib = Library.compile("""
                struct vec { double x, y; };
                struct vec vscale(struct vec v, double k) { struct vec r = { v.x * k, v.y * k }; return r; }
                typedef int (*binop)(int, int);
                int fold(const int *xs, int n, binop f, int acc) {
                    for (int i = 0; i < n; i++) acc = f(acc, xs[i]);
                    return acc;
                }
                int scaled = SCALE;
                """, "-DSCALE=3"); Arena arena = Arena.ofConfined()) {
            dir = lib.path().getParent();
            assertTrue(Files.isRegularFile(lib.path()));
            CStruct v = lib.allocate("struct vec", arena).set("x", 1.5).set("y", -2.0);
            CStruct r = (CStruct) lib.function("vscale").invoke(v, 2.0);
            assertEquals(3.0, r.getDouble("x"));
            assertEquals(-4.0, r.getDouble("y"));
            IntBinaryOperator times = (acc, x) -> acc * x;
            assertEquals(120, lib.function("fold").invoke(new int[] {1, 2, 3, 4, 5}, 5, times, 1));
            assertEquals(3, lib.variable("scaled").get());
            assertEquals("int fold(const int *xs, int n, binop f, int acc);", lib.declaration(lib.types().function("fold").orElseThrow()));
        }
        assertFalse(Files.exists(dir), dir + " is left behind");
    }

    @Test
    void codeThatDoesNotCompileGivesClangsDiagnostics() throws Exception {
        long before = tempDirs();
        var e = assertThrows(CompilationException.class, () -> Library.compile("int ok(void) { return 1; }\nint bad(void) { return nope; }\n"));
        assertEquals(1, e.diagnostics().size(), e.getMessage());
        assertTrue(e.diagnostics().get(0).contains("input.c:2:24: error: use of undeclared identifier 'nope'"), e.getMessage());
        assertEquals(before, tempDirs(), "the failed compilation left its directory");
    }

    private static long tempDirs() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("dwarfbind-compile-")).count();
        }
    }
}
