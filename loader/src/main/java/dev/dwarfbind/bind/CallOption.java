package dev.dwarfbind.bind;

/**
 * Options for binding a function: {@link Library#function(String, CallOption...)}, or
 * {@link CallOptions} on a bound interface's method.
 */
public enum CallOption {
    /**
     * Capture {@code errno} right after each call (before the JVM can disturb it); read it with
     * {@link Errno#last()} on the calling thread.
     */
    ERRNO,
    /**
     * Windows only: capture the thread's last error right after each call, {@code GetLastError()}
     * and {@code WSAGetLastError()}; read them with {@link LastError#last()} and
     * {@link LastError#lastWsa()} on the calling thread. Combines with {@link #ERRNO}. On another
     * OS, binding with it throws {@link dev.dwarfbind.bind.error.PlatformFeatureException}.
     */
    LAST_ERROR,
    /**
     * A short leaf function, called as {@code java.lang.foreign} calls critical functions
     * ({@code Linker.Option.critical(true)}): no thread-state transition, and Java heap memory
     * passed to pointer parameters as it is — primitive arrays, heap segments and strings (as
     * heap UTF-8) are not copied to native memory. The garbage collector waits while the call
     * runs, so use it only for functions that return quickly and never block; a function that
     * takes a callback is refused (a critical call cannot call back into Java).
     */
    CRITICAL
}
