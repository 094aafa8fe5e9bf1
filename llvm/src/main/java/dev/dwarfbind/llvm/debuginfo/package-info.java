/**
 * C types read from an LLVM module's debug metadata ({@code llvm-c/DebugInfo.h}), DragonFFI's type
 * source: {@link dev.dwarfbind.llvm.debuginfo.ModuleTypes} turns a module compiled with {@code -g} into
 * the project's type system, as the DWARF reader turns the shared library that module would become.
 */
package dev.dwarfbind.llvm.debuginfo;
