package it.demo;

import it.demo.bindings.Demo;
import it.demo.bindings.point;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bindings the plugin generated in generate-sources, compiled with the project and called. */
class DemoBindingsTest {
    @Test
    void callsTheDemoLibrary() {
        assertEquals(5, Demo.add(2, 3));
        assertEquals(3, Demo.count_vowels("banana"));
        assertEquals(6, Demo.sum_ints.makeInvoker(JAVA_INT, JAVA_INT, JAVA_INT).apply(3, 1, 2, 3));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = point.allocate(arena);
            point.x(p, 1);
            point.y(p, 2);
            MemorySegment q = Demo.point_scale(arena, p, 3);
            assertEquals(3.0, point.x(q));
            assertEquals(6.0, point.y(q));
        }
    }
}
