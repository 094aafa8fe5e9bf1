package dev.dwarfbind.debuginfo;

import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.pe.PeExport;
import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.pe.PeSection;

import java.util.ArrayList;
import java.util.List;

/**
 * A PE image's exports as the type readers see them. Code or data is told by the section the
 * address lies in (the export directory does not say); the address is the image base plus the
 * RVA, the address space the image's DWARF speaks in. The directory gives no sizes (0 here).
 * Forwarders (code in another DLL) and exports by ordinal only (no name to bind) are left out:
 * {@link PeFile#exports()} lists them.
 */
final class PeExports {
    private PeExports() {
    }

    static List<Export> of(PeFile pe) {
        var out = new ArrayList<Export>();
        for (PeExport e : pe.exports()) {
            if (e.forwarded() || e.name() == null) continue;
            boolean code = pe.sectionAt(e.rva()).map(PeSection::executable).orElse(false);
            out.add(new Export(e.name(), pe.imageBase() + e.rva(), 0, code, false, false, false, null));
        }
        return List.copyOf(out);
    }
}
