package dev.dwarfbind.debuginfo;

/**
 * Which macros of a library built with {@code gcc -g3} or {@code clang -fdebug-macro} become
 * constants (see {@link DebugInfo#withMacros}).
 */
public enum MacroScope {
    /**
     * The library's own macros: those defined in its files, not in system headers (files under
     * {@code /usr/}, except {@code /usr/src/} and {@code /usr/local/src/}), and not the
     * compiler's predefined macros or command-line {@code -D}s. The default: glibc's thousands
     * of macros do not flood a library's constants.
     */
    LIBRARY,
    /** Every macro the debug info records, system headers and predefined macros included. */
    ALL
}
