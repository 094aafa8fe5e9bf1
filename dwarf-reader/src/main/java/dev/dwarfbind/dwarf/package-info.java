/**
 * DWARF versions 2 to 5 (32- and 64-bit), read in place from a container's sections: unit
 * headers, abbreviations, the DIE tree, every DWARF 5 form and the GNU extensions gcc and clang
 * emit. {@link dev.dwarfbind.dwarf.DwarfTypeReader} turns the DIEs a caller needs into a
 * {@link dev.dwarfbind.types.TypeSystem}; nothing outside this package sees a DIE.
 */
package dev.dwarfbind.dwarf;
