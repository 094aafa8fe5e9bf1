package dev.dwarfbind.types;

import java.util.Objects;

/**
 * An exported global variable with its type.
 *
 * @param name    the exported symbol name, version suffix removed
 * @param type    id of its type
 * @param address the symbol's address relative to the library's load base
 * @param version the symbol version, or {@code null}
 */
public record VariableDecl(String name, int type, long address, String version) {
    public VariableDecl {
        Objects.requireNonNull(name, "name");
    }
}
