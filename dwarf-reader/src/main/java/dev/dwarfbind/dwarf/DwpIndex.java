package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;

/**
 * The unit index of a {@code .dwp} package ({@code .debug_cu_index}; DWARF 5 §7.3.5, and the GNU
 * version 2 that DWARF 4 packages use): for each split unit's dwo_id, where its contribution to
 * each section starts. A package concatenates the sections of many {@code .dwo} files, so a unit's
 * abbreviation and string-offset offsets are relative to its own contribution.
 *
 * <p>Layout: a header (version, section count, unit count, slot count), a hash table of
 * signatures with a parallel table of 1-based row numbers, the section ids of the columns, then a
 * row of offsets and a row of sizes per unit. Every count is checked against the section's size
 * before anything is read.
 */
final class DwpIndex {
    /** Column ids shared by versions 2 and 5 (DW_SECT_*); RNGLISTS exists in version 5 only. */
    static final int INFO = 1;
    /** DW_SECT_TYPES of version 2: a DWARF 4 type unit's contribution to {@code .debug_types.dwo}. */
    static final int TYPES_V2 = 2;
    static final int ABBREV = 3;
    static final int LINE = 4;
    static final int STR_OFFSETS = 6;
    /** DW_SECT_MACINFO and DW_SECT_MACRO of version 2 (GNU); version 5 has only DW_SECT_MACRO, numbered 7. */
    static final int MACINFO_V2 = 7;
    static final int MACRO_V2 = 8;
    static final int MACRO_V5 = 7;
    static final int RNGLISTS_V5 = 8;

    private final Bytes b;
    private final int version;
    private final long sections;
    private final long units;
    private final long slots;
    private final long idsAt;

    private DwpIndex(Bytes b, int version, long sections, long units, long slots) {
        this.b = b;
        this.version = version;
        this.sections = sections;
        this.units = units;
        this.slots = slots;
        this.idsAt = 16 + slots * 12;
    }

    /**
     * Reads the header of {@code index} and checks that its tables fit.
     *
     * @throws dev.dwarfbind.binary.BinaryFormatException if they do not
     */
    static DwpIndex parse(Bytes index) {
        if (index.size() < 16) throw index.error(0, "unit index header needs 16 bytes, the section has " + index.size());
        int version = index.u32(0) == 2 ? 2 : index.u16(0) == 5 ? 5 : -1;
        if (version < 0) throw index.error(0, "unit index version " + index.u32(0) + ", not 2 or 5");
        long sections = index.u32(4);
        long units = index.u32(8);
        long slots = index.u32(12);
        if (sections < 1 || sections > 16) throw index.error(4, "unit index has " + sections + " section columns");
        // Hash table (8 bytes a slot), row table (4), section ids, offsets and sizes (4 each per unit and column).
        long needed = 16 + slots * 12 + sections * 4 + 2 * units * sections * 4;
        if (slots > index.size() || units > index.size() || needed > index.size()) {
            throw index.error(0, "unit index of " + units + " units, " + slots + " slots and " + sections
                    + " columns needs " + needed + " bytes, the section has " + index.size());
        }
        return new DwpIndex(index, version, sections, units, slots);
    }

    int version() {
        return version;
    }

    /** The number of rows (units). */
    long rows() {
        return units;
    }

    /** The 0-based row of the unit with {@code signature}, or -1. */
    long row(long signature) {
        for (long i = 0; i < slots; i++) {
            if (b.u64(16 + i * 8) != signature) continue;
            long row = b.u32(16 + slots * 8 + i * 4);
            if (row == 0) continue;
            if (row > units) throw b.error(16 + slots * 8 + i * 4, "unit index row " + row + " of " + units);
            return row - 1;
        }
        return -1;
    }

    /** The offset of unit {@code row}'s contribution to section {@code sect}, or 0 if it has none. */
    long offset(long row, int sect) {
        long col = column(sect);
        return col < 0 ? 0 : b.u32(idsAt + sections * 4 + (row * sections + col) * 4);
    }

    /** The size of unit {@code row}'s contribution to section {@code sect}, or 0 if it has none. */
    long size(long row, int sect) {
        long col = column(sect);
        return col < 0 ? 0 : b.u32(idsAt + sections * 4 + units * sections * 4 + (row * sections + col) * 4);
    }

    private long column(int sect) {
        for (long c = 0; c < sections; c++) if (b.u32(idsAt + c * 4) == sect) return c;
        return -1;
    }
}
