package dev.dwarfbind.headers;

/**
 * Where libclang parses headers. Clang is a large C++ program fed with input from outside: a bug in
 * it (or a header written to trigger one) crashes the process it runs in, and libclang's own crash
 * recovery cannot be used inside a JVM (its signal handlers kill the JVM on the JVM's own signals;
 * see {@code docs/headers.md}).
 */
public enum Isolation {
    /**
     * In a child JVM, kept running between parses and restarted after a crash: a crash inside Clang
     * becomes a {@link dev.dwarfbind.clang.ClangCrashException}, a parse that does not finish in
     * time a {@link dev.dwarfbind.clang.ClangTimeoutException}, and this JVM runs on. The default.
     */
    CHILD_PROCESS,
    /** In this JVM: no process to start, but a crash inside Clang ends this JVM. */
    IN_PROCESS
}
