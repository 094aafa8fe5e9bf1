package dev.dwarfbind.bind;

import dev.dwarfbind.bind.internal.call.CapturePlan;
import dev.dwarfbind.bind.internal.call.CapturedState;

/**
 * The {@code errno} value captured by the last call on this thread of a function bound with
 * {@link CallOption#ERRNO} (by {@link Library#function} or, in a bound interface,
 * {@link CallOptions}). Captured by the linker itself, so the JVM's own native work between the
 * call and this read cannot overwrite it. On Windows, {@link LastError} holds the Windows API's
 * own error codes.
 */
public final class Errno {
    private Errno() {
    }

    /** The errno captured on this thread by the most recent errno-capturing call (0 if none). */
    public static int last() {
        return CapturedState.HOST.read(CapturePlan.ERRNO);
    }
}
