package dev.dwarfbind.bind;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fixture libraries for loader tests; missing ones fail the test with what to run. */
final class LoaderFixtures {
    private LoaderFixtures() {
    }

    static Path library(String flavour, String name) {
        String prop = System.getProperty("dwarfbind.build");
        Path dir = (prop != null ? Path.of(prop) : Path.of("build")).toAbsolutePath().normalize();
        Path p = dir.resolve("fixtures").resolve(flavour).resolve("lib" + name + ".so");
        if (!Files.isRegularFile(p)) throw new IllegalStateException(p + " is missing: run scripts/build-fixtures first");
        return p;
    }
}
