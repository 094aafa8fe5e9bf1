package dev.dwarfbind.elf;

/**
 * The contents of a {@code .gnu_debuglink} section: where the separate debug file is and the
 * CRC-32 it must have.
 *
 * @param fileName the debug file's name (no directory), e.g. {@code "libz.so.1.debug"}
 * @param crc32    the CRC-32 of that whole file
 */
public record DebugLink(String fileName, int crc32) {
}
