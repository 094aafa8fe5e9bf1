package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.error.CallbackException;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.VariableDecl;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader under hostile use (issue: hostile and extreme inputs): values C would silently
 * reinterpret are refused, and a callback's exception belongs to the call during which it was
 * thrown, never to a later one.
 */
class HostileUseTest {
    private static final String FLAVOUR = LoaderTest.FLAVOURS[0];

    @Test
    void boolAcceptsExactlyTrueFalseZeroAndOne() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "types")); Arena arena = Arena.ofConfined()) {
            NativeFunction not = lib.function("sc_not");                 // _Bool sc_not(_Bool v)
            assertEquals(false, not.invoke(true));
            assertEquals(true, not.invoke(0));
            assertEquals(false, not.invoke(1L));
            assertEquals(true, not.invoke(BigInteger.ZERO));
            for (Object bad : new Object[]{null, 0.5, 0.9, Double.NaN, 2, -1, BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE), "yes"}) {
                var e = assertThrows(ArgumentException.class, () -> not.invoke(bad), String.valueOf(bad));
                assertTrue(e.getMessage().contains("argument 1") && e.getMessage().contains("_Bool"), e.getMessage());
            }
            CStruct b = lib.allocate("struct bf_basic", arena);
            assertThrows(ArgumentException.class, () -> b.set("flag", null));
            assertThrows(ArgumentException.class, () -> b.set("flag", 0.5));
            b.set("flag", true);
            assertEquals(true, b.get("flag"));
        }
    }

    @Test
    void stringsWithANulInsideAreRefused() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "demo"))) {
            var e = assertThrows(ArgumentException.class, () -> lib.function("count_vowels").invoke("ae\0iou"));
            assertTrue(e.getMessage().contains("argument 1 (s) of count_vowels") && e.getMessage().contains("index 2"), e.getMessage());
            var bound = lib.bind(Vowels.class);
            e = assertThrows(ArgumentException.class, () -> bound.count_vowels("ae\0iou"));
            assertTrue(e.getMessage().contains("argument 1 (s) of count_vowels"), e.getMessage());
            assertEquals(5, bound.count_vowels("aeiou"));
        }
    }

    interface Vowels {
        int count_vowels(String s);
    }

    @Test
    void unsignedBigIntegersAreConsistent() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(FLAVOUR, "demo"))) {
            // greet(const char *name, char *buf, size_t size): size is 64-bit unsigned.
            NativeFunction greet = lib.function("greet");
            byte[] buf = new byte[32];
            for (BigInteger bad : List.of(BigInteger.ONE.negate(), BigInteger.ONE.shiftLeft(64))) {
                var e = assertThrows(ArgumentException.class, () -> greet.invoke("x", buf, bad), bad.toString());
                assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            }
            greet.invoke("x", buf, BigInteger.valueOf(buf.length));
        }
    }

    /** {@code int cl_apply(int (*op)(int, int), int a, int b)} through a bound interface. */
    interface Apply {
        int cl_apply(MemorySegment op, int a, int b);
    }

    @Test
    void aCallbackExceptionBelongsToTheCallDuringWhichItWasThrown() throws Exception {
        try (Library calls = Library.open(LoaderFixtures.library(FLAVOUR, "calls"));
             Library demo = Library.open(LoaderFixtures.library(FLAVOUR, "demo"));
             Arena arena = Arena.ofConfined()) {
            IntBinaryOperator thrower = (a, b) -> {
                throw new IllegalStateException("boom");
            };
            MemorySegment fp = calls.function("cl_apply").callback(0, thrower, arena);
            // Bound: the bound call itself throws, with the callback's exception as the cause.
            var e = assertThrows(CallbackException.class, () -> calls.bind(Apply.class).cl_apply(fp, 1, 2));
            assertTrue(e.getCause() instanceof IllegalStateException && e.getMessage().contains("cl_apply"), e.getMessage());
            // And nothing is left over for the next, unrelated call on this thread.
            assertEquals(3, demo.function("add").invoke(1, 2));
            // Dynamic: the same.
            e = assertThrows(CallbackException.class, () -> calls.function("cl_apply").invoke(fp, 1, 2));
            assertEquals("boom", e.getCause().getMessage());
            assertEquals(7, demo.function("add").invoke(3, 4));
        }
    }

    @Test
    void aCallbackThatThrowsOutsideAnyCallGoesToTheHandler() throws Throwable {
        var seen = new ArrayList<String>();
        Library.setCallbackExceptionHandler((cType, t) -> seen.add(cType + ": " + t.getMessage()));
        try (Library calls = Library.open(LoaderFixtures.library(FLAVOUR, "calls"));
             Library demo = Library.open(LoaderFixtures.library(FLAVOUR, "demo"));
             Arena arena = Arena.ofConfined()) {
            IntBinaryOperator thrower = (a, b) -> {
                throw new IllegalStateException("nobody's call");
            };
            MemorySegment fp = calls.callback("binop_t", thrower, arena);
            // Called straight through java.lang.foreign, not through dwarfbind: no call owns the exception.
            var raw = Linker.nativeLinker().downcallHandle(fp,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            assertEquals(0, (int) raw.invokeExact(1, 2), "C gets the default value");
            assertEquals(List.of("int (*)(int, int): nobody's call"), seen);
            assertEquals(3, demo.function("add").invoke(1, 2), "and no later call throws it");
        } finally {
            Library.setCallbackExceptionHandler(null);
        }
    }

    @Test
    void aGlobalIsNeverReadPastItsSymbol() throws Exception {
        // libdemo's demo_counter is an int (st_size 4); a type system claiming int[1000] for it
        // (a debug file that does not match, or a crafted one) must not read 4,000 bytes.
        var path = LoaderFixtures.library(FLAVOUR, "demo");
        TypeSystem real = dev.dwarfbind.debuginfo.DebugInfo.open(path).typeSystem();
        VariableDecl counter = real.variable("demo_counter").orElseThrow();
        var b = new TypeSystemBuilder(real.target());
        for (int id = 0; id < real.types().size(); id++) b.reserve(id);
        for (int id = 0; id < real.types().size(); id++) b.define(id, real.type(id));
        int big = b.add(new ArrayType(counter.type(), 1000));
        b.addVariable(new VariableDecl("demo_counter", big, counter.address(), counter.version()));
        try (Library lib = Library.load(path, b.build())) {
            var e = assertThrows(BindingException.class, () -> lib.variable("demo_counter"));
            assertTrue(e.getMessage().contains("4000 bytes") && e.getMessage().contains("only 4 bytes"), e.getMessage());
        }
    }
}
