package dev.dwarfbind.bind;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * What one dynamic call owns while it runs: temporary native memory for converted arguments
 * (strings, copied arrays, callback stubs), created only if some argument needs it, and the
 * work to do after the call (copying arrays back, rethrowing a callback's exception).
 */
final class CallContext implements AutoCloseable {
    private Arena arena;
    private List<Runnable> after;

    /** The call's temporary arena, opened on first use and closed when the call ends. */
    Arena arena() {
        if (arena == null) arena = Arena.ofConfined();
        return arena;
    }

    /** Something to run after the native call returns (before temporary memory is freed). */
    void after(Runnable r) {
        if (after == null) after = new ArrayList<>(2);
        after.add(r);
    }

    void finish() {
        if (after != null) after.forEach(Runnable::run);
    }

    @Override
    public void close() {
        if (arena != null) arena.close();
    }
}
