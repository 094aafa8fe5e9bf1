package dev.dwarfbind.bind;

import dev.dwarfbind.bind.internal.jit.Int128Passing;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An {@code __int128} argument that meets a single free integer register: gcc (and the x86-64 psABI)
 * pass it on the stack and the next integer argument in that register, clang 19 splits it between
 * the two (llvm/llvm-project#123935). The JIT's wrappers and thunks are compiled by clang-19, and must
 * pass it as the compiler of the library at the other end did: checked by calling a function and by
 * being called back, in a library built by each compiler, against the C expression's own value.
 */
class Int128BoundaryTest {
    private static final String SOURCE = """
            typedef __int128 (*boundary_fn)(long, long, long, long, long, __int128, long);
            __int128 boundary(long a, long b, long c, long d, long e, __int128 x, long l) {
                return a + 2 * b + 3 * c + 4 * d + 5 * e + x + 7 * l;
            }
            __int128 call_boundary(boundary_fn f) {
                return f(1, 2, 3, 4, 5, (__int128) 1 << 90, 6) + 1000;
            }
            """;

    /** The callback's Java side. */
    public interface BoundaryFn {
        BigInteger apply(long a, long b, long c, long d, long e, BigInteger x, long l);
    }

    /** The same callback declared with {@link Int128}. */
    public interface BoundaryValueFn {
        Int128 apply(long a, long b, long c, long d, long e, Int128 x, long l);
    }

    /** The functions bound with {@link Int128}: its halves go to the wrapper as they are. */
    public interface Boundary {
        Int128 boundary(long a, long b, long c, long d, long e, Int128 x, long l);
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"gcc", "clang-19"})
    void int128AtTheRegisterBoundaryFollowsTheLibrarysCompiler(String compiler) throws Exception {
        Path source = dir.resolve("boundary.c");
        Files.writeString(source, SOURCE);
        Path library = dir.resolve("libboundary.so");
        Process p = new ProcessBuilder(compiler, "-g", "-O1", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(compiler.equals("gcc") ? Int128Passing.PSABI : Int128Passing.CLANG, Int128Passing.of(library));

        BigInteger x = BigInteger.ONE.shiftLeft(90);
        BigInteger expected = x.add(BigInteger.valueOf(1 + 2 * 2 + 3 * 3 + 4 * 4 + 5 * 5 + 7 * 6));
        try (Library lib = Library.open(library)) {
            assertEquals(expected, lib.function("boundary").invoke(1L, 2L, 3L, 4L, 5L, x, 6L), compiler + ": a call");
            BoundaryFn java = (a, b, c, d, e, v, l) -> v.add(BigInteger.valueOf(a + 2 * b + 3 * c + 4 * d + 5 * e + 7 * l));
            assertEquals(expected.add(BigInteger.valueOf(1000)), lib.function("call_boundary").invoke(java),
                    compiler + ": a callback");
            Boundary bound = lib.bind(Boundary.class);
            assertEquals(Int128.of(expected), bound.boundary(1L, 2L, 3L, 4L, 5L, Int128.of(x), 6L), compiler + ": a bound Int128 call");
            BoundaryValueFn java128 = (a, b, c, d, e, v, l) -> Int128.of(v.toBigInteger().add(BigInteger.valueOf(a + 2 * b + 3 * c
                    + 4 * d + 5 * e + 7 * l)));
            assertEquals(expected.add(BigInteger.valueOf(1000)), lib.function("call_boundary").invoke(java128),
                    compiler + ": an Int128 callback");
        }
    }
}
