/**
 * The ELF container: header, sections (memory-mapped, decompressed on demand), the dynamic and
 * static symbol tables with their GNU symbol versions, the build-id note and the
 * {@code .gnu_debuglink} section. Knows nothing of DWARF.
 */
package dev.dwarfbind.elf;
