package dev.dwarfbind.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.value.ScratchStack;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntBiFunction;
import org.junit.jupiter.api.Test;

/**
 * Dynamic calls with {@code String} arguments after the first calls, when the generated invoker
 * passes them through the thread's scratch stack instead of an arena: the C side must see the same
 * bytes {@link String#getBytes} gives, every time, whatever the string and however calls nest.
 */
class StringFastPathTest {
    /** Enough calls to be sure the generated invoker (made after 16 calls) is in use. */
    private static final int CALLS = 64;

    private static final List<String> STRINGS = List.of(
            "", "a", "education", "AEIOU and y",
            "é à ü",                      // two-byte UTF-8
            "日本語のテキスト",               // three-byte
            "emoji \uD83D\uDE00 end",     // a surrogate pair: four bytes
            "lone \uD800 high", "lone \uDC00 low", "\uD83D",  // unpaired surrogates: '?' as getBytes
            "x".repeat(5000));            // longer than the first block

    @Test
    void strlenSeesTheBytesGetBytesGives() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"))) {
            NativeFunction strlen = lib.function("sc_strlen");
            for (int round = 0; round < CALLS; round++) {
                for (String s : STRINGS) {
                    assertEquals((long) s.getBytes(StandardCharsets.UTF_8).length, strlen.invoke(s), s);
                }
            }
        }
    }

    /** A bound method whose only temporary is a string: it uses the scratch stack too. */
    interface Strlen {
        long sc_strlen(String s);
    }

    @Test
    void boundStringMethodsSeeTheSameBytes() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("clang-dwarf5-O2-lld", "types"))) {
            Strlen bound = lib.bind(Strlen.class);
            long before = ScratchStack.current().mark();
            for (int round = 0; round < CALLS; round++) {
                for (String s : STRINGS) assertEquals(s.getBytes(StandardCharsets.UTF_8).length, bound.sc_strlen(s), s);
            }
            assertEquals(200_000, bound.sc_strlen("b".repeat(200_000)));   // beyond the stack: copied elsewhere
            var e = assertThrows(ArgumentException.class, () -> bound.sc_strlen("a\0b"));
            assertTrue(e.getMessage().contains("argument 1 (s) of sc_strlen"), e.getMessage());
            assertEquals(before, ScratchStack.current().mark(), "the thread's scratch stack was not popped back");
        }
    }

    @Test
    void countVowelsAgreesWithJava() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("gcc-dwarf4-O0-bfd", "demo"))) {
            NativeFunction count = lib.function("count_vowels");
            for (int round = 0; round < CALLS; round++) {
                for (String s : STRINGS) {
                    long expected = s.chars().filter(c -> "aeiouAEIOU".indexOf(c) >= 0).count();
                    assertEquals((int) expected, count.invoke(s), s);
                }
            }
        }
    }

    @Test
    void theGeneralPathStillTakesWhatTheFastOneDoesNot() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library("gcc-dwarf4-O0-bfd", "demo")); Arena arena = Arena.ofConfined()) {
            NativeFunction count = lib.function("count_vowels");
            for (int i = 0; i < CALLS; i++) assertEquals(2, count.invoke("ae"));
            // A NUL inside, after the invoker exists: the same message as before it.
            var e = assertThrows(ArgumentException.class, () -> count.invoke("ae\0iou"));
            assertTrue(e.getMessage().contains("argument 1 (s) of count_vowels"), e.getMessage());
            // Longer than the scratch stack takes: copied once, same answer.
            assertEquals(200_000, count.invoke("a".repeat(200_000)));
            // null and a native segment for the same parameter.
            assertEquals(0, count.invoke((Object) null));
            assertEquals(3, count.invoke(arena.allocateFrom("aei")));
        }
    }

    @Test
    void callsMadeInsideACallbackDoNotDisturbTheCaller() throws Exception {
        // sort's comparator calls count_vowels (on the fast path) while sort runs; both must keep
        // giving right answers, and the thread's stack must be back where it was afterwards.
        try (Library lib = Library.open(LoaderFixtures.library("gcc-dwarf4-O0-bfd", "demo"))) {
            NativeFunction count = lib.function("count_vowels");
            for (int i = 0; i < CALLS; i++) count.invoke("warm");
            long before = ScratchStack.current().mark();
            String[] words = {"queueing", "rhythm", "aerie", "strength", "onomatopoeia"};
            int[] keys = {0, 1, 2, 3, 4};
            ToIntBiFunction<MemorySegment, MemorySegment> byVowels = (a, b) -> {
                int x = a.reinterpret(4).get(ValueLayout.JAVA_INT, 0);
                int y = b.reinterpret(4).get(ValueLayout.JAVA_INT, 0);
                return Integer.compare((int) count.invoke(words[x] + "x".repeat(3000)),
                        (int) count.invoke(words[y] + "y".repeat(3000)));
            };
            lib.function("sort").invoke(keys, 5L, 4L, byVowels);
            assertEquals(List.of(1, 3, 2, 0, 4), java.util.Arrays.stream(keys).boxed().toList());
            assertEquals(5, count.invoke("education"));
            assertEquals(before, ScratchStack.current().mark(), "the thread's scratch stack was not popped back");
        }
    }
}
