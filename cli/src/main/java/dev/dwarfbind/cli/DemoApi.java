package dev.dwarfbind.cli;

import java.lang.foreign.MemorySegment;

/**
 * The demo library as a Java interface: {@code dwarfbind demo} binds it with
 * {@code lib.bind(DemoApi.class)}. Method names are the C names; the types are checked against
 * the library's debug info when binding. Public because the generated implementation must see it.
 */
public interface DemoApi {
    int add(int a, int b);

    int count_vowels(String s);

    int greet(String name, MemorySegment buf, long size);

    /** {@code struct point point_scale(struct point p, double k)}: structs by value as segments. */
    MemorySegment point_scale(MemorySegment p, double k);

    double point_dist2(MemorySegment a, MemorySegment b);

    void sort(MemorySegment base, long n, long size, MemorySegment cmp);

    /** {@code int sum_ints(int n, ...)} called with three variadic ints. */
    int sum_ints(int n, int a, int b, int c);
}
