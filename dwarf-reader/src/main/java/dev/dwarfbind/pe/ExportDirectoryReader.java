package dev.dwarfbind.pe;

import dev.dwarfbind.binary.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the export directory ({@code IMAGE_EXPORT_DIRECTORY}): the address table indexed by
 * ordinal minus the base, and the name table with its parallel ordinal table. An address inside
 * the export directory itself is a forwarder string ("other.dll.Name"), not code.
 */
final class ExportDirectoryReader {
    private static final String WHAT = "export directory";
    /** More than this many entries is no real DLL (ordinals are 16-bit); it guards the allocation. */
    private static final long MAX_ENTRIES = 0x10000;

    private final PeFile pe;

    ExportDirectoryReader(PeFile pe) {
        this.pe = pe;
    }

    List<PeExport> read() {
        long[] dir = pe.directory(PeFile.DIRECTORY_EXPORT);
        long dirRva = dir[0];
        long dirSize = dir[1];
        if (dirRva == 0 || dirSize == 0) return List.of();
        Bytes d = pe.atRva(dirRva, 40, WHAT);
        long base = d.u32(16);
        long functionCount = d.u32(20);
        long nameCount = d.u32(24);
        long functionsRva = d.u32(28);
        long namesRva = d.u32(32);
        long ordinalsRva = d.u32(36);
        if (functionCount > MAX_ENTRIES || nameCount > functionCount) {
            throw d.error(20, functionCount + " addresses and " + nameCount + " names: more than a DLL can export");
        }
        Bytes functions = pe.atRva(functionsRva, functionCount * 4, "export address table");
        String[] names = new String[(int) functionCount];
        if (nameCount > 0) {
            Bytes namePointers = pe.atRva(namesRva, nameCount * 4, "export name table");
            Bytes ordinals = pe.atRva(ordinalsRva, nameCount * 2, "export ordinal table");
            for (int i = 0; i < nameCount; i++) {
                int index = ordinals.u16(2L * i);
                if (index >= functionCount) {
                    throw ordinals.error(2L * i, "name " + i + " maps to address " + index + " of " + functionCount);
                }
                names[index] = pe.fromRva(namePointers.u32(4L * i), "export name").cString(0);
            }
        }
        var out = new ArrayList<PeExport>();
        for (int i = 0; i < functionCount; i++) {
            long rva = functions.u32(4L * i);
            if (rva == 0) continue;  // a hole in the ordinal range
            int ordinal = (int) (base + i);
            if (rva >= dirRva && rva - dirRva < dirSize) {
                String target = pe.fromRva(rva, "export forwarder").cString(0);
                out.add(new PeExport(names[i], ordinal, 0, target));
            } else {
                out.add(new PeExport(names[i], ordinal, rva, null));
            }
        }
        return List.copyOf(out);
    }
}
