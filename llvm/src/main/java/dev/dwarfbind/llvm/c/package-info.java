/**
 * The parts of the LLVM 19 C API ({@code llvm-c/Core.h}, {@code Error.h}, {@code IRReader.h},
 * {@code Orc.h}, {@code LLJIT.h}, {@code Target.h}) that dwarfbind uses, bound by hand through
 * {@code java.lang.foreign}: one method handle per C function, nothing generated. The shared libLLVM is
 * found by {@link dev.dwarfbind.llvm.Toolchain} and loaded the first time {@link dev.dwarfbind.llvm.c.LibLlvm}
 * is used, never before.
 */
package dev.dwarfbind.llvm.c;
