package dev.dwarfbind.bind;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Helpers the classes generated for bound interfaces call. Public only because a generated class
 * may live in the user's package; not an API.
 */
public final class BoundSupport {
    private BoundSupport() {
    }

    /** A string argument copied to UTF-8 in the call's arena ({@code NULL} for null). */
    public static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }
}
