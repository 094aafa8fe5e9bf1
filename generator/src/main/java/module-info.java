/**
 * Java bindings written from a library's type system ({@code dwarfbind gen}, the Maven plugin): a
 * declaration model built from the types, and writers that turn it into Java sources. Exports the
 * generator's entry point, the declaration model (what was bound, what was skipped and why) and the
 * Java files the writers produce. Calls are classified by the
 * loader's ABI machinery, which the loader exports to this module alone.
 */
module dev.dwarfbind.gen {
    requires transitive dev.dwarfbind.reader;
    // Headers (gen --header) is in the generator's API and the model's LibraryInfo.
    requires transitive dev.dwarfbind.llvm;
    requires dev.dwarfbind.loader;

    exports dev.dwarfbind.gen;
    exports dev.dwarfbind.gen.model;
    exports dev.dwarfbind.gen.write;
}
