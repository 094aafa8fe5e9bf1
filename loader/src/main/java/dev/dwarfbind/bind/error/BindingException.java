package dev.dwarfbind.bind.error;

/**
 * A function, variable or interface cannot be bound as asked: unknown name, a Java signature
 * that does not match the C one, or a C type the linker cannot call. The message lists every
 * problem found, not just the first.
 */
public class BindingException extends RuntimeException {
    public BindingException(String message) {
        super(message);
    }

    public BindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
