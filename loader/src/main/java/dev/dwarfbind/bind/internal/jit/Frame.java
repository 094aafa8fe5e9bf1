package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.internal.abi.CallType;

/**
 * Where a wrapper finds each argument and puts the result in its frame (the buffer Java fills): the
 * result first, then the parameters in order, each at its C type's alignment, so that the wrapper's
 * loads and stores are aligned accesses of the declared types.
 *
 * @param result    offset of the result (0; unused for void)
 * @param offsets   offset of each parameter
 * @param size      bytes the frame needs
 * @param alignment alignment of the frame (at least 16)
 */
record Frame(long result, long[] offsets, long size, long alignment) {
    static Frame of(CallType ret, CallType[] params) {
        long align = 16;
        long at = ret.kind() == CallType.Kind.VOID ? 0 : ret.layout().byteSize();
        long[] offsets = new long[params.length];
        for (int i = 0; i < params.length; i++) {
            long a = Math.max(1, params[i].layout().byteAlignment());
            align = Math.max(align, a);
            at = (at + a - 1) / a * a;
            offsets[i] = at;
            at += params[i].layout().byteSize();
        }
        if (ret.kind() != CallType.Kind.VOID) align = Math.max(align, ret.layout().byteAlignment());
        return new Frame(0, offsets, Math.max(at, 1), align);
    }
}
