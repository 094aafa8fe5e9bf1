package dev.dwarfbind.headers;

/**
 * One way a library's headers disagree with its debug info.
 *
 * @param kind    what disagrees
 * @param subject the function, record, enum or constant concerned, e.g. {@code "struct z_stream_s"}
 * @param dwarf   what the debug info says (empty if it says nothing)
 * @param headers what the headers say (empty if they say nothing)
 */
public record TypeDifference(Kind kind, String subject, String dwarf, String headers) {
    /** What disagrees. */
    public enum Kind {
        /** A function's return, parameter types, variadic-ness or calling convention. */
        SIGNATURE,
        /** A variable's type. */
        VARIABLE,
        /** A struct or union's size, alignment, or a member's name, offset, bitfield or type. */
        LAYOUT,
        /** An enum's size or enumerators. */
        ENUM,
        /** Exported and typed by the debug info, not declared by the headers. */
        MISSING_FROM_HEADERS,
        /** Declared by the headers and exported, without type in the debug info. */
        MISSING_FROM_DWARF
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + subject
                + "\n  debug info: " + (dwarf.isEmpty() ? "(nothing)" : dwarf)
                + "\n  headers:    " + (headers.isEmpty() ? "(nothing)" : headers);
    }
}
