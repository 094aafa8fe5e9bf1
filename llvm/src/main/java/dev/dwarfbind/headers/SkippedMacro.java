package dev.dwarfbind.headers;

import dev.dwarfbind.clang.SourceLocation;

/**
 * A macro of the library's headers that did not become a constant, and why: it takes arguments,
 * is empty, names a type, or its value is not an integer, floating or string constant.
 *
 * @param name     the macro
 * @param location where it is defined
 * @param reason   why it is not a constant (Clang's own diagnostic where it gave one)
 */
public record SkippedMacro(String name, SourceLocation location, String reason) {
}
