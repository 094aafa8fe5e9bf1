package dev.dwarfbind.gen;

/** A library the generator cannot write bindings for, with the reason (a big-endian target, ...). */
public final class GenerationException extends RuntimeException {
    public GenerationException(String message) {
        super(message);
    }
}
