package dev.dwarfbind.dwarf;

/**
 * One parsed debugging information entry: its abbreviation and the raw value of each attribute.
 * What a raw value means depends on the form; {@link Dwarf} interprets it (a string offset, an
 * index into {@code .debug_addr}, an absolute DIE key, ...).
 *
 * <p>A DIE is identified by a <em>key</em>: its offset in {@code .debug_info}, or its offset in
 * {@code .debug_types} with {@link #TYPES_SECTION} set, or its offset in the supplementary
 * file's {@code .debug_info} with {@link #SUPPLEMENTARY} set.
 */
final class Die {
    /** Marks a key as an offset in {@code .debug_types} rather than {@code .debug_info}. */
    static final long TYPES_SECTION = 1L << 62;
    /** Marks a key as an offset in the supplementary file's {@code .debug_info} (dwz -m). */
    static final long SUPPLEMENTARY = 1L << 61;
    /** Keys below this are offsets; the bits above say which section (and file) they are in. */
    static final long OFFSET_LIMIT = 1L << 52;
    /** The bits of a key that say which section it is an offset in. */
    static final long SECTION_BITS = Long.MAX_VALUE & ~(OFFSET_LIMIT - 1);
    /** How many split-DWARF files ({@code .dwo}, or one {@code .dwp}) one reader may load. */
    static final int MAX_SPLIT_FILES = 511;

    /** The key bits of the {@code n}th split-DWARF file's {@code .debug_info.dwo} (1-based). */
    static long splitFileBits(int n) {
        if (n < 1 || n > MAX_SPLIT_FILES) throw new IllegalArgumentException("split file " + n);
        return (long) n << 52;
    }

    /** The offset a key names, within the section its bits select. */
    static long offsetOf(long key) {
        return key & ~SECTION_BITS;
    }

    final Unit unit;
    final long key;
    final long offset;
    final Abbrev abbrev;
    /** Raw attribute values, parallel to {@code abbrev.attrs()}. */
    final long[] values;
    /** Block and data16 lengths, parallel; 0 for other forms. */
    final long[] lengths;
    /** Offset just past the attributes: the first child, or the next sibling if there are none. */
    final long end;

    Die(Unit unit, long key, long offset, Abbrev abbrev, long[] values, long[] lengths, long end) {
        this.unit = unit;
        this.key = key;
        this.offset = offset;
        this.abbrev = abbrev;
        this.values = values;
        this.lengths = lengths;
        this.end = end;
    }

    int tag() {
        return abbrev.tag();
    }

    boolean hasChildren() {
        return abbrev.hasChildren();
    }

    /** Index of {@code attr}, or -1 if the DIE does not have it. */
    int index(int attr) {
        return abbrev.indexOf(attr);
    }

    boolean has(int attr) {
        return abbrev.indexOf(attr) >= 0;
    }

    int form(int index) {
        return abbrev.forms()[index];
    }

    /** Whether a flag attribute is present and true. */
    boolean flag(int attr) {
        int i = index(attr);
        return i >= 0 && values[i] != 0;
    }

    @Override
    public String toString() {
        return Tag.name(tag()) + " at 0x" + Long.toHexString(offset);
    }
}
