package dev.dwarfbind.types;

import java.util.Objects;

/**
 * An exported symbol for which no type could be found: listed rather than silently dropped, so a
 * user sees what cannot be bound and why.
 *
 * @param name    the exported symbol name
 * @param kind    whether it is code or data
 * @param address its address relative to the load base
 * @param size    its size in bytes as the symbol table says
 * @param reason  why it has no type, e.g. {@code "no debug info for this symbol"}
 */
public record UntypedSymbol(String name, Kind kind, long address, long size, String reason) {
    /** Code or data. */
    public enum Kind { FUNCTION, VARIABLE }

    public UntypedSymbol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
