package dev.dwarfbind.pe;

import dev.dwarfbind.binary.Bytes;

import java.util.Optional;

/**
 * Reads the debug directory ({@code IMAGE_DEBUG_DIRECTORY} entries of 28 bytes) for the CodeView
 * entry, whose data is an {@code RSDS} record: signature, GUID, age, PDB path.
 */
final class DebugDirectoryReader {
    private static final int ENTRY_SIZE = 28;
    private static final long TYPE_CODEVIEW = 2;
    private static final long RSDS = 0x5344_5352L;  // "RSDS" read little-endian

    private DebugDirectoryReader() {
    }

    static Optional<CodeViewId> codeView(PeFile pe) {
        long[] dir = pe.directory(PeFile.DIRECTORY_DEBUG);
        if (dir[0] == 0 || dir[1] == 0) return Optional.empty();
        Bytes d = pe.atRva(dir[0], dir[1] - dir[1] % ENTRY_SIZE, "debug directory");
        for (long at = 0; at + ENTRY_SIZE <= d.size(); at += ENTRY_SIZE) {
            if (d.u32(at + 12) != TYPE_CODEVIEW) continue;
            long size = d.u32(at + 16);
            long rva = d.u32(at + 20);
            Bytes cv = rva != 0 ? pe.atRva(rva, size, "CodeView record") : pe.atFileOffset(d.u32(at + 24), size, "CodeView record");
            if (cv.size() < 4 || cv.u32(0) != RSDS) continue;  // NB10 (VC6-era PDB 2.0) and others are not PDB 7
            byte[] guid = cv.slice(4, 16, "CodeView record").toArray();
            long age = cv.u32(20);
            int length = 0;
            while (24 + length < cv.size() && cv.u8(24 + length) != 0) length++;
            String path = new String(cv.slice(24, length, "CodeView record").toArray(), java.nio.charset.StandardCharsets.UTF_8);
            return Optional.of(new CodeViewId(guid, age, path));
        }
        return Optional.empty();
    }
}
