package dev.dwarfbind.debuginfo;

import dev.dwarfbind.elf.ElfFile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the separate debug file of a library whose own file carries no DWARF: a light-DWARF
 * sidecar written by {@code dwarfbind sidecar} or by {@code objcopy --only-keep-debug}, or a
 * distribution's debug package. A candidate is used only if its GNU build-id is the library's.
 *
 * <p>Places looked at, in order: {@code LIB.debug} and {@code .debug/LIB.debug} next to the
 * library; the name in its {@code .gnu_debuglink} next to it, in {@code .debug/} and under
 * {@code /usr/lib/debug}; then in every sidecar directory ({@link #SIDECAR_PATH_PROPERTY},
 * {@link #SIDECAR_PATH_ENV}, then {@code /usr/lib/debug}) {@code .build-id/xx/rest.debug} and
 * {@code LIB.debug}.
 */
final class DebugFileLocator {
    /** System property: directories searched for sidecars, separated by the path separator. */
    static final String SIDECAR_PATH_PROPERTY = "dwarfbind.sidecar.path";
    /** Environment variable with the same meaning, used after the property. */
    static final String SIDECAR_PATH_ENV = "DWARFBIND_SIDECAR_PATH";

    /** What the search found: a debug file, or the reasons every candidate was refused. */
    record Result(Optional<ElfFile> debugFile, List<String> lookedAt, List<String> refused) {
    }

    private DebugFileLocator() {
    }

    static Result find(ElfFile lib, List<Path> extraDirs) {
        Path file = lib.path().toAbsolutePath();
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        Optional<String> buildId = lib.buildId();
        var candidates = new LinkedHashSet<Path>();
        candidates.add(dir.resolve(name + ".debug"));
        candidates.add(dir.resolve(".debug").resolve(name + ".debug"));
        lib.debugLink().ifPresent(link -> {
            candidates.add(dir.resolve(link.fileName()));
            candidates.add(dir.resolve(".debug").resolve(link.fileName()));
            candidates.add(Path.of("/usr/lib/debug").resolve(dir.toString().substring(1)).resolve(link.fileName()));
        });
        for (Path d : sidecarDirs(extraDirs)) {
            buildId.filter(id -> id.length() > 2)
                    .ifPresent(id -> candidates.add(d.resolve(".build-id").resolve(id.substring(0, 2)).resolve(id.substring(2) + ".debug")));
            candidates.add(d.resolve(name + ".debug"));
        }
        var lookedAt = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (Path c : candidates) {
            lookedAt.add(c.toString());
            if (!Files.isRegularFile(c) || c.equals(file)) continue;
            ElfFile debug = openCandidate(c, refused);
            if (debug == null) continue;
            Optional<String> theirs = debug.buildId();
            if (buildId.isPresent() && !buildId.equals(theirs)) {
                refused.add(c + " has build-id " + theirs.orElse("(none)") + ", but " + file + " has " + buildId.get());
                continue;
            }
            if (buildId.isEmpty() && !c.getFileName().toString().equals(lib.debugLink().map(l -> l.fileName()).orElse(""))) {
                refused.add(c + ": " + file + " has no build-id to match it against");
                continue;
            }
            return new Result(Optional.of(debug), lookedAt, refused);
        }
        return new Result(Optional.empty(), lookedAt, refused);
    }

    /** {@code c} opened as an ELF file, or {@code null} with the reason added to {@code refused}. */
    static ElfFile openCandidate(Path c, List<String> refused) {
        try {
            return ElfFile.open(c);
        } catch (IOException | RuntimeException e) {
            refused.add(c + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code extra}, then the sidecar directories of the property, the environment and {@code /usr/lib/debug}. */
    static Set<Path> sidecarDirs(List<Path> extra) {
        var dirs = new LinkedHashSet<Path>(extra);
        for (String spec : new String[]{System.getProperty(SIDECAR_PATH_PROPERTY), System.getenv(SIDECAR_PATH_ENV)}) {
            if (spec == null) continue;
            for (String s : spec.split(File.pathSeparator)) if (!s.isBlank()) dirs.add(Path.of(s));
        }
        dirs.add(Path.of("/usr/lib/debug"));
        return dirs;
    }
}
