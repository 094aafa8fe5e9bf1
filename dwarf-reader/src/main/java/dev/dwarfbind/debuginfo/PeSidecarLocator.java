package dev.dwarfbind.debuginfo;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.pe.CodeViewId;
import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.pe.PeIdentity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Finds the light-DWARF sidecar of a PE image whose PDB is not here (or that was stripped of its
 * DWARF): an ELF file named after the image plus {@code .debug} ({@code libz.dll.debug}), written
 * by {@code dwarfbind sidecar}, carrying the image's {@link PeIdentity} in a note. A candidate is
 * used only if that identity is the image's: the same PDB GUID and age, or, for an image without
 * a CodeView record, the same code.
 *
 * <p>Places looked at, in order: {@code DLL.debug} and {@code .debug/DLL.debug} next to the
 * image; then in each directory the PDB search uses (the search directories given, the local
 * directories of the symbol path) and each sidecar directory ({@code -Ddwarfbind.sidecar.path},
 * {@code $DWARFBIND_SIDECAR_PATH}), {@code DLL.debug} and, for an image with a GUID, the
 * symbol-server layout {@code DLL.debug/GUIDAGE/DLL.debug}.
 */
final class PeSidecarLocator {
    /** What the search found: the sidecar, where it looked, what it refused and why. */
    record Result(Optional<ElfFile> sidecar, List<String> lookedAt, List<String> refused) {
    }

    private PeSidecarLocator() {
    }

    /** The file name of {@code image}'s sidecar: its own name plus {@code .debug}. */
    static String sidecarName(Path image) {
        return image.getFileName() + ".debug";
    }

    static Result find(PeFile pe, List<Path> searchDirs) {
        Path image = pe.path().toAbsolutePath();
        String name = sidecarName(image);
        Optional<String> key = pe.codeView().map(CodeViewId::symbolServerKey);
        var candidates = new LinkedHashSet<Path>();
        Path dir = image.getParent();
        if (dir != null) {
            candidates.add(dir.resolve(name));
            candidates.add(dir.resolve(".debug").resolve(name));
        }
        var dirs = new LinkedHashSet<Path>(searchDirs);
        dirs.addAll(PdbLocator.symbolPath());
        dirs.addAll(DebugFileLocator.sidecarDirs(List.of()));
        for (Path d : dirs) {
            candidates.add(d.resolve(name));
            key.ifPresent(k -> candidates.add(d.resolve(name).resolve(k).resolve(name)));
        }
        var looked = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (Path c : candidates) {
            looked.add(c.toString());
            if (!Files.isRegularFile(c)) continue;
            ElfFile elf = DebugFileLocator.openCandidate(c, refused);
            if (elf == null) continue;
            String why;
            try {
                var note = elf.note(PeIdentity.NOTE_OWNER, PeIdentity.NOTE_TYPE);
                why = note.isEmpty() ? "it has no PE identity note (" + PeIdentity.NOTE_SECTION + "), so it is no sidecar of a PE image"
                        : PeIdentity.mismatch(pe, PeIdentity.decode(note.get()));
            } catch (BinaryFormatException e) {
                why = e.getMessage();
            }
            if (why == null) return new Result(Optional.of(elf), looked, refused);
            refused.add(c + ": " + why);
        }
        return new Result(Optional.empty(), looked, refused);
    }
}
