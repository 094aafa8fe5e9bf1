package dev.dwarfbind.types;

/** The C type qualifiers, in the order the printer writes them. */
public enum Qualifier {
    CONST("const"),
    VOLATILE("volatile"),
    RESTRICT("restrict"),
    ATOMIC("_Atomic");

    private final String spelling;

    Qualifier(String spelling) {
        this.spelling = spelling;
    }

    /** The keyword as written in C. */
    public String spelling() {
        return spelling;
    }
}
