package dev.dwarfbind.macro;

/** What a macro's body evaluates to: a constant of a C type, or the reason it is not one. */
public sealed interface MacroValue {
    /**
     * A constant.
     *
     * @param value a {@link java.math.BigInteger} (the C value, within {@code type}'s range), a
     *              {@link Double}, or a {@link String} (a narrow string literal)
     * @param type  its C type, or {@code null} for a string
     */
    record Evaluated(Object value, ArithmeticType type) implements MacroValue {
    }

    /**
     * Not a constant dwarfbind can give a value.
     *
     * @param reason why, e.g. {@code "function-like macro"}
     */
    record LeftOut(String reason) implements MacroValue {
    }
}
