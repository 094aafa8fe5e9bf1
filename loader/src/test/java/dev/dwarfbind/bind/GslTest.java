package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.debuginfo.DebugInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's GSL ({@code libgsl27}), typed only by the debug file of {@code libgsl-dbg} (found by
 * build-id): a library of 5,000 exports opened lazily, a Java callback stored in
 * {@code gsl_function.function}, pointer members sized by the caller, unsigned ranges, and
 * constants of an anonymous enum checked against {@code llvm-dwarfdump-19}.
 */
class GslTest {
    /** {@code double (*function)(double x, void *params)}. */
    @FunctionalInterface
    interface Fn {
        double at(double x, MemorySegment params);
    }

    private static Library open() throws IOException {
        try {
            return Library.open("gsl");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("libgsl27 and libgsl-dbg are missing: run scripts/bootstrap", e);
        }
    }

    @Test
    void integrateWithAJavaCallbackInAGslFunction() throws Exception {
        try (Library gsl = open(); Arena arena = Arena.ofConfined()) {
            Fn square = (x, params) -> x * x;
            CStruct f = gsl.allocate("gsl_function", arena).set("function", square, arena);
            MemorySegment workspace = (MemorySegment) gsl.function("gsl_integration_workspace_alloc").invoke(1000L);
            double[] result = new double[1];
            double[] error = new double[1];
            int status = (Integer) gsl.function("gsl_integration_qags").invoke(f, 0.0, 1.0, 0.0, 1e-10, 1000L, workspace, result, error);
            gsl.function("gsl_integration_workspace_free").invoke(workspace);
            assertEquals(gsl.constant("GSL_SUCCESS").intValue(), status);
            assertEquals(1.0 / 3.0, result[0], 1e-12);
            // d/dx sin at 0.5, through the same struct with another callback.
            f.set("function", (Fn) (x, params) -> Math.sin(x), arena);
            gsl.function("gsl_deriv_central").invoke(f, 0.5, 1e-4, result, error);
            assertEquals(Math.cos(0.5), result[0], 1e-8);
            assertFalse(gsl.types().isComplete(), "a handful of functions typed, not 5,000");
        }
    }

    @Test
    void vectorsWithPointerMembersSizedByTheCaller() throws Exception {
        try (Library gsl = open()) {
            NativeFunction alloc = gsl.function("gsl_vector_alloc");
            var e = assertThrows(ArgumentException.class, () -> alloc.invoke(-3));
            assertTrue(e.getMessage().contains("size_t") && e.getMessage().contains("-3"), e.getMessage());
            MemorySegment v = (MemorySegment) alloc.invoke(3L);
            try {
                for (int i = 0; i < 3; i++) gsl.function("gsl_vector_set").invoke(v, (long) i, 1.5 * i);
                CStruct vec = gsl.view("gsl_vector", v);
                assertEquals(3L, vec.getLong("size"));
                MemorySegment data = vec.getSegment("data", 3);
                assertEquals(3 * 8, data.byteSize());
                assertEquals(3.0, data.getAtIndex(ValueLayout.JAVA_DOUBLE, 2));
                assertEquals(3.0, gsl.function("gsl_vector_get").invoke(v, 2L));
            } finally {
                gsl.function("gsl_vector_free").invoke(v);
            }
        }
    }

    @Test
    void constantsOfAnAnonymousEnumAgreeWithLlvmDwarfdump() throws Exception {
        Path debugFile;
        try (Library gsl = open()) {
            debugFile = DebugInfo.open(gsl.path()).debugFile();
            for (String name : List.of("GSL_SUCCESS", "GSL_EDOM", "GSL_EINVAL", "GSL_ENOMEM", "GSL_EOF")) {
                assertEquals(dwarfdumpConstant(debugFile, name), gsl.constant(name).longValue(), name);
            }
        }
    }

    private static long dwarfdumpConstant(Path debugFile, String name) throws Exception {
        Process p = new ProcessBuilder("llvm-dwarfdump-19", "--name=" + name, debugFile.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        var m = Pattern.compile("DW_AT_const_value\\s*\\((0x[0-9a-f]+|-?\\d+)\\)").matcher(out);
        assertTrue(m.find(), "llvm-dwarfdump-19 found no " + name + ":\n" + out);
        String v = m.group(1);
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
    }
}
