package dev.dwarfbind.gen;

import dev.dwarfbind.gen.model.Mode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

/** zlib and libffi, built from Debian's sources by scripts/build-zlib and scripts/build-libffi, used through generated bindings only. */
class LibraryGenTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc"})
    void zlibRoundTripsAgainstJavaUtilZip(String compiler) throws Exception {
        Path lib = Compiled.library("zlib/" + compiler + "/libz.so", "scripts/build-zlib");
        for (Mode mode : Mode.values()) {
            Compiled c = Compiled.of(lib, GenOptions.of("gen.z", "Z").withMode(mode), "zlib", tmp.resolve(mode.name()), false);
            c.run("gen.z.ZlibUsage");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc"})
    void libffiPreparesAndCalls(String compiler) throws Exception {
        Path lib = Compiled.library("libffi/" + compiler + "/libffi.so", "scripts/build-libffi");
        Compiled c = Compiled.of(lib, GenOptions.of("gen.ffi", "Ffi"), "ffi", tmp, false);
        c.run("gen.ffi.FfiUsage");
    }
}
