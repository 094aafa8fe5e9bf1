package dev.dwarfbind.bind.internal.call;

/** Where the {@code errno} captured by the last errno-capturing call of each thread is kept. */
public final class ErrnoSlot {
    private static final ThreadLocal<int[]> LAST = ThreadLocal.withInitial(() -> new int[1]);

    private ErrnoSlot() {
    }

    /** The errno captured on this thread by its most recent errno-capturing call (0 if none). */
    public static int last() {
        return LAST.get()[0];
    }

    static void set(int value) {
        LAST.get()[0] = value;
    }
}
