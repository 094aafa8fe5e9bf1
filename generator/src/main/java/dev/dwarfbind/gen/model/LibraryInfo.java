package dev.dwarfbind.gen.model;

/**
 * The library a binding was generated from.
 *
 * @param location  how generated code finds it by default: the path given to the generator, or
 *                  a library name for the system's search ({@code "z"})
 * @param fileName  the file's name, for Javadoc
 * @param buildId   its GNU build-id as lower-case hex, or {@code null} if it has none
 * @param typedFrom where the types came from, e.g. {@code "DWARF in /usr/lib/debug/.build-id/..."}
 * @param headers   the C headers the types came from, which bound-mode code opens the library with
 *                  again; {@code null} when the library was typed by its debug info alone
 */
public record LibraryInfo(String location, String fileName, String buildId, String typedFrom, dev.dwarfbind.headers.Headers headers) {
    /** A library typed by its debug info alone. */
    public LibraryInfo(String location, String fileName, String buildId, String typedFrom) {
        this(location, fileName, buildId, typedFrom, null);
    }
}
