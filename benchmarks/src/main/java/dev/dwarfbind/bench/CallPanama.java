package dev.dwarfbind.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Hand-written java.lang.foreign downcalls to libdemo, the baseline of {@link CallBenchmark}:
 * {@code static final} method handles (constants to the JIT) called with {@code invokeExact}.
 * The library is loaded when this class is initialised, into the global arena.
 */
final class CallPanama {
    private CallPanama() {
    }

    /** {@code struct point { double x, y; }}. */
    static final StructLayout POINT = MemoryLayout.structLayout(JAVA_DOUBLE.withName("x"), JAVA_DOUBLE.withName("y"));

    /** {@code int add(int, int)}. */
    static final MethodHandle ADD;
    /**
     * {@code add} again, but looked up in a shared arena (as {@code Library} does, so that it can
     * unload the library safely): every call then acquires and releases the arena's session.
     */
    static final MethodHandle ADD_SHARED_LOOKUP;
    /** {@code int count_vowels(const char *)}. */
    static final MethodHandle COUNT_VOWELS;
    /** {@code struct point point_scale(struct point, double)}: takes a SegmentAllocator first, for the result. */
    static final MethodHandle POINT_SCALE;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = SymbolLookup.libraryLookup(CallFiles.demo(), Arena.global());
        ADD = linker.downcallHandle(lib.find("add").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        SymbolLookup shared = SymbolLookup.libraryLookup(CallFiles.demo(), Arena.ofShared());
        ADD_SHARED_LOOKUP = linker.downcallHandle(shared.find("add").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        COUNT_VOWELS = linker.downcallHandle(lib.find("count_vowels").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        POINT_SCALE = linker.downcallHandle(lib.find("point_scale").orElseThrow(), FunctionDescriptor.of(POINT, POINT, JAVA_DOUBLE));
    }
}
