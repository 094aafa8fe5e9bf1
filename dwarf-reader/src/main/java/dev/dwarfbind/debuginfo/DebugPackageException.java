package dev.dwarfbind.debuginfo;

import java.io.IOException;

/**
 * A Debian package ({@code .deb}, {@code .ddeb}) given for a library's debug file could not be
 * used: it is not an ar archive of the Debian format, a layer is malformed or compressed in a
 * way not read, or it holds no debug file of the library's build-id. The message names the
 * package and the member.
 */
public final class DebugPackageException extends IOException {
    private static final long serialVersionUID = 1L;

    public DebugPackageException(String message) {
        super(message);
    }

    public DebugPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
