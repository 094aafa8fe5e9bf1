package dev.dwarfbind.json;

import java.io.IOException;

/**
 * A JSON document that is not a valid {@code dwarfbind-types} type system: malformed JSON, an
 * unsupported schema version, a missing or ill-typed member, an id that names no type, or values
 * the type model rejects.
 *
 * <p>It is an {@link IOException} because it is a problem with input read from outside, which
 * callers of {@link TypeSystemJson#read(java.io.Reader)} already handle as one. The message starts
 * with the location of the problem as a path into the document, such as
 * {@code types[12].fields[3].type: id 999 out of range (the document has 40 types)}; {@link #path()}
 * gives the path alone.
 */
public final class TypeSystemJsonException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * An error at {@code path}.
     *
     * @param path    where in the document, e.g. {@code types[3].kind}; {@code $} for the whole document
     * @param problem what is wrong there
     */
    public TypeSystemJsonException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /**
     * An error at {@code path} caused by {@code cause}, e.g. the JSON parser's syntax error.
     *
     * @param path    where in the document
     * @param problem what is wrong there
     * @param cause   the underlying exception
     */
    public TypeSystemJsonException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** Where in the document the problem is, e.g. {@code types[12].fields[3].type}. */
    public String path() {
        return path;
    }
}
