/**
 * Binding and calling a native library's exports through {@code java.lang.foreign}, typed by its debug
 * info. Exports the API ({@code dev.dwarfbind.bind}) and its exceptions; the machinery in
 * {@code dev.dwarfbind.bind.internal.*} is not exported. Run with
 * {@code --enable-native-access=dev.dwarfbind.loader} (or {@code ALL-UNNAMED} on the class path).
 *
 * <p>Bound interfaces and callback interfaces of a user's module need not be opened to this module: the
 * implementation of a bound interface is defined in the interface's own module (through the lookup the
 * user passes, or a private lookup, or a host class in a child of its loader), and the loader adds the
 * readability it needs at run time.
 */
@SuppressWarnings("module") // the qualified exports name modules compiled after this one
module dev.dwarfbind.loader {
    requires transitive dev.dwarfbind.reader;
    // libclang for Library.open(path, Headers) and cdef (Headers is in its API, hence transitive), and
    // libLLVM for the JIT's call wrappers; their classes load only when a call needs them.
    requires transitive dev.dwarfbind.llvm;

    exports dev.dwarfbind.bind;
    exports dev.dwarfbind.bind.error;
    // The generator classifies calls exactly as the loader does, so generated code and dynamic
    // calls refuse the same functions for the same reasons.
    exports dev.dwarfbind.bind.internal.abi to dev.dwarfbind.gen;
    // The CLI types a library from headers for inspect and sidecar without opening it for calls, and
    // the generator for gen --header.
    exports dev.dwarfbind.bind.internal.clang to dev.dwarfbind.cli, dev.dwarfbind.gen;
}
