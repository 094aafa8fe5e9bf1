package dev.dwarfbind.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the fixture libraries built by {@code scripts/build-fixtures} and {@code scripts/build-zlib}
 * are. Tests fail (not skip) when they are missing: CI builds them before {@code mvn verify}.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The build directory ({@code -Ddwarfbind.build}, set by Maven to the repository's build/). */
    public static Path buildDir() {
        String prop = System.getProperty("dwarfbind.build");
        Path dir = prop != null ? Path.of(prop) : Path.of("build");
        return dir.toAbsolutePath().normalize();
    }

    /** The flavours scripts/build-macro-fixtures builds. */
    public static final List<String> MACRO_FLAVOURS = List.of("gcc-dwarf5", "gcc-dwarf4", "gcc-dwarf4-macinfo", "clang-dwarf5", "clang-dwarf4");

    /** The split-DWARF flavours of scripts/build-macro-fixtures whose macros are read: in .dwo files and a .dwp. */
    public static final List<String> SPLIT_MACRO_FLAVOURS = List.of("clang-dwarf5-split", "clang-dwarf4-split", "clang-dwarf5-dwp-split");

    /**
     * The split-DWARF flavours whose macros cannot be read (gcc's imports that a .dwo cannot
     * relocate; llvm-dwp-19 leaving .debug_macinfo.dwo out of a package), with the plain flavour
     * of the same compiler and DWARF version.
     */
    public static final Map<String, String> UNREAD_SPLIT_MACRO_FLAVOURS = Map.of(
            "gcc-dwarf5-split", "gcc-dwarf5", "gcc-dwarf4-split", "gcc-dwarf4", "clang-dwarf4-dwp-split", "clang-dwarf4");

    /** The macro fixture library of one flavour of scripts/build-macro-fixtures, e.g. {@code macroLibrary("gcc-dwarf5")}. */
    public static Path macroLibrary(String flavour) {
        Path p = buildDir().resolve("macro-fixtures").resolve(flavour).resolve("libmacros.so");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run scripts/build-macro-fixtures first (scripts/test does)");
        }
        return p;
    }

    /** A fixture library of one flavour, e.g. {@code library("clang-dwarf5-O0-lld", "types")}. */
    public static Path library(String flavour, String name) {
        Path p = buildDir().resolve("fixtures").resolve(flavour).resolve("lib" + name + ".so");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run scripts/build-fixtures first (scripts/test does)");
        }
        return p;
    }

    /**
     * A fixture DLL built by {@code scripts/build-windows-fixtures}, e.g.
     * {@code windowsLibrary("gcc-mingw-dwarf", "types")}.
     */
    public static Path windowsLibrary(String flavour, String name) {
        Path p = buildDir().resolve("windows").resolve(flavour).resolve("lib" + name + ".dll");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run scripts/build-windows-fixtures first (scripts/test does)");
        }
        return p;
    }

    /** zlib as a DLL built by scripts/build-windows-fixtures, typed by {@code kind} "pdb" or "dwarf". */
    public static Path zlibDll(String kind) {
        Path p = buildDir().resolve("windows").resolve("zlib").resolve(kind).resolve("libz.dll");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run scripts/build-zlib, then scripts/build-windows-fixtures (scripts/test does)");
        }
        return p;
    }

    /** The flavours scripts/build-windows-fixtures builds. */
    public static final List<String> WINDOWS_FLAVOURS = List.of("clang-mingw-pdb", "clang-mingw-dwarf", "gcc-mingw-dwarf", "clang-msvc-pdb",
            "clang-msvc-pdb-i686", "clang-msvc-pdb-arm64");

    /** Every flavour scripts/build-fixtures built, from build/fixtures/flavours.txt. */
    public static List<String> flavours() {
        Path list = buildDir().resolve("fixtures").resolve("flavours.txt");
        if (!Files.isRegularFile(list)) {
            throw new IllegalStateException(list + " is missing: run scripts/build-fixtures first (scripts/test does)");
        }
        try {
            return Files.readAllLines(list).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** zlib built by scripts/build-zlib with {@code compiler} ("clang" or "gcc"). */
    public static Path zlib(String compiler) {
        Path p = buildDir().resolve("zlib").resolve(compiler).resolve("libz.so");
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run scripts/build-zlib first (scripts/test does)");
        }
        return p;
    }
}
