package dev.dwarfbind.bind.internal.jit;

/**
 * Whether a library's JIT may still be called, read by every wrapped call: closing the library makes
 * later calls fail with {@link IllegalStateException}. The wrappers' code itself is freed only once
 * nothing can call it any more (see {@link JitDowncalls}), so a call that read "open" just before the
 * library closed still runs code that exists.
 */
final class JitState {
    private volatile boolean closed;

    void close() {
        closed = true;
    }

    /** Throws if the library was closed; {@code what} names the function. */
    void check(String what) {
        if (closed) throw new IllegalStateException("the library is closed: cannot call " + what);
    }
}
