package dev.dwarfbind.macro;

/**
 * A preprocessing token of a macro body.
 *
 * @param kind what it is
 * @param text its spelling
 */
record Token(Kind kind, String text) {
    enum Kind { IDENTIFIER, NUMBER, CHARACTER, STRING, PUNCTUATOR }

    boolean is(String punctuator) {
        return kind == Kind.PUNCTUATOR && text.equals(punctuator);
    }

    @Override
    public String toString() {
        return text;
    }
}
