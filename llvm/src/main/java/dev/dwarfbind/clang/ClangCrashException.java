package dev.dwarfbind.clang;

import java.util.List;

/**
 * Clang crashed while parsing: the child process parsing the headers died (a signal, LLVM's fatal
 * error handler aborting, the JVM's own crash handler reporting a fault in libclang), or, where an
 * embedder switched libclang's crash recovery on, libclang reported {@code CXError_Crashed}. The
 * JVM that asked is unharmed and can parse again.
 */
public final class ClangCrashException extends ClangException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;
    private final String stderr;

    /**
     * A crash.
     *
     * @param message    what crashed, parsing what, and how it ended
     * @param exitStatus the child process's exit status as {@link Process#exitValue()} gives it
     *                   (128 + N for a death by signal N), or -1 if there was no child process
     * @param stderr     what the child process wrote to its standard error (bounded), or empty
     */
    public ClangCrashException(String message, int exitStatus, String stderr) {
        super(message, List.of());
        this.exitStatus = exitStatus;
        this.stderr = stderr;
    }

    /** The child process's exit status (128 + N for a signal N), or -1 if there was none. */
    public int exitStatus() {
        return exitStatus;
    }

    /** What the child process wrote to its standard error (its last 256 KiB at most), or empty. */
    public String stderr() {
        return stderr;
    }
}
