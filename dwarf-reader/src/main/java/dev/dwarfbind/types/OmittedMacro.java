package dev.dwarfbind.types;

import java.util.Objects;

/**
 * A macro of the library that is not a {@link Constant}: listed rather than silently dropped, so
 * a user sees that {@code MAX(a, b)} exists and why it has no value.
 *
 * @param name       the macro's name
 * @param definition its definition as {@code #define} spells it, without the directive
 *                   ({@code "MAX(a, b) ((a) > (b) ? (a) : (b))"})
 * @param reason     why it is not a constant, e.g. {@code "function-like macro"}
 */
public record OmittedMacro(String name, String definition, String reason) {
    public OmittedMacro {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(reason, "reason");
    }
}
