package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * What one dynamic call owns while it runs: temporary native memory for converted arguments
 * (strings, copied arrays, callback stubs), created only if some argument needs it, and the
 * work to do after the call (copying arrays back, rethrowing a callback's exception).
 */
public final class CallContext implements AutoCloseable {
    private final Arena keep;
    private Arena arena;
    private List<Runnable> after;

    /** A context whose temporaries are freed when the call ends. */
    public CallContext() {
        this(null);
    }

    /**
     * A context whose temporaries go in {@code keep} when it is not null, and so outlive the
     * call: for C that keeps a pointer it was given ({@code strtol}'s end pointer into its input).
     */
    public CallContext(Arena keep) {
        this.keep = keep;
    }

    /** The call's temporary arena: the caller's, or one opened on first use and closed when the call ends. */
    public Arena arena() {
        if (keep != null) return keep;
        if (arena == null) arena = Arena.ofConfined();
        return arena;
    }

    /** Something to run after the native call returns (before temporary memory is freed). */
    public void after(Runnable r) {
        if (after == null) after = new ArrayList<>(2);
        after.add(r);
    }

    public void finish() {
        if (after != null) after.forEach(Runnable::run);
    }

    @Override
    public void close() {
        if (arena != null) arena.close();
    }
}
