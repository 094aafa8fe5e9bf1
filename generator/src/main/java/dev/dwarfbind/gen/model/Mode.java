package dev.dwarfbind.gen.model;

/** What generated code depends on at run time. */
public enum Mode {
    /**
     * {@code java.base} only: the library is loaded with {@code SymbolLookup.libraryLookup} and
     * its build-id checked against the one generated from.
     */
    STANDALONE,
    /**
     * A thin layer over dwarfbind's loader: functions are bound through
     * {@code dev.dwarfbind.bind.Library}, which checks each one's signature in the library's
     * debug info at run time against the one generated from.
     */
    BOUND
}
