package dev.dwarfbind.debuginfo;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.pdb.MsfFile;
import dev.dwarfbind.pdb.PdbInfo;
import dev.dwarfbind.pe.CodeViewId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the PDB that describes a PE image, in this order: the path its CodeView record names;
 * the PDB's file name next to the image (and {@code image.pdb}); each search directory given;
 * each local directory of the symbol path ({@code -Ddwarfbind.symbolPath}, else
 * {@code $_NT_SYMBOL_PATH}: {@code ;}-separated, {@code srv*cache*url} and {@code cache*dir}
 * entries contribute their local directories). In every directory both the flat file
 * ({@code dir/name.pdb}) and the symbol-server layout ({@code dir/name.pdb/GUIDAGE/name.pdb})
 * are tried. A candidate is used only if its GUID and age are the image's; the others are
 * reported as refused, with both identities.
 */
final class PdbLocator {
    /** What the search found: the PDB, where it looked, what it refused and why. */
    record Result(Optional<Path> pdb, List<String> lookedAt, List<String> refused) {
    }

    private PdbLocator() {
    }

    static Result find(Path image, CodeViewId id, List<Path> searchDirs) {
        String recorded = id.pdbPath();
        // The record holds a Windows path on a Windows-built image: its last component either way.
        String name = recorded.substring(Math.max(recorded.lastIndexOf('/'), recorded.lastIndexOf('\\')) + 1);
        String imageName = image.getFileName().toString();
        String fallback = (imageName.contains(".") ? imageName.substring(0, imageName.lastIndexOf('.')) : imageName) + ".pdb";
        Set<Path> candidates = new LinkedHashSet<>();
        path(recorded).ifPresent(candidates::add);
        Path dir = image.toAbsolutePath().getParent();
        var dirs = new ArrayList<Path>();
        if (dir != null) dirs.add(dir);
        dirs.addAll(searchDirs);
        dirs.addAll(symbolPath());
        for (Path d : dirs) {
            for (String n : name.isEmpty() ? List.of(fallback) : List.of(name, fallback)) {
                candidates.add(d.resolve(n));
                candidates.add(d.resolve(n).resolve(id.symbolServerKey()).resolve(n));
            }
        }
        var looked = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (Path c : candidates) {
            looked.add(c.toString());
            if (!Files.isRegularFile(c)) continue;
            try {
                PdbInfo info = PdbInfo.read(MsfFile.open(c));
                if (id.matches(info.guid(), info.age())) return new Result(Optional.of(c), looked, refused);
                refused.add(c + " is " + new CodeViewId(info.guid(), info.age(), c.toString()).guidString() + " age " + info.age()
                        + ", the image wants " + id.guidString() + " age " + id.age());
            } catch (IOException | BinaryFormatException e) {
                refused.add(c + ": " + e.getMessage());
            }
        }
        return new Result(Optional.empty(), looked, refused);
    }

    private static Optional<Path> path(String s) {
        if (s.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Path.of(s));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The local directories of the symbol path; URLs (symbol servers over HTTP) are not fetched. */
    static List<Path> symbolPath() {
        String spec = System.getProperty("dwarfbind.symbolPath", System.getenv("_NT_SYMBOL_PATH"));
        if (spec == null || spec.isBlank()) return List.of();
        var out = new ArrayList<Path>();
        for (String entry : spec.split(";")) {
            for (String part : entry.split("\\*")) {
                String p = part.trim();
                if (p.isEmpty() || p.equalsIgnoreCase("srv") || p.equalsIgnoreCase("cache") || p.equalsIgnoreCase("symsrv")
                        || p.contains("://") || p.toLowerCase(java.util.Locale.ROOT).endsWith(".dll")) {
                    continue;
                }
                path(p).ifPresent(out::add);
            }
        }
        return out;
    }
}
