package dev.dwarfbind.bind.abi;

import dev.dwarfbind.bind.CStruct;
import dev.dwarfbind.bind.Library;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Minimal reproductions of what {@link AbiGeneratorTest} found, pinned as small hand-written
 * cases so that a failure names the problem directly instead of a random signature.
 */
class AbiRegressionTest {
    private static final String SOURCE = """
            /* Small unsigned arguments: clang's callees rely on the caller zero-extending them to
               32 bits in registers (GCC's callees extend again themselves, hiding the problem). */
            unsigned long long widen_uchar(unsigned char c) { return c; }
            unsigned long long widen_ushort(unsigned short s) { return s; }
            long long widen_schar(signed char c) { return c; }
            long long widen_short(short s) { return s; }
            /* The same on the stack, where both compilers load with the right extension. */
            unsigned long long stack_uchar(long a, long b, long c, long d, long e, long f, unsigned char g) { return g; }

            /* Bitfields in records passed by value. */
            struct bits1 { unsigned a : 3; };                        /* touches 1 byte of a 4-aligned struct */
            unsigned bits1_get(struct bits1 v) { return v.a; }
            struct bits7 { long long a : 40; int b : 10; };          /* 7 bytes of an 8-aligned struct */
            struct outer { char c; struct bits7 in; };
            long long outer_get(struct outer v) { return v.in.a; }
            struct gap { int a; int : 32; unsigned b : 30; };        /* an unnamed bitfield before b */
            unsigned gap_get(struct gap v) { return v.b; }

            /* Unsigned bitfields as wide as their type. */
            struct fullbits { unsigned x : 32; unsigned short y : 16; unsigned char z : 8; };
            unsigned long long fullbits_sum(const struct fullbits *p) { return (unsigned long long) p->x + p->y + p->z; }
            """;

    @ParameterizedTest
    @ValueSource(strings = {"clang-19", "gcc"})
    void smallUnsignedArgumentsArriveZeroExtended(String compiler) throws Exception {
        try (Library lib = library(compiler)) {
            assertAll(
                    () -> assertEquals(200L, lib.function("widen_uchar").invoke(200), "unsigned char 200 in a register"),
                    () -> assertEquals(40000L, lib.function("widen_ushort").invoke(40000), "unsigned short 40000 in a register"),
                    () -> assertEquals(-100L, lib.function("widen_schar").invoke(-100), "signed char -100"),
                    () -> assertEquals(-30000L, lib.function("widen_short").invoke(-30000), "short -30000"),
                    () -> assertEquals(200L, lib.function("stack_uchar").invoke(0, 0, 0, 0, 0, 0, 200), "unsigned char 200 on the stack"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-19", "gcc"})
    void recordsWithBitfieldsPassByValue(String compiler) throws Exception {
        try (Library lib = library(compiler); Arena arena = Arena.ofConfined()) {
            CStruct b1 = lib.allocate("struct bits1", arena).set("a", 5);
            CStruct outer = lib.allocate("struct outer", arena).set("in.a", -123456789L).set("in.b", 7);
            CStruct gap = lib.allocate("struct gap", arena).set("a", 1).set("b", 123456);
            assertAll(
                    () -> assertEquals(5L, lib.function("bits1_get").invoke(b1)),
                    () -> assertEquals(-123456789L, lib.function("outer_get").invoke(outer)),
                    () -> assertEquals(123456L, lib.function("gap_get").invoke(gap)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcc"})
    void fullWidthUnsignedBitfieldsTakeTheirWholeRange(String compiler) throws Exception {
        try (Library lib = library(compiler); Arena arena = Arena.ofConfined()) {
            CStruct s = lib.allocate("struct fullbits", arena);
            assertAll(
                    () -> s.set("x", 3_000_000_000L),
                    () -> s.set("y", 40_000),
                    () -> s.set("z", 200));
            assertEquals(3_000_040_200L, lib.function("fullbits_sum").invoke(s));
        }
    }

    private static Library library(String compiler) throws Exception {
        Assumptions.assumeTrue(NativeCompiler.available(compiler), compiler + " is not installed");
        Path dir = Path.of(System.getProperty("dwarfbind.build", "build"), "abi", compiler + "-regression");
        Files.createDirectories(dir);
        Path source = dir.resolve("regression.c");
        Files.writeString(source, SOURCE);
        Path lib = dir.resolve("libregression.so");
        NativeCompiler.sharedLibrary(compiler, source, lib);
        return Library.open(lib);
    }
}
