/**
 * libclang and libLLVM through {@code java.lang.foreign}: reading C headers into the type system and
 * compiling call wrappers. Calls native code, so run with {@code --enable-native-access=dev.dwarfbind.llvm}
 * (or {@code ALL-UNNAMED} on the class path). Nothing here is loaded on the DWARF path.
 */
module dev.dwarfbind.llvm {
    requires transitive dev.dwarfbind.reader;

    exports dev.dwarfbind.llvm;
    // The JIT's compiler, for the loader's call wrappers only; the raw C API bindings (llvm.c) stay inside.
    exports dev.dwarfbind.llvm.jit to dev.dwarfbind.loader;
}
