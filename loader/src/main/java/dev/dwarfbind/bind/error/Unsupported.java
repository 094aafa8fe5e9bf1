package dev.dwarfbind.bind.error;

/**
 * Why a type cannot cross the Java/C boundary through {@code java.lang.foreign}'s linker: the
 * linker has no carrier for it, or the call would need a convention it does not implement.
 * Raised at bind time, before any native code runs, so a call is never made wrongly.
 */
public final class Unsupported extends BindingException {
    public Unsupported(String message) {
        super(message);
    }
}
