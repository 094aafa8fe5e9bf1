package dev.dwarfbind.cli;

/** The tool's version line, in a class of its own so that printing it loads nothing else. */
final class Version {
    /** What {@code dwarfbind --version} prints. */
    static final String TEXT = "dwarfbind 0.1.0";

    private Version() {
    }
}
