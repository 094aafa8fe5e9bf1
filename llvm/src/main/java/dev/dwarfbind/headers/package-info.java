/**
 * C headers into the type system through libclang: {@link dev.dwarfbind.headers.Headers} says what to
 * parse (headers, {@code -I}, {@code -D}, the target triple, filters), and
 * {@link dev.dwarfbind.headers.HeaderReader} fills a {@link dev.dwarfbind.types.TypeSystemBuilder}
 * as the DWARF reader does, with the layout Clang computes and macros evaluated to constants. The
 * fallback for libraries that have headers but no debug info.
 */
package dev.dwarfbind.headers;
