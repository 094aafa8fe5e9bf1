package dev.dwarfbind.bind;

import dev.dwarfbind.bind.internal.call.ErrnoSlot;

/**
 * The {@code errno} value captured by the last call on this thread of a function bound with
 * {@link CallOption#ERRNO}. Captured by the linker itself, so the JVM's own native work between
 * the call and this read cannot overwrite it.
 */
public final class Errno {
    private Errno() {
    }

    /** The errno captured on this thread by the most recent errno-capturing call (0 if none). */
    public static int last() {
        return ErrnoSlot.last();
    }
}
