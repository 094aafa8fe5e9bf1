package dev.dwarfbind.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the libraries the benchmarks read, under {@code -Ddwarfbind.build} (default build/). */
final class BenchFiles {
    private BenchFiles() {
    }

    static Path build() {
        return Path.of(System.getProperty("dwarfbind.build", "build")).toAbsolutePath();
    }

    static Path existing(Path p, String howToBuild) {
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: run " + howToBuild);
        return p;
    }

    static Path zlib(String compiler) {
        return existing(build().resolve("zlib").resolve(compiler).resolve("libz.so"), "scripts/build-zlib");
    }

    static Path zlibDll(String kind) {
        return existing(build().resolve("windows").resolve("zlib").resolve(kind).resolve("libz.dll"), "scripts/build-windows-fixtures");
    }

    static Path generated(int functions) {
        return existing(build().resolve("generated").resolve("libgen" + functions + ".so"), "scripts/build-generated");
    }
}
