/**
 * Bounds-checked reading of binary files: the one place where bytes become numbers, so that every
 * malformed input surfaces as a {@link dev.dwarfbind.binary.BinaryFormatException} naming the file,
 * section and offset instead of an index exception from deep inside a parser.
 */
package dev.dwarfbind.binary;
