package dev.dwarfbind.bind;

/** Options for binding a function. */
public enum CallOption {
    /**
     * Capture {@code errno} right after each call (before the JVM can disturb it); read it with
     * {@link Errno#last()} on the calling thread.
     */
    ERRNO
}
