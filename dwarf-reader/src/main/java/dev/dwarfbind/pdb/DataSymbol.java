package dev.dwarfbind.pdb;

/**
 * A global variable's symbol ({@code S_GDATA32} or {@code S_LDATA32}).
 *
 * @param name the variable's name
 * @param rva  its address relative to the image base, or -1 if its section is unknown
 * @param type its TPI type index
 */
public record DataSymbol(String name, long rva, long type) {
}
