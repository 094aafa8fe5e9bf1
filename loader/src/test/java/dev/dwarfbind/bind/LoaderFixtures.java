package dev.dwarfbind.bind;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fixture libraries for loader tests; missing ones fail the test with what to run. */
final class LoaderFixtures {
    private LoaderFixtures() {
    }

    static Path library(String flavour, String name) {
        return existing(buildDir().resolve("fixtures").resolve(flavour).resolve("lib" + name + ".so"), "scripts/build-fixtures");
    }

    /** A fixture DLL of scripts/build-windows-fixtures, e.g. {@code windowsLibrary("clang-msvc-pdb", "demo")}. */
    static Path windowsLibrary(String flavour, String name) {
        return existing(buildDir().resolve("windows").resolve(flavour).resolve("lib" + name + ".dll"), "scripts/build-windows-fixtures");
    }

    /** The macro fixture library of scripts/build-macro-fixtures, e.g. {@code macroLibrary("clang-dwarf5")}. */
    static Path macroLibrary(String flavour) {
        return existing(buildDir().resolve("macro-fixtures").resolve(flavour).resolve("libmacros.so"), "scripts/build-macro-fixtures");
    }

    /** A zlib build of scripts/build-zlib, e.g. {@code zlib("gcc-g3")}. */
    static Path zlib(String build) {
        return existing(buildDir().resolve("zlib").resolve(build).resolve("libz.so"), "scripts/build-zlib");
    }

    static Path buildDir() {
        String prop = System.getProperty("dwarfbind.build");
        return (prop != null ? Path.of(prop) : Path.of("build")).toAbsolutePath().normalize();
    }

    private static Path existing(Path p, String script) {
        if (!Files.isRegularFile(p)) throw new IllegalStateException(p + " is missing: run " + script + " first");
        return p;
    }
}
