package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.error.Unsupported;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Makes downcall method handles from linker descriptors: the {@code java.lang.foreign} linker's path.
 * What the linker refuses goes through {@link dev.dwarfbind.bind.internal.jit.JitDowncalls} instead,
 * which needs the C types rather than a descriptor (see {@link CallPlan#downcall}).
 */
public interface Downcalls {
    /**
     * A method handle calling the code at {@code address} as {@code descriptor} says.
     *
     * @param what the function, for messages
     * @throws Unsupported if this path cannot make such a call
     */
    MethodHandle downcall(MemorySegment address, FunctionDescriptor descriptor, String what, Linker.Option... options);

    /** The platform linker's downcalls. */
    Downcalls LINKER = (address, descriptor, what, options) -> {
        try {
            return Linker.nativeLinker().downcallHandle(address, descriptor, options);
        } catch (IllegalArgumentException e) {
            // E.g. a struct whose aligned(N) exceeds its members' alignment: no layout the linker takes.
            throw new Unsupported("cannot call " + what + ": java.lang.foreign's linker rejects its layout: " + e.getMessage());
        }
    };
}
