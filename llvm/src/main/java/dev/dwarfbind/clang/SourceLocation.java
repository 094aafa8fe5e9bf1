package dev.dwarfbind.clang;

/**
 * Where something is in the source, after macro expansion: the file, 1-based line and column.
 *
 * @param file   the file's name as Clang knows it (empty for a built-in or command-line location)
 * @param line   the line, from 1 (0 if unknown)
 * @param column the column, from 1 (0 if unknown)
 */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return (file.isEmpty() ? "<built-in>" : file) + ":" + line + ":" + column;
    }
}
