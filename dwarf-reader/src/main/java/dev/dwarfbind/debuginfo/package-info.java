/**
 * The front door of the reader: open a library, find its debug information and get its
 * {@link dev.dwarfbind.types.TypeSystem}. Chooses the container (ELF now) and the debug format
 * (DWARF now) so callers never have to.
 */
package dev.dwarfbind.debuginfo;
