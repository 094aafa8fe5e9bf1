package dev.dwarfbind.bench;

import java.lang.foreign.MemorySegment;

/**
 * The functions of libdemo that {@link CallBenchmark} calls, bound by dwarfbind with
 * {@code lib.bind(CallDemo.class)}. Method names are the C names.
 */
public interface CallDemo {
    int add(int a, int b);

    int count_vowels(String s);

    /** {@code struct point point_scale(struct point p, double k)}: the result lives on the Java heap. */
    MemorySegment point_scale(MemorySegment p, double k);

    /** The same function with the result placed by the caller's allocator. */
    @dev.dwarfbind.bind.CName("point_scale")
    MemorySegment pointScaleInto(java.lang.foreign.SegmentAllocator into, MemorySegment p, double k);
}
