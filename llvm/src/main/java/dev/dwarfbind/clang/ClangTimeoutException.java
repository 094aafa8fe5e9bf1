package dev.dwarfbind.clang;

import java.time.Duration;
import java.util.List;

/**
 * Clang did not finish parsing in the time it was given (a header that includes a FIFO or a file on
 * a hung network mount, a Clang stuck in a loop): the child process was killed. The JVM that asked
 * is unharmed and can parse again.
 */
public final class ClangTimeoutException extends ClangException {
    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    /** A parse that took longer than {@code timeout}. */
    public ClangTimeoutException(String message, Duration timeout) {
        super(message, List.of());
        this.timeout = timeout;
    }

    /** The time the parse was given. */
    public Duration timeout() {
        return timeout;
    }
}
