package dev.dwarfbind.bind.internal.clang;

import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory module's own life: its exports at JIT addresses, and its LLJIT freed by {@code close()}. */
class InMemoryModuleTest {

    @Test
    void closeFreesTheJitAndItsAddressesDie() throws Throwable {
        InMemoryModule m = InMemoryModule.compile("int inc(int x) { return x + 1; }\nint counter = 7;\n", List.of());
        MemorySegment inc = m.lookup().find("inc").orElseThrow();
        MemorySegment counter = m.lookup().find("counter").orElseThrow();
        assertTrue(m.lookup().find("nothing").isEmpty());
        var h = Linker.nativeLinker().downcallHandle(inc, FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        assertEquals(42, (int) h.invokeExact(41));
        assertEquals(7, counter.reinterpret(4).get(JAVA_INT, 0));
        assertFalse(m.released());
        m.close();
        assertTrue(m.released(), "the LLJIT's arena is still open");
        assertFalse(inc.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> {
            int unused = (int) h.invokeExact(41);
        });
        m.close();   // idempotent
    }
}
