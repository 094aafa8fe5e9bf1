package dev.dwarfbind.llvm.c;

import dev.dwarfbind.llvm.Toolchain;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The loaded libLLVM and downcall handles to its functions, shared by {@link LibLlvm} (the JIT) and
 * {@link LibLlvmIr} (reading modules): loading it here, once, keeps either usable without the other's
 * initialisation.
 */
final class LlvmSymbols {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB =
            SymbolLookup.libraryLookup(Toolchain.find(Toolchain.Tool.LIBLLVM), Arena.global());

    private LlvmSymbols() {
    }

    /** A handle to {@code result name(args)}. */
    static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, args));
    }

    /** A handle to {@code void name(args)}. */
    static MethodHandle proc(String name, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), FunctionDescriptor.ofVoid(args));
    }

    /** Whether libLLVM exports {@code name}. */
    static boolean has(String name) {
        return LIB.find(name).isPresent();
    }

    /** The address of {@code name}; an error naming the library when it is not exported. */
    static MemorySegment symbol(String name) {
        return LIB.find(name).orElseThrow(() -> new UnsatisfiedLinkError(
                "libLLVM at " + Toolchain.find(Toolchain.Tool.LIBLLVM) + " does not export " + name + " (LLVM 19 is needed)"));
    }
}
