package dev.dwarfbind.types;

import java.util.Objects;

/**
 * An exported function with its type.
 *
 * @param name      the exported symbol name, version suffix removed
 * @param type      id of its {@link FunctionType}
 * @param noreturn  whether it never returns ({@code _Noreturn}, {@code __attribute__((noreturn))})
 * @param address   the symbol's address relative to the library's load base
 * @param weak      whether the symbol is weak
 * @param version   the symbol version ({@code "ZLIB_1.2.0"}), or {@code null}
 * @param debugName the name of the function in the debug info when it differs from {@code name}
 *                  (an alias), else {@code null}
 */
public record FunctionDecl(String name, int type, boolean noreturn, long address, boolean weak, String version,
                           String debugName) {
    public FunctionDecl {
        Objects.requireNonNull(name, "name");
    }
}
