package dev.dwarfbind.cli;

/** A mistake in what the user asked for (an unknown function name, ...), reported without a trace. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
