package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Makes C function pointers out of Java objects (upcall stubs); implemented by the upcall machinery. */
public interface Stubs {
    /**
     * A C function pointer of function type {@code functionTypeId} that calls {@code target} (any
     * object implementing a functional interface), valid while {@code arena} is open.
     *
     * @param what the argument or member it is made for, for messages
     */
    MemorySegment stub(int functionTypeId, Object target, Arena arena, String what);
}
