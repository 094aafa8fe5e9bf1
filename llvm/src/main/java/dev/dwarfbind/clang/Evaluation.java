package dev.dwarfbind.clang;

/** What Clang's constant evaluator made of an expression ({@code clang_Cursor_Evaluate}). */
public sealed interface Evaluation {
    /**
     * An integer constant.
     *
     * @param value    its bits (an unsigned value above {@code Long.MAX_VALUE} is negative here)
     * @param unsigned whether its type is unsigned
     */
    record Integer(long value, boolean unsigned) implements Evaluation {
        /** The value as C means it. */
        public java.math.BigInteger bigValue() {
            java.math.BigInteger b = java.math.BigInteger.valueOf(value);
            return unsigned && value < 0 ? b.add(java.math.BigInteger.ONE.shiftLeft(64)) : b;
        }
    }

    /** A floating constant. @param value its value as a double */
    record Floating(double value) implements Evaluation {
    }

    /** A string literal. @param value its characters, decoded as UTF-8 */
    record Str(String value) implements Evaluation {
    }
}
