package dev.dwarfbind.clang;

import java.util.List;

/**
 * Clang crashed while parsing and libclang's crash recovery caught it
 * ({@code CXError_Crashed}): the JVM goes on, the translation unit is lost. Clang's own bugs and
 * {@code #pragma clang __debug crash} end here.
 */
public final class ClangCrashException extends ClangException {
    private static final long serialVersionUID = 1L;

    ClangCrashException(String message, List<Diagnostic> diagnostics) {
        super(message, diagnostics);
    }
}
