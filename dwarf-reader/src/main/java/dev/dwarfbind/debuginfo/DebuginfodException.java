package dev.dwarfbind.debuginfo;

import java.io.IOException;

/**
 * A debug file could not be fetched from the debuginfod servers: a server timed out, sent a
 * truncated body or a file with another build-id, or answered with an error. The message names
 * each server and what went wrong; nothing of the failed download is left in the cache.
 */
public final class DebuginfodException extends IOException {
    private static final long serialVersionUID = 1L;

    public DebuginfodException(String message) {
        super(message);
    }
}
