package dev.dwarfbind.gen;

import dev.dwarfbind.gen.model.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real libraries through generated bindings only: zlib and libffi, built from Debian's sources by
 * scripts/build-zlib and scripts/build-libffi, and the system's glibc (typed by libc6-dbg).
 */
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

    /** All of glibc (2,500 functions, 700 records) generated and compiled without a warning, then called. */
    @Test
    void libcCompilesAndCalls() throws Exception {
        Path libc = Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6");
        if (!Files.isRegularFile(libc)) throw new IllegalStateException(libc + " is missing: this test runs on x86-64 Debian (scripts/bootstrap)");
        Compiled c = Compiled.of(libc, GenOptions.of("gen.libc", "C"), "libc", tmp, true);
        assertTrue(c.result().binding().functions().size() > 2000, c.result().binding().functions().size() + " functions");
        c.run("gen.libc.LibcUsage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc"})
    void libffiPreparesAndCalls(String compiler) throws Exception {
        Path lib = Compiled.library("libffi/" + compiler + "/libffi.so", "scripts/build-libffi");
        Compiled c = Compiled.of(lib, GenOptions.of("gen.ffi", "Ffi"), "ffi", tmp, false);
        c.run("gen.ffi.FfiUsage");
    }
}
