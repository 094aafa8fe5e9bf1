package dev.dwarfbind.macro;

/** Why a body is not a constant expression; caught by {@link MacroEvaluator}, never thrown out of it. */
final class NotConstantException extends Exception {
    private static final long serialVersionUID = 1L;

    NotConstantException(String reason) {
        super(reason, null, false, false);
    }
}
