package dev.dwarfbind.bind.internal.call;

/**
 * How a function is called, beyond its C type.
 *
 * @param errno    capture {@code errno} after each call
 * @param critical a critical call: no thread-state transition, Java heap memory passed as is
 */
public record CallFlags(boolean errno, boolean critical) {
    /** A plain call. */
    public static final CallFlags NONE = new CallFlags(false, false);
}
