/**
 * Compiling C to machine code in this process: {@link dev.dwarfbind.llvm.jit.ClangCompiler} turns C source into
 * LLVM bitcode with the clang-19 executable, and {@link dev.dwarfbind.llvm.jit.OrcJit} (an ORC LLJIT) turns
 * bitcode into callable code, with every {@code LLVMErrorRef} surfacing as an {@link
 * dev.dwarfbind.llvm.jit.LlvmException} carrying LLVM's message. The loader uses both for call wrappers and
 * callback thunks; {@link dev.dwarfbind.llvm.jit.BitcodeCache} keeps clang's output on disk across JVMs.
 */
package dev.dwarfbind.llvm.jit;
