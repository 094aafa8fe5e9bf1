/**
 * The C type system every part of dwarfbind speaks: scalars, pointers, arrays, structs, unions,
 * enums, typedefs, qualifiers and function types, plus the exported functions and variables of a
 * library.
 *
 * <p>Nothing here knows where the types came from. DWARF, PDB and header readers fill a
 * {@link dev.dwarfbind.types.TypeSystemBuilder}; the loader and the printers consume the finished,
 * immutable {@link dev.dwarfbind.types.TypeSystem}. Types refer to each other by integer id into
 * the type system rather than by Java reference: that is what lets recursive C types
 * ({@code struct node { struct node *next; }}) be immutable records, and it makes JSON export a
 * flat table.
 */
package dev.dwarfbind.types;
