package dev.dwarfbind.bench;

import java.lang.foreign.MemorySegment;

/**
 * The functions of libdemo that {@link CallBenchmark} calls, bound by dwarfbind with
 * {@code lib.bind(CallDemo.class)}. Method names are the C names.
 */
public interface CallDemo {
    int add(int a, int b);

    int count_vowels(String s);

    /** {@code struct point point_scale(struct point p, double k)}: the result lives in an automatic arena. */
    MemorySegment point_scale(MemorySegment p, double k);
}
