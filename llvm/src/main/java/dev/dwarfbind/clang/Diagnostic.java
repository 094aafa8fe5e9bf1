package dev.dwarfbind.clang;

/**
 * One diagnostic Clang reported while parsing.
 *
 * @param severity how bad it is
 * @param location where, after macro expansion
 * @param message  Clang's text, without the location
 */
public record Diagnostic(Severity severity, SourceLocation location, String message) {
    /** Clang's {@code CXDiagnosticSeverity}. */
    public enum Severity {
        IGNORED, NOTE, WARNING, ERROR, FATAL;

        /** Whether the diagnostic makes the translation unit unusable. */
        public boolean isError() {
            return this == ERROR || this == FATAL;
        }
    }

    /** As Clang prints it: {@code file:line:column: error: message}. */
    @Override
    public String toString() {
        String level = severity == Severity.FATAL ? "fatal error" : severity.name().toLowerCase(java.util.Locale.ROOT);
        return location + ": " + level + ": " + message;
    }
}
