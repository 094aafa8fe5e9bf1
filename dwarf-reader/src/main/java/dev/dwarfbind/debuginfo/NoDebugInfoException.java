package dev.dwarfbind.debuginfo;

import java.io.IOException;

/**
 * A library has no debug information dwarfbind can use. The message says what was looked at, so
 * a user knows whether to rebuild with {@code -g} or install a debug package.
 */
public class NoDebugInfoException extends IOException {
    public NoDebugInfoException(String message) {
        super(message);
    }
}
