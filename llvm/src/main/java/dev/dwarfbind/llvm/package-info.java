/**
 * Finding the LLVM 19 toolchain on the machine: the shared {@code libclang} and {@code libLLVM} that the
 * header reader and the JIT bind through {@code java.lang.foreign}, and the {@code clang} executable used to
 * compile C at run time. Nothing here loads a native library by itself; callers ask {@link
 * dev.dwarfbind.llvm.Toolchain} for a path only when a user needs headers or the JIT, so the DWARF path never
 * touches LLVM.
 */
package dev.dwarfbind.llvm;
