/**
 * Prints a {@link dev.dwarfbind.types.TypeSystem} back as C: single declarations and type names
 * with C's inside-out declarator syntax, full definitions of structs, unions, enums and typedefs,
 * and whole headers that a C compiler accepts and lays out exactly as the type system says.
 *
 * <p>{@link dev.dwarfbind.cprint.CPrinter} is the entry point. The rest of the package is its
 * machinery: choosing C names that do not collide, planning the attributes and padding that make
 * a compiler reproduce recorded offsets, rendering declarators, and ordering a header's
 * definitions so that each type is complete before it is used by value.
 *
 * <p>Attributes are spelled the GCC way ({@code __attribute__((packed))}), which GCC and Clang
 * both accept; the output targets {@code -std=gnu17}.
 */
package dev.dwarfbind.cprint;
