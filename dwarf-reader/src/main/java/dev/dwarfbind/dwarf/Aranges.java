package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

import java.util.Arrays;

/**
 * {@code .debug_aranges}: which compilation unit holds the code at an address. It lets a question
 * about one function read one unit instead of indexing the whole library. Producers write it
 * for the units that have code (gcc always; clang with {@code -gdwarf-aranges}); an address it
 * does not cover is simply not found, and the caller falls back to the full index.
 */
final class Aranges {
    private final long[] starts;
    private final long[] ends;
    private final long[] units;

    private Aranges(long[] starts, long[] ends, long[] units) {
        this.starts = starts;
        this.ends = ends;
        this.units = units;
    }

    /** The table of {@code section}, or an empty one when it is absent. */
    static Aranges read(Bytes section) {
        int capacity = 16;
        long[] s = new long[capacity];
        long[] e = new long[capacity];
        long[] u = new long[capacity];
        int n = 0;
        long off = 0;
        while (off < section.size()) {
            Cursor c = section.cursor(off);
            InitialLength initial = InitialLength.read(c, section, off);
            long length = initial.length();
            int offsetSize = initial.offsetSize();
            if (length == 0 && section.size() - off < 16) break; // zero padding at the end
            long end = c.position() + length;
            if (length < 0 || end > section.size() || end <= off) {
                throw section.error(off, "address range table of length " + length + " runs past the section");
            }
            int version = c.u16();
            if (version != 2) throw section.error(off, "address range table version " + version + " (only 2 exists)");
            long unit = c.offset(offsetSize);
            int addressSize = c.u8();
            int segmentSize = c.u8();
            if (addressSize != 4 && addressSize != 8) throw section.error(off, "address size " + addressSize);
            // Tuples start at a multiple of twice the address size from the table's start.
            int tuple = 2 * addressSize + segmentSize;
            long first = off + (c.position() - off + tuple - 1) / tuple * tuple;
            c.seek(first);
            while (c.position() + tuple <= end) {
                c.skip(segmentSize);
                long start = c.unsigned(addressSize);
                long size = c.unsigned(addressSize);
                if (start == 0 && size == 0) break;
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                    e = Arrays.copyOf(e, n * 2);
                    u = Arrays.copyOf(u, n * 2);
                }
                s[n] = start;
                e[n] = start + size;
                u[n] = unit;
                n++;
            }
            off = end;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long[] fs = s;
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(fs[a], fs[b]));
        long[] ss = new long[n];
        long[] ee = new long[n];
        long[] uu = new long[n];
        for (int i = 0; i < n; i++) {
            ss[i] = s[order[i]];
            ee[i] = e[order[i]];
            uu[i] = u[order[i]];
        }
        return new Aranges(ss, ee, uu);
    }

    /** The {@code .debug_info} offset of the unit whose code covers {@code address}, or -1. */
    long unitAt(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // Ranges may nest or overlap: look back from the last start at or below the address.
        for (int i = found; i >= 0 && i > found - 8; i--) {
            if (Long.compareUnsigned(address, ends[i]) < 0 && Long.compareUnsigned(address, starts[i]) >= 0) return units[i];
        }
        return -1;
    }
}
