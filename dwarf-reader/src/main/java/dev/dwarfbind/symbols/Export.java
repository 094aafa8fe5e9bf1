package dev.dwarfbind.symbols;

import java.util.Objects;

/**
 * An exported symbol as the container reports it, independent of the container format: what the
 * DWARF reader matches against subprograms and variables.
 *
 * @param name        the symbol name, version suffix removed
 * @param address     the symbol's address (relative to the load base for a shared library)
 * @param size        the symbol's size in bytes
 * @param function    code ({@code true}) or data
 * @param threadLocal whether it is a thread-local variable (its "address" is a TLS offset)
 * @param indirect    whether it is a GNU indirect function (the address is its resolver's)
 * @param weak        whether the binding is weak
 * @param version     the symbol version, or {@code null}
 */
public record Export(String name, long address, long size, boolean function, boolean threadLocal, boolean indirect,
                     boolean weak, String version) {
    public Export {
        Objects.requireNonNull(name, "name");
    }
}
