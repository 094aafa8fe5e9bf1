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
 *
 * <p>The records here spell out {@code equals} and {@code hashCode}, and the code that reads,
 * builds and prints types on every command's path tests a type's kind with {@code instanceof}
 * rather than with a {@code switch} over patterns. Both generated forms are linked on first use
 * by bootstrap methods ({@code ObjectMethods}, {@code SwitchBootstraps}) whose results the JDK's
 * ahead-of-time cache does not keep; the forty-odd of them cost a fresh JVM about a hundred
 * milliseconds, a third of {@code dwarfbind inspect} on a small library. {@code StartupLinkageTest}
 * keeps it so.
 */
package dev.dwarfbind.types;
