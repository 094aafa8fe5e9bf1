/**
 * libclang and libLLVM through {@code java.lang.foreign}: reading C headers into the type system and
 * compiling call wrappers. The raw bindings to the LLVM C API ({@code llvm.c}) are not exported; the
 * libclang ones ({@code clang}) are, because header diagnostics and locations are libclang's records. Calls native code, so run with {@code --enable-native-access=dev.dwarfbind.llvm}
 * (or {@code ALL-UNNAMED} on the class path). Nothing here is loaded on the DWARF path.
 */
@SuppressWarnings("module") // the qualified export names the loader, which is compiled after this module
module dev.dwarfbind.llvm {
    requires transitive dev.dwarfbind.reader;

    exports dev.dwarfbind.llvm;
    // C headers into the type system (Headers, HeaderReader, comparisons with DWARF).
    exports dev.dwarfbind.headers;
    exports dev.dwarfbind.clang;
    // The JIT's compiler, for the loader's call wrappers only; the raw C API bindings (llvm.c) stay inside.
    exports dev.dwarfbind.llvm.jit to dev.dwarfbind.loader;
    // Types read from an LLVM module's debug metadata, for Library.compile's in-memory mode.
    exports dev.dwarfbind.llvm.debuginfo to dev.dwarfbind.loader;
}
