package dev.dwarfbind.clang;

import java.util.List;

/**
 * Clang could not parse what it was given: the diagnostics it reported (each with file, line and
 * column), or the reason libclang gave when it reported none (bad arguments), or, as the subclasses
 * {@link ClangCrashException} and {@link ClangTimeoutException}, a Clang that crashed or hung.
 */
public class ClangException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What failed, without the diagnostics. */
    private final String summary;
    /** Not serialised: diagnostics belong to one run. */
    private final transient List<Diagnostic> diagnostics;

    /** An exception with {@code message}, followed by every error diagnostic on a line of its own. */
    public ClangException(String message, List<Diagnostic> diagnostics) {
        super(format(message, diagnostics));
        this.summary = message;
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String format(String message, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder(message);
        for (Diagnostic d : diagnostics) {
            if (d.severity().isError()) sb.append('\n').append(d);
        }
        return sb.toString();
    }

    /** The message without the diagnostics appended to it (what the constructor was given). */
    public String summary() {
        return summary;
    }

    /** Every diagnostic Clang reported, errors and warnings alike. */
    public List<Diagnostic> diagnostics() {
        return diagnostics == null ? List.of() : diagnostics;
    }
}
