package dev.dwarfbind.bench;

import java.nio.file.Path;

/** The library {@link CallBenchmark} calls: libdemo built by scripts/build-fixtures (clang, DWARF 5, -O2, lld). */
final class CallFiles {
    private CallFiles() {
    }

    static Path demo() {
        return BenchFiles.existing(BenchFiles.build().resolve("fixtures").resolve("clang-dwarf5-O2-lld").resolve("libdemo.so"),
                "scripts/build-fixtures");
    }
}
