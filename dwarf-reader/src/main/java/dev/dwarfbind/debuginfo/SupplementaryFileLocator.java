package dev.dwarfbind.debuginfo;

import dev.dwarfbind.dwarf.DwarfSections;
import dev.dwarfbind.dwarf.SupplementaryLink;
import dev.dwarfbind.elf.ElfFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * Finds the supplementary file a debug file names ({@code dwz -m}: {@code .gnu_debugaltlink} or
 * DWARF 5 {@code .debug_sup}) and attaches its sections. A candidate is used only if its build-id
 * (or, for a DWARF 5 supplementary file, the checksum in its own {@code .debug_sup}) is the one
 * the link records.
 *
 * <p>Places looked at, in order: the name as written (absolute, or relative to the debug file's
 * directory, as GDB resolves it); then its file name in {@code .dwz/} next to the debug file and
 * one and two levels up (a build-id directory's {@code ../../.dwz}); then
 * {@code /usr/lib/debug/.dwz/} and its multiarch subdirectories; then the build-id directory
 * {@code /usr/lib/debug/.build-id/xx/rest.debug}.
 */
final class SupplementaryFileLocator {
    private static final Path SYSTEM_DEBUG = Path.of("/usr/lib/debug");

    private SupplementaryFileLocator() {
    }

    /**
     * Attaches the supplementary file of {@code debug} to {@code sections}, if it names one.
     *
     * @throws NoDebugInfoException     if it names one that is nowhere to be found
     * @throws BuildIdMismatchException if files of that name were found but none has its build-id
     */
    static void attach(ElfFile debug, DwarfSections sections, Debuginfod debuginfod, DebugPackage pkg) throws NoDebugInfoException {
        Optional<SupplementaryLink> link = SupplementaryLink.of(debug);
        if (link.isEmpty()) return;
        ElfFile sup = pkg == null ? null : fromPackage(pkg, link.get());
        if (sup == null) sup = find(debug, link.get(), debuginfod);
        sections.attachSupplementary(DwarfSections.of(sup));
    }

    /**
     * The supplementary file from the package the debug file came from: by its build-id, or at
     * the absolute path the link names ({@code /usr/lib/debug/.dwz/...}); {@code null} if absent
     * there or not the one asked for.
     */
    private static ElfFile fromPackage(DebugPackage pkg, SupplementaryLink link) throws NoDebugInfoException {
        var names = new ArrayList<String>();
        if (link.buildId().length() > 2) names.add(DebugPackage.buildIdPath(link.buildId()));
        if (link.fileName().startsWith("/")) names.add(DebugPackage.normalise(link.fileName()));
        if (names.isEmpty()) return null;
        try {
            var m = pkg.find(names);
            if (m.isEmpty()) return null;
            ElfFile sup = ElfFile.of(Path.of(pkg.path() + "!/" + m.get().name()), m.get().bytes());
            return link.buildId().isEmpty() || link.buildId().equals(SupplementaryLink.identity(sup)) ? sup : null;
        } catch (DebugPackageException e) {
            throw new NoDebugInfoException(e.getMessage());
        }
    }

    private static ElfFile find(ElfFile debug, SupplementaryLink link, Debuginfod debuginfod) throws NoDebugInfoException {
        Path dir = debug.path().toAbsolutePath().getParent();
        Path named = Path.of(link.fileName());
        String base = named.getFileName().toString();
        var candidates = new LinkedHashSet<Path>();
        candidates.add(dir.resolve(named).normalize());
        for (Path d = dir; d != null && candidates.size() < 4; d = d.getParent()) candidates.add(d.resolve(".dwz").resolve(base));
        Path systemDwz = SYSTEM_DEBUG.resolve(".dwz");
        candidates.add(systemDwz.resolve(base));
        if (Files.isDirectory(systemDwz)) {
            try (var subdirs = Files.list(systemDwz)) {
                subdirs.filter(Files::isDirectory).sorted().forEach(d -> candidates.add(d.resolve(base)));
            } catch (IOException ignored) {
                // unreadable: the other places are still looked at
            }
        }
        String id = link.buildId();
        if (id.length() > 2) {
            candidates.add(SYSTEM_DEBUG.resolve(".build-id").resolve(id.substring(0, 2)).resolve(id.substring(2) + ".debug"));
        }
        var refused = new ArrayList<String>();
        for (Path c : candidates) {
            if (!Files.isRegularFile(c) || c.equals(debug.path().toAbsolutePath())) continue;
            ElfFile sup = DebugFileLocator.openCandidate(c, refused);
            if (sup == null) continue;
            String theirs;
            try {
                theirs = SupplementaryLink.identity(sup);
            } catch (RuntimeException e) {
                refused.add(c + ": " + e.getMessage());
                continue;
            }
            if (!id.isEmpty() && !id.equals(theirs)) {
                refused.add(c + " has build-id " + (theirs.isEmpty() ? "(none)" : theirs) + ", but " + link.section()
                        + " of " + debug.path() + " asks for " + id);
                continue;
            }
            return sup;
        }
        String remote = "";
        // A GNU supplementary file is served by its build-id like any debug file (a DWARF 5
        // .debug_sup names a checksum, which no server indexes).
        if (!id.isEmpty() && link.section().equals(".gnu_debugaltlink")) {
            DebuginfodClient.Result fetched;
            try {
                fetched = DebuginfodClient.find(debuginfod, id);
            } catch (DebuginfodException e) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            }
            if (fetched.file().isPresent()) {
                ElfFile sup = DebugFileLocator.openCandidate(fetched.file().get(), refused);
                if (sup != null) return sup;
            }
            remote = " " + fetched.notes() + ".";
        }
        if (!refused.isEmpty()) {
            throw new BuildIdMismatchException(debug.path() + ": no matching supplementary file " + link.fileName()
                    + "; refused " + String.join("; ", refused));
        }
        throw new NoDebugInfoException(debug.path() + ": its types are partly in the supplementary file "
                + link.fileName() + " (" + link.section() + ", build-id " + id + "), which is not on this machine."
                + " Looked at: " + String.join(", ", candidates.stream().map(Path::toString).toList())
                + "." + remote + " Install the debug package that ships it.");
    }
}
