package dev.dwarfbind.bind.internal.call;

/**
 * How a function is called, beyond its C type.
 *
 * @param errno     capture {@code errno} after each call
 * @param lastError capture the Windows thread's last error ({@code GetLastError},
 *                  {@code WSAGetLastError}) after each call
 * @param critical  a critical call: no thread-state transition, Java heap memory passed as is
 */
public record CallFlags(boolean errno, boolean lastError, boolean critical) {
    /** A plain call. */
    public static final CallFlags NONE = new CallFlags(false, false, false);

    /** These flags and {@code other}'s together. */
    public CallFlags or(CallFlags other) {
        return new CallFlags(errno || other.errno, lastError || other.lastError, critical || other.critical);
    }
}
