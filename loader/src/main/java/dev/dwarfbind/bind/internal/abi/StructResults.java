package dev.dwarfbind.bind.internal.abi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Where struct results of calls go when the caller gives no allocator. A struct the ABI returns
 * in registers (at most 16 bytes) is copied out by the linker, so a Java heap array holds it: as
 * cheap as any allocation, and freed by the garbage collector. A larger struct is written by the
 * callee through a hidden pointer, which must be native memory: that gets an automatic arena.
 */
public final class StructResults {
    private static final SegmentAllocator HEAP = (size, align) -> MemorySegment.ofArray(new long[(int) ((size + 7) / 8)]);
    private static final SegmentAllocator NATIVE = (size, align) -> Arena.ofAuto().allocate(size, align);

    private StructResults() {
    }

    public static SegmentAllocator allocator(CallType ret) {
        if (ret.kind() != CallType.Kind.STRUCT) return null;
        return ret.layout().byteSize() <= 16 && ret.layout().byteAlignment() <= 8 ? HEAP : NATIVE;
    }
}
