package dev.dwarfbind.bind;

/**
 * Where {@link Library#compile(String, CompileOption, String...)} puts the code it compiles and where it
 * reads the types from.
 */
public enum CompileOption {
    /**
     * A temporary shared library built by clang-19 with {@code -g}, typed by its DWARF and loaded with
     * {@code dlopen}; the files are deleted on {@link Library#close()} (the code stays mapped until the
     * JVM exits). Linker arguments such as {@code -lm} work. The default.
     */
    SHARED_LIBRARY,
    /**
     * Through LLVM alone: clang-19 compiles to an LLVM module with debug info, the types are read from its
     * debug metadata ({@code llvm-c/DebugInfo.h}), and ORC LLJIT compiles it to machine code in this process.
     * No file is written; {@link Library#close()} frees the code. Symbols the code uses resolve in the
     * process (libc, libm and what the JVM has loaded globally); {@code -l} arguments have no effect.
     */
    IN_MEMORY
}
