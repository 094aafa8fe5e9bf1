package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

/**
 * One unit header of {@code .debug_info} or {@code .debug_types}, and the base offsets its DIEs
 * need ({@code DW_AT_str_offsets_base}, {@code DW_AT_addr_base}, {@code DW_AT_rnglists_base}).
 * The bases are set once the unit's root DIE has been read.
 */
final class Unit {
    static final int DW_UT_COMPILE = 1;
    static final int DW_UT_TYPE = 2;
    static final int DW_UT_PARTIAL = 3;
    static final int DW_UT_SKELETON = 4;
    static final int DW_UT_SPLIT_COMPILE = 5;
    static final int DW_UT_SPLIT_TYPE = 6;

    final Bytes section;
    final long offset;
    final long end;
    final int version;
    final int unitType;
    final int offsetSize;
    final int addressSize;
    final long abbrevOffset;
    final long dieOffset;
    final long typeSignature;
    final long typeOffset;
    AbbrevTable abbrevs;
    /** The sections of the file the unit is in: the debug file's or its supplementary file's. */
    DwarfSections sections;
    /** The key bits of the unit's section ({@link Die#SECTION_BITS}). */
    long keyBits;
    /** Where this unit's abbreviations start: its contribution in a .dwp, else 0. */
    long abbrevBase;
    /**
     * Where this unit's macro information, {@code .debug_macinfo} and line-table contributions
     * start: its rows of a .dwp index, else 0. A split unit's {@code DW_AT_macros} and its macro
     * header's line offset are relative to them.
     */
    long macroBase;
    long macinfoBase;
    long lineBase;
    /** The sections holding .debug_addr and DWARF 4 .debug_ranges: a split unit's skeleton's. */
    DwarfSections addrSections;
    /** Added to a DWARF 4 split unit's DW_AT_ranges offsets: its skeleton's DW_AT_GNU_ranges_base. */
    long rangesBase;
    /** A skeleton's split unit, once found; else {@code null}. */
    Unit split;
    /** The cursor {@link Dwarf#die} parses this unit's DIEs with, made on first use (see {@link #dieCursor}). */
    private Cursor dieCursor;
    long strOffsetsBase;
    long addrBase;
    long rnglistsBase;
    long baseAddress;

    Unit(Bytes section, long offset, long end, int version, int unitType, int offsetSize, int addressSize,
         long abbrevOffset, long dieOffset, long typeSignature, long typeOffset) {
        this.section = section;
        this.offset = offset;
        this.end = end;
        this.version = version;
        this.unitType = unitType;
        this.offsetSize = offsetSize;
        this.addressSize = addressSize;
        this.abbrevOffset = abbrevOffset;
        this.dieOffset = dieOffset;
        this.typeSignature = typeSignature;
        this.typeOffset = typeOffset;
        // DWARF 5 gives the bases explicitly; before it, str_offsets had an 8/16-byte header.
        this.strOffsetsBase = version >= 5 ? 2L * offsetSize : 0;
    }

    /** Reads the unit header at {@code offset}; returns {@code null} at a zero-length padding unit. */
    static Unit read(Bytes section, long offset, boolean typesSection) {
        var c = section.cursor(offset);
        InitialLength initial = InitialLength.read(c, section, offset);
        long length = initial.length();
        int offsetSize = initial.offsetSize();
        long start = c.position();
        if (length < 0 || length > section.size() - start) {
            throw section.error(offset, "unit length " + Long.toUnsignedString(length) + " runs past the end of the section ("
                    + section.size() + " bytes)");
        }
        long end = start + length;
        int version = c.u16();
        if (version < 2 || version > 5) throw section.error(offset, "unsupported DWARF version " + version);
        int unitType = DW_UT_COMPILE;
        long abbrevOffset;
        int addressSize;
        long signature = 0;
        long typeOffset = 0;
        if (version >= 5) {
            unitType = c.u8();
            addressSize = c.u8();
            abbrevOffset = c.offset(offsetSize);
            switch (unitType) {
                case DW_UT_COMPILE, DW_UT_PARTIAL -> { }
                case DW_UT_SKELETON, DW_UT_SPLIT_COMPILE -> signature = c.u64();
                case DW_UT_TYPE, DW_UT_SPLIT_TYPE -> {
                    signature = c.u64();
                    typeOffset = c.offset(offsetSize);
                }
                default -> throw section.error(offset + offsetSize + 2, "unknown unit type " + unitType);
            }
        } else {
            abbrevOffset = c.offset(offsetSize);
            addressSize = c.u8();
            if (typesSection) {
                unitType = DW_UT_TYPE;
                signature = c.u64();
                typeOffset = c.offset(offsetSize);
            }
        }
        if (addressSize != 4 && addressSize != 8 && addressSize != 2) {
            throw section.error(offset, "unsupported address size " + addressSize);
        }
        if (c.position() > end) throw section.error(offset, "unit header is longer than the unit");
        if (typeOffset != 0 && (typeOffset < c.position() - offset || offset + typeOffset >= end)) {
            throw section.error(offset, "type offset 0x" + Long.toHexString(typeOffset) + " lies outside the unit");
        }
        return new Unit(section, offset, end, version, unitType, offsetSize, addressSize, abbrevOffset, c.position(),
                signature, typeOffset);
    }

    /**
     * A cursor at {@code offset} for parsing one DIE: one cursor per unit, moved for each DIE,
     * rather than one made per DIE parsed (half a million of them per typing of glibc). Valid until
     * the next call; only {@link Dwarf#die} uses it, and it does not call itself while reading.
     */
    Cursor dieCursor(long offset) {
        Cursor c = dieCursor;
        if (c == null) dieCursor = c = section.cursor(offset);
        return c.seek(offset);
    }

    boolean isTypeUnit() {
        return unitType == DW_UT_TYPE || unitType == DW_UT_SPLIT_TYPE;
    }

    /**
     * String {@code index} of this unit's {@code .debug_str_offsets} ({@code DW_FORM_strx} and its
     * kin, in DIEs, line tables and macro entries), decoded once.
     *
     * @throws dev.dwarfbind.binary.BinaryFormatException if the index lies outside the table, or
     *                                                    the offset it holds outside {@code .debug_str}
     */
    String indexedString(long index) {
        Bytes offsets = sections.strOffsets();
        if (index < 0 || index >= offsets.size() / offsetSize) {
            throw offsets.error(strOffsetsBase, "string index " + index + " of the " + this + " lies outside "
                    + offsets.section() + " (" + offsets.size() + " bytes)");
        }
        return sections.string(offsets.unsigned(strOffsetsBase + index * offsetSize, offsetSize));
    }

    @Override
    public String toString() {
        return section.section() + " unit at 0x" + Long.toHexString(offset) + " (DWARF " + version + ")";
    }
}
