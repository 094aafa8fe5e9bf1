package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.error.Unsupported;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Makes downcall method handles. The {@code java.lang.foreign} linker is the one path today; a
 * path that compiles call wrappers (for what the linker refuses) implements the same interface.
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
