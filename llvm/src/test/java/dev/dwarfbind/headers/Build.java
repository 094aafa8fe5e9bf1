package dev.dwarfbind.headers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where scripts/build-fixtures, build-zlib and build-libffi put what the tests read ({@code -Ddwarfbind.build}). */
final class Build {
    private Build() {
    }

    static Path dir() {
        String prop = System.getProperty("dwarfbind.build");
        return (prop != null ? Path.of(prop) : Path.of("build")).toAbsolutePath().normalize();
    }

    static Path existing(Path p, String script) {
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: run scripts/" + script + " first (scripts/test does)");
        return p;
    }

    /** The fixture sources, next to the build directory in the repository. */
    static Path fixtureSources() {
        Path p = dir().getParent().resolve("fixtures");
        return existing(p, "build-fixtures");
    }

    static List<String> flavours() {
        try {
            return Files.readAllLines(existing(dir().resolve("fixtures/flavours.txt"), "build-fixtures")).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
