package dev.dwarfbind.bind.internal.codegen;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.value.Conversions;
import dev.dwarfbind.bind.internal.value.ScratchStack;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The helpers a generated bound method calls for its temporaries: strings and arrays copied to
 * native memory for the call, arrays copied back after it. Handed to the generated class as
 * method handles in its class data, so that the class refers to nothing of dwarfbind's and can
 * live in the user's class loader.
 */
final class BoundMethods {
    /** {@code (String what, Arena, String) -> MemorySegment}; bind {@code what} to the argument's name. */
    static final MethodHandle C_STRING;
    /** {@code (Arena, Object array) -> MemorySegment}. */
    static final MethodHandle COPY_IN;
    /** {@code (MemorySegment, Object array) -> void}. */
    static final MethodHandle COPY_OUT;
    /** {@code () -> long}: the mark of this thread's {@link ScratchStack}. */
    static final MethodHandle SCRATCH_MARK;
    /** {@code (long) -> void}: resets this thread's {@link ScratchStack} to a mark. */
    static final MethodHandle SCRATCH_RESET;
    /** {@code (String what, String s) -> MemorySegment}: a C string on this thread's {@link ScratchStack}. */
    static final MethodHandle SCRATCH_STRING;

    static {
        try {
            var l = MethodHandles.lookup();
            C_STRING = l.findStatic(BoundMethods.class, "cString",
                    MethodType.methodType(MemorySegment.class, String.class, Arena.class, String.class));
            COPY_IN = l.findStatic(BoundMethods.class, "copyIn", MethodType.methodType(MemorySegment.class, Arena.class, Object.class));
            COPY_OUT = l.findStatic(BoundMethods.class, "copyOut", MethodType.methodType(void.class, MemorySegment.class, Object.class));
            SCRATCH_MARK = l.findStatic(BoundMethods.class, "scratchMark", MethodType.methodType(long.class));
            SCRATCH_RESET = l.findStatic(BoundMethods.class, "scratchReset", MethodType.methodType(void.class, long.class));
            SCRATCH_STRING = l.findStatic(BoundMethods.class, "scratchString",
                    MethodType.methodType(MemorySegment.class, String.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private BoundMethods() {
    }

    /** A string argument copied to UTF-8 in the call's arena ({@code NULL} for null); one with a NUL inside is refused. */
    static MemorySegment cString(String what, Arena arena, String s) {
        if (s == null) return MemorySegment.NULL;
        Conversions.checkNoNul(s, what);
        return arena.allocateFrom(s);
    }

    static long scratchMark() {
        return ScratchStack.current().mark();
    }

    static void scratchReset(long mark) {
        ScratchStack.current().reset(mark);
    }

    /**
     * A {@code String} argument as a C string on the thread's scratch stack; one the stack does not
     * take (longer than {@link ScratchStack#MAX_STRING}) goes to memory the garbage collector frees.
     */
    static MemorySegment scratchString(String what, String s) {
        if (s == null) return MemorySegment.NULL;
        MemorySegment seg = ScratchStack.current().cString(s);
        if (seg != null) return seg;
        Conversions.checkNoNul(s, what);
        return Arena.ofAuto().allocateFrom(s);
    }

    /** A primitive array argument copied to native memory for the call ({@code NULL} for null). */
    static MemorySegment copyIn(Arena arena, Object array) {
        if (array == null) return MemorySegment.NULL;
        MemorySegment heap = heap(array);
        MemorySegment seg = arena.allocate(heap.byteSize(), 8);
        seg.copyFrom(heap);
        return seg;
    }

    /** Copies a native copy back into its array after the call (C may have written to it). */
    static void copyOut(MemorySegment seg, Object array) {
        if (array != null) heap(array).copyFrom(seg);
    }

    private static MemorySegment heap(Object array) {
        return switch (array) {
            case byte[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            case char[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case float[] a -> MemorySegment.ofArray(a);
            case double[] a -> MemorySegment.ofArray(a);
            default -> throw new ArgumentException("not a primitive array: " + array.getClass().getName());
        };
    }
}
