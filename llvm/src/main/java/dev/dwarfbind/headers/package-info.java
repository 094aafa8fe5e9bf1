/**
 * C headers into the type system through libclang: {@link dev.dwarfbind.headers.Headers} says what to
 * parse (headers, {@code -I}, {@code -D}, the target triple, filters), and
 * {@link dev.dwarfbind.headers.HeaderReader} fills a {@link dev.dwarfbind.types.TypeSystemBuilder}
 * as the DWARF reader does, with the layout Clang computes and macros evaluated to constants. The
 * fallback for libraries that have headers but no debug info. libclang runs in a child JVM unless
 * {@link dev.dwarfbind.headers.Isolation#IN_PROCESS} is asked for, so that a crash inside Clang
 * is an exception rather than the end of the JVM.
 */
package dev.dwarfbind.headers;
