package dev.dwarfbind.bind.error;

import java.util.List;

/**
 * C given to {@code Library.compile} did not compile. The message is clang's whole output; the
 * diagnostics are its error lines, each {@code input.c:line:column: error: text}.
 */
public final class CompilationException extends BindingException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: diagnostics belong to one compilation. */
    private final transient List<String> diagnostics;

    /** An exception with clang's whole output as {@code message} and its error lines. */
    public CompilationException(String message, List<String> diagnostics) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Clang's error lines, in order. */
    public List<String> diagnostics() {
        return diagnostics == null ? List.of() : diagnostics;
    }
}
