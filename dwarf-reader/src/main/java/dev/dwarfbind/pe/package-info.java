/**
 * The PE/COFF container of Windows libraries (PE32 and PE32+): section table, export directory
 * and the debug directory's CodeView record that names the PDB. Read lazily over one mapping of
 * the file, like {@link dev.dwarfbind.elf}; every malformed structure is a
 * {@link dev.dwarfbind.binary.BinaryFormatException} naming the file, the structure and the offset.
 */
package dev.dwarfbind.pe;
