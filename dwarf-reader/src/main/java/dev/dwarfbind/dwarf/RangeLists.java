package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

import java.util.function.LongConsumer;

/**
 * Reads the start address of every range in a range list: DWARF 2–4 {@code .debug_ranges} pairs
 * and DWARF 5 {@code .debug_rnglists} entries. Only starts are needed (to match a function's
 * symbol to its DIE), so lengths and ends are skipped.
 */
final class RangeLists {
    private static final int MAX_ENTRIES = 1 << 20;

    private RangeLists() {
    }

    /** DWARF 2–4: pairs of addresses relative to the unit's base, ended by (0, 0). */
    static void ranges(Bytes ranges, Unit u, long offset, LongConsumer out) {
        Cursor c = ranges.cursor(offset);
        long base = u.baseAddress;
        long max = u.addressSize == 8 ? -1L : (1L << (8 * u.addressSize)) - 1;
        for (int n = 0; n < MAX_ENTRIES; n++) {
            long begin = c.unsigned(u.addressSize);
            long end = c.unsigned(u.addressSize);
            if (begin == 0 && end == 0) return;
            if (begin == max) {
                base = end; // base address selection entry
                continue;
            }
            if (begin != end) out.accept(base + begin);
        }
        throw ranges.error(offset, "range list has more than " + MAX_ENTRIES + " entries");
    }

    /** DWARF 5 {@code .debug_rnglists} entries ({@code DW_RLE_*}). */
    static void rnglist(Dwarf dwarf, Unit u, long offset, LongConsumer out) {
        Bytes b = u.sections.rnglists();
        Cursor c = b.cursor(offset);
        long base = u.baseAddress;
        for (int n = 0; n < MAX_ENTRIES; n++) {
            int kind = c.u8();
            switch (kind) {
                case 0 -> { // end_of_list
                    return;
                }
                case 1 -> base = dwarf.addrIndex(u, c.uleb()); // base_addressx
                case 2 -> { // startx_endx
                    out.accept(dwarf.addrIndex(u, c.uleb()));
                    c.uleb();
                }
                case 3 -> { // startx_length
                    out.accept(dwarf.addrIndex(u, c.uleb()));
                    c.uleb();
                }
                case 4 -> { // offset_pair
                    long start = c.uleb();
                    c.uleb();
                    out.accept(base + start);
                }
                case 5 -> base = c.unsigned(u.addressSize); // base_address
                case 6 -> { // start_end
                    out.accept(c.unsigned(u.addressSize));
                    c.unsigned(u.addressSize);
                }
                case 7 -> { // start_length
                    out.accept(c.unsigned(u.addressSize));
                    c.uleb();
                }
                default -> throw c.errorAt(c.position() - 1, "unknown range list entry kind " + kind);
            }
        }
        throw b.error(offset, "range list has more than " + MAX_ENTRIES + " entries");
    }
}
