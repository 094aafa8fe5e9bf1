package dev.dwarfbind.clang;

import java.util.List;

/**
 * libclang reported that Clang crashed while parsing ({@code CXError_Crashed}): only possible with
 * libclang's crash recovery on, which dwarfbind keeps off (its signal handlers kill the JVM), so
 * this is seen only where an embedder switched it on.
 */
public final class ClangCrashException extends ClangException {
    private static final long serialVersionUID = 1L;

    ClangCrashException(String message, List<Diagnostic> diagnostics) {
        super(message, diagnostics);
    }
}
