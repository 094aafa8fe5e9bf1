package dev.dwarfbind.bind.error;

/**
 * A Java callback called from C threw. The exception cannot unwind through C frames, so the
 * callback returned 0 (or nothing) to C, and this is thrown once the native call that led to it
 * returns; the original exception is the cause.
 */
public final class CallbackException extends RuntimeException {
    public CallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
