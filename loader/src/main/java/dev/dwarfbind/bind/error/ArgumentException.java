package dev.dwarfbind.bind.error;

/**
 * A Java argument cannot be converted to its C parameter type: wrong class, out of range, a
 * struct of the wrong type, a closed arena. Thrown before any native code runs; the message names
 * the function, the argument's position and name, and the C type.
 */
public final class ArgumentException extends IllegalArgumentException {
    public ArgumentException(String message) {
        super(message);
    }

    public ArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
