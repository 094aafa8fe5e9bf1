package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The DIE layer: unit headers, abbreviation tables, parsing one DIE at a key, walking children,
 * and decoding attribute values (strings through {@code .debug_str}/{@code .debug_str_offsets},
 * addresses through {@code .debug_addr}, references to absolute keys, range lists).
 *
 * <p>Units are located once, eagerly (their headers are cheap); DIEs are parsed only when asked
 * for. Not thread-safe: one reader uses one {@code Dwarf}.
 */
final class Dwarf {
    final DwarfSections s;
    private static final long[] NO_LENGTHS = new long[0];
    /** The units of one section, in order, and where each starts: a key's section bits select one. */
    private record UnitSpace(Bytes section, List<Unit> units, long[] starts) {
    }

    private final Map<Long, UnitSpace> spaces = new HashMap<>();
    /** {@code spaces.get(0L)}: the debug file's own {@code .debug_info}. */
    private UnitSpace info;
    private final Map<DwarfSections, Map<Long, AbbrevTable>> abbrevCaches = new java.util.IdentityHashMap<>();
    /** The supplementary file's sections (dwz -m), or {@code null}. */
    private final DwarfSections sup;
    private final Map<Long, Long> typeUnitsBySignature = new HashMap<>();
    /** Split-DWARF files loaded, by key bits; see {@link SplitDwarf}. */
    private final SplitDwarf split;

    Dwarf(DwarfSections sections) {
        this.s = sections;
        this.sup = sections.supplementary();
        // Compilation units are set up when first used (their abbreviations parsed, their root
        // read): a question about one function touches one unit. Type units are found by
        // signature and supplementary units by reference, so those are set up now.
        readSpace(s, s.info(), 0);
        addSpace(s, s.types(), Die.TYPES_SECTION);
        if (sup != null) addSpace(sup, sup.info(), Die.SUPPLEMENTARY);
        this.split = new SplitDwarf(this);
    }

    /** Reads and initialises the units of {@code section} under {@code keyBits}. */
    private void addSpace(DwarfSections file, Bytes section, long keyBits) {
        initUnits(readSpace(file, section, keyBits), keyBits);
    }

    /** Reads the unit headers of {@code section} under {@code keyBits}; {@link #initUnits} must follow. */
    List<Unit> readSpace(DwarfSections file, Bytes section, long keyBits) {
        var units = new ArrayList<Unit>();
        readUnits(file, section, keyBits, units);
        // Loops, not streams: this runs at start-up, where loading the stream classes costs more.
        long[] starts = new long[units.size()];
        for (int i = 0; i < starts.length; i++) starts[i] = units.get(i).offset;
        var space = new UnitSpace(section, units, starts);
        spaces.put(keyBits, space);
        if (keyBits == 0) info = space;
        return units;
    }

    /** Parses each unit's abbreviations and root attributes (bases, type signature). */
    void initUnits(List<Unit> units, long keyBits) {
        for (Unit u : units) initUnit(u, keyBits);
    }

    /**
     * The split unit of skeleton {@code u} (its .dwo or .dwp unit, matched by dwo_id), loaded on
     * first use; {@code null} if it is not found, and {@link #splitProblem} says why.
     */
    Unit splitUnit(Unit u, Die root) {
        return split.unitFor(u, root);
    }

    /** Whether {@code u}, whose root DIE is {@code root}, is a skeleton: DWARF 5's, or GNU's DWARF 4 form. */
    static boolean isSkeleton(Unit u, Die root) {
        return u.unitType == Unit.DW_UT_SKELETON || root.has(Attr.GNU_DWO_NAME) || root.has(Attr.DWO_NAME);
    }

    /** Why skeleton {@code u} has no split unit. */
    String splitProblem(Unit u) {
        return split.problem(u);
    }

    Path file() {
        return s.file();
    }

    List<Unit> units() {
        return info.units();
    }

    /** The compilation unit starting at offset {@code offset} of {@code .debug_info}, if one does. */
    Unit unitAt(long offset) {
        UnitSpace space = info;
        int i = Arrays.binarySearch(space.starts(), offset);
        return i >= 0 ? space.units().get(i) : null;
    }

    List<Unit> typeUnits() {
        return spaces.get(Die.TYPES_SECTION).units();
    }

    /** The DWARF 4 type units of the split file whose {@code .debug_info.dwo} has key bits {@code splitBits}. */
    List<Unit> splitTypeUnits(long splitBits) {
        UnitSpace space = spaces.get(splitBits | Die.TYPES_SECTION);
        return space == null ? List.of() : space.units();
    }

    private static void readUnits(DwarfSections file, Bytes section, long keyBits, List<Unit> out) {
        long off = 0;
        while (off < section.size()) {
            // Some producers pad the section with zeros after the last unit.
            if (section.size() - off < 11 && allZero(section, off)) break;
            Unit u = Unit.read(section, off, (keyBits & Die.TYPES_SECTION) != 0);
            u.sections = file;
            u.addrSections = file;
            u.keyBits = keyBits;
            out.add(u);
            off = u.end;
        }
    }

    private static boolean allZero(Bytes b, long off) {
        for (long i = off; i < b.size(); i++) if (b.u8(i) != 0) return false;
        return true;
    }

    private void initUnit(Unit u, long sectionBit) {
        if (u.abbrevs != null) return;
        u.abbrevs = abbrevs(u);
        if (u.dieOffset >= u.end) return;
        Die root;
        try {
            root = die(u, sectionBit | u.dieOffset);
        } catch (RuntimeException e) {
            u.abbrevs = null; // not set up: the next use fails the same way rather than reading bases of 0
            throw e;
        }
        if (root == null) return;
        int i;
        if ((i = root.index(Attr.STR_OFFSETS_BASE)) >= 0) u.strOffsetsBase = root.values[i];
        if ((i = root.index(Attr.ADDR_BASE)) >= 0 || (i = root.index(Attr.GNU_ADDR_BASE)) >= 0) u.addrBase = root.values[i];
        if ((i = root.index(Attr.RNGLISTS_BASE)) >= 0 || (i = root.index(Attr.GNU_RANGES_BASE)) >= 0) u.rnglistsBase = root.values[i];
        if ((i = root.index(Attr.LOW_PC)) >= 0) u.baseAddress = address(root, i);
        if (u.isTypeUnit()) typeUnitsBySignature.putIfAbsent(u.typeSignature, sectionBit | (u.offset + u.typeOffset));
    }

    private AbbrevTable abbrevs(Unit u) {
        // Fixed sizes depend on the unit's layout, so the cache key includes it.
        long at = u.abbrevBase + u.abbrevOffset;
        long key = at * 64 + (u.version * 16L) + (u.offsetSize == 8 ? 8 : 0) + u.addressSize;
        Map<Long, AbbrevTable> cache = abbrevCaches.computeIfAbsent(u.sections, k -> new HashMap<>());
        AbbrevTable t = cache.get(key);
        if (t == null) {
            Bytes abbrev = u.sections.abbrev();
            if (u.abbrevOffset < 0 || at < 0 || at >= abbrev.size()) {
                throw u.section.error(u.offset, "abbreviation offset 0x" + Long.toHexString(at)
                        + " is outside " + abbrev.section() + " (" + abbrev.size() + " bytes)");
            }
            t = AbbrevTable.parse(abbrev, at, u.version, u.offsetSize, u.addressSize);
            cache.put(key, t);
        }
        return t;
    }

    /** The unit containing the DIE with this key. */
    Unit unitOf(long key) {
        long off = Die.offsetOf(key);
        long bits = key & Die.SECTION_BITS;
        // Nearly every key is in .debug_info: its space is kept aside rather than looked up boxed.
        UnitSpace space = bits == 0 ? info : spaces.get(bits);
        if (space == null) throw s.info().error(off, "DIE key 0x" + Long.toHexString(key) + " names no section");
        List<Unit> units = space.units();
        int i = Arrays.binarySearch(space.starts(), off);
        if (i < 0) i = -i - 2;
        if (i < 0 || off >= units.get(i).end || off < units.get(i).dieOffset) {
            throw section(key).error(off, "reference to offset 0x" + Long.toHexString(off)
                    + ", which is not inside any unit's DIEs");
        }
        return units.get(i);
    }

    /**
     * The DIEs most recently parsed by key, one per slot of a key's hash: the converter asks for
     * a type DIE again soon after its first parse (its shape at each level, its conversion after
     * its record's members were shaped), and this small cache answers most of those without
     * parsing, while holding at most {@value #RECENT_SIZE} DIEs.
     */
    private final Die[] recent = new Die[RECENT_SIZE];
    private static final int RECENT_BITS = 12;
    private static final int RECENT_SIZE = 1 << RECENT_BITS;

    /** Parses the DIE with this key (or returns the same DIE parsed shortly before). */
    Die die(long key) {
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - RECENT_BITS));
        Die d = recent[slot];
        if (d != null && d.key == key) return d;
        d = die(unitOf(key), key);
        if (d == null) {
            throw section(key).error(Die.offsetOf(key), "reference to a null entry, not a DIE");
        }
        recent[slot] = d;
        return d;
    }

    private Bytes section(long key) {
        UnitSpace space = spaces.get(key & Die.SECTION_BITS);
        return space == null ? s.info() : space.section();
    }

    /** Parses the DIE at {@code key} in unit {@code u}; {@code null} for a null entry (end of siblings). */
    Die die(Unit u, long key) {
        long off = Die.offsetOf(key);
        long bit = key & Die.SECTION_BITS;
        if (u.abbrevs == null) initUnit(u, bit);
        Cursor c = u.dieCursor(off);
        int code = c.ulebInt();
        if (code == 0) return null;
        Abbrev a = u.abbrevs.get(code);
        if (a == null) throw u.section.error(off, "DIE uses abbreviation code " + code + ", which " + u + " does not define");
        int n = a.attrs().length;
        long[] values = new long[n];
        // Most DIEs have no block, exprloc or data16 attribute, and so no lengths to keep.
        long[] lengths = a.hasLengths() ? new long[n] : NO_LENGTHS;
        for (int i = 0; i < n; i++) {
            int form = a.forms()[i];
            if (form == Form.IMPLICIT_CONST) {
                values[i] = a.implicitConsts()[i];
                continue;
            }
            readValue(u, c, form, values, lengths, i, bit);
        }
        if (c.position() > u.end) throw u.section.error(off, "DIE attributes run past the end of " + u);
        return new Die(u, key, off, a, values, lengths, c.position());
    }

    private void readValue(Unit u, Cursor c, int form, long[] values, long[] lengths, int i, long bit) {
        int depth = 0;
        while (form == Form.INDIRECT) {
            form = c.ulebInt();
            if (++depth > 4 || !Form.known(form)) throw c.error("bad DW_FORM_indirect form 0x" + Integer.toHexString(form));
        }
        values[i] = switch (form) {
            case Form.ADDR -> c.unsigned(u.addressSize);
            case Form.DATA1, Form.FLAG, Form.STRX1, Form.ADDRX1 -> c.u8();
            case Form.DATA2, Form.STRX2, Form.ADDRX2 -> c.u16();
            case Form.STRX3, Form.ADDRX3 -> {
                long lo = c.u16();
                long hi = c.u8();
                yield u.section.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? lo | hi << 16 : (lo << 8) | hi;
            }
            case Form.DATA4, Form.STRX4, Form.ADDRX4, Form.REF_SUP4 -> c.u32();
            case Form.DATA8, Form.REF_SIG8, Form.REF_SUP8 -> c.u64();
            case Form.DATA16 -> {
                lengths[i] = 16;
                long p = c.position();
                c.skip(16);
                yield p;
            }
            case Form.SDATA -> c.sleb();
            case Form.UDATA, Form.STRX, Form.ADDRX, Form.LOCLISTX, Form.RNGLISTX, Form.GNU_ADDR_INDEX,
                 Form.GNU_STR_INDEX -> c.uleb();
            case Form.STRING -> {
                long p = c.position();
                c.skipCString();
                yield p;
            }
            case Form.STRP, Form.LINE_STRP, Form.SEC_OFFSET, Form.STRP_SUP, Form.GNU_STRP_ALT, Form.GNU_REF_ALT ->
                    c.offset(u.offsetSize);
            case Form.REF_ADDR -> reference(u, c, bit, 0, c.offset(u.version <= 2 ? u.addressSize : u.offsetSize));
            case Form.REF1 -> reference(u, c, bit, u.offset, c.u8());
            case Form.REF2 -> reference(u, c, bit, u.offset, c.u16());
            case Form.REF4 -> reference(u, c, bit, u.offset, c.u32());
            case Form.REF8 -> reference(u, c, bit, u.offset, c.u64());
            case Form.REF_UDATA -> reference(u, c, bit, u.offset, c.uleb());
            case Form.FLAG_PRESENT -> 1;
            case Form.EXPRLOC, Form.BLOCK -> block(c, c.uleb(), lengths, i);
            case Form.BLOCK1 -> block(c, c.u8(), lengths, i);
            case Form.BLOCK2 -> block(c, c.u16(), lengths, i);
            case Form.BLOCK4 -> block(c, c.u32(), lengths, i);
            default -> throw c.error("unsupported form 0x" + Integer.toHexString(form));
        };
    }

    /**
     * The key of a reference {@code value} bytes from {@code base}. A value that cannot be an
     * offset in the section (a {@code DW_FORM_ref8} with the top bit set) is an error here: read
     * on as a key it would look like "no reference" or like one into the other section.
     */
    private static long reference(Unit u, Cursor c, long bit, long base, long value) {
        long target = base + value;
        if (value < 0 || target < 0 || target >= u.section.size()) {
            throw c.errorAt(c.position(), "reference 0x" + Long.toHexString(value) + (base == 0 ? "" : " from the unit at 0x"
                    + Long.toHexString(base)) + " lies outside " + u.section.section() + " (" + u.section.size() + " bytes)");
        }
        return bit | target;
    }

    private static long block(Cursor c, long length, long[] lengths, int i) {
        long p = c.position();
        c.skip(length);
        lengths[i] = length;
        return p;
    }

    /**
     * Calls {@code action} with each child of {@code parent}, in order: the DIE walking the
     * children parsed, not its key, so that no caller parses each child twice.
     */
    void forEachChild(Die parent, Consumer<Die> action) {
        findChild(parent, d -> {
            action.accept(d);
            return false;
        });
    }

    /**
     * The first child of {@code parent}, in order, that {@code test} accepts, or {@code null};
     * the children after it are not parsed (a function's parameters come before its many local
     * variables, blocks and call sites).
     */
    Die findChild(Die parent, Predicate<Die> test) {
        if (!parent.hasChildren()) return null;
        Unit u = parent.unit;
        long bit = parent.key & Die.SECTION_BITS;
        long off = parent.end;
        int count = 0;
        while (off < u.end) {
            Die d = die(u, bit | off);
            if (d == null) return null;
            if (++count > 10_000_000) throw u.section.error(off, "more than 10 million children");
            if (test.test(d)) return d;
            off = nextSibling(d);
        }
        throw u.section.error(parent.offset, "children of " + parent + " are not terminated before the end of " + u);
    }

    /** Offset of the DIE after {@code d} and all its descendants. */
    long nextSibling(Die d) {
        if (!d.hasChildren()) return d.end;
        int i = d.index(Attr.SIBLING);
        if (i >= 0) {
            long sib = Die.offsetOf(d.values[i]);
            if (sib > d.offset && sib <= d.unit.end) return sib;
        }
        return skipSubtree(d.unit, d.end);
    }

    /** Skips a run of sibling DIEs and their children, returning the offset after the null entry. */
    private long skipSubtree(Unit u, long off) {
        Cursor c = u.section.cursor(off);
        int depth = 1;
        while (depth > 0) {
            if (c.position() >= u.end) throw u.section.error(off, "DIE tree is not terminated before the end of " + u);
            int code = c.ulebInt();
            if (code == 0) {
                depth--;
                continue;
            }
            Abbrev a = u.abbrevs.get(code);
            if (a == null) throw c.error("DIE uses abbreviation code " + code + ", which " + u + " does not define");
            skipAttributes(u, c, a);
            if (a.hasChildren()) depth++;
        }
        return c.position();
    }

    /** Moves {@code c} past the attribute values of a DIE with abbreviation {@code a}. */
    void skipAttributes(Unit u, Cursor c, Abbrev a) {
        if (a.fixedSize() >= 0) {
            c.skip(a.fixedSize());
            return;
        }
        int[] forms = a.forms();
        for (int form : forms) skipValue(u, c, form);
    }

    private void skipValue(Unit u, Cursor c, int form) {
        int size = Form.fixedSize(form, u.version, u.offsetSize, u.addressSize);
        if (size >= 0) {
            c.skip(size);
            return;
        }
        switch (form) {
            case Form.SDATA -> c.sleb();
            case Form.UDATA, Form.STRX, Form.ADDRX, Form.LOCLISTX, Form.RNGLISTX, Form.GNU_ADDR_INDEX,
                 Form.GNU_STR_INDEX, Form.REF_UDATA -> c.uleb();
            case Form.STRING -> c.skipCString();
            case Form.EXPRLOC, Form.BLOCK -> c.skip(c.uleb());
            case Form.BLOCK1 -> c.skip(c.u8());
            case Form.BLOCK2 -> c.skip(c.u16());
            case Form.BLOCK4 -> c.skip(c.u32());
            case Form.INDIRECT -> {
                int f = c.ulebInt();
                if (f == Form.INDIRECT || !Form.known(f)) throw c.error("bad DW_FORM_indirect form 0x" + Integer.toHexString(f));
                if (f == Form.IMPLICIT_CONST) throw c.error("DW_FORM_indirect cannot name DW_FORM_implicit_const");
                skipValue(u, c, f);
            }
            default -> throw c.error("unsupported form 0x" + Integer.toHexString(form));
        }
    }

    // ---- attribute values ----

    /** The string value of attribute index {@code i}, or {@code null} if its form is not a string. */
    String string(Die d, int i) {
        Unit u = d.unit;
        long v = d.values[i];
        return switch (d.form(i)) {
            case Form.STRING -> u.section.cString(v);
            case Form.STRP -> u.sections.string(v);
            case Form.LINE_STRP -> u.sections.lineStr().cString(v);
            case Form.STRX, Form.STRX1, Form.STRX2, Form.STRX3, Form.STRX4, Form.GNU_STR_INDEX -> u.indexedString(v);
            case Form.GNU_STRP_ALT, Form.STRP_SUP -> supplementary(d, "string").string(v);
            default -> null;
        };
    }

    /** The string value of {@code attr}, or {@code null} if absent. */
    String stringAttr(Die d, int attr) {
        int i = d.index(attr);
        return i < 0 ? null : string(d, i);
    }

    /** The name of a DIE, or {@code null}. */
    String name(Die d) {
        return stringAttr(d, Attr.NAME);
    }

    /** An address attribute (DW_FORM_addr or an index into .debug_addr). */
    long address(Die d, int i) {
        Unit u = d.unit;
        long v = d.values[i];
        return switch (d.form(i)) {
            case Form.ADDR -> v;
            case Form.ADDRX, Form.ADDRX1, Form.ADDRX2, Form.ADDRX3, Form.ADDRX4, Form.GNU_ADDR_INDEX -> addrIndex(u, v);
            default -> v;
        };
    }

    long addrIndex(Unit u, long index) {
        long at = u.addrBase + index * u.addressSize;
        return u.addrSections.addr().unsigned(at, u.addressSize);
    }

    /** The key of the DIE that reference attribute {@code attr} points to, or -1 if absent. */
    long ref(Die d, int attr) {
        int i = d.index(attr);
        if (i < 0) return -1;
        int form = d.form(i);
        return switch (form) {
            case Form.REF1, Form.REF2, Form.REF4, Form.REF8, Form.REF_UDATA, Form.REF_ADDR -> d.values[i];
            case Form.REF_SIG8 -> {
                Long k = typeUnitsBySignature.get(d.values[i]);
                if (k == null) {
                    throw d.unit.section.error(d.offset, "reference to type signature 0x" + Long.toHexString(d.values[i])
                            + ", which no type unit of this file (or of its split-DWARF files) defines");
                }
                yield k;
            }
            case Form.GNU_REF_ALT, Form.REF_SUP4, Form.REF_SUP8 -> {
                Bytes info = supplementary(d, "reference").info();
                long v = d.values[i];
                if (v < 0 || v >= info.size()) {
                    throw d.unit.section.error(d.offset, "reference 0x" + Long.toHexString(v) + " into the supplementary file "
                            + info.file() + " lies outside its .debug_info (" + info.size() + " bytes)");
                }
                yield Die.SUPPLEMENTARY | v;
            }
            default -> throw d.unit.section.error(d.offset, "attribute 0x" + Integer.toHexString(attr) + " of " + d
                    + " has form 0x" + Integer.toHexString(form) + ", not a reference");
        };
    }

    /**
     * The supplementary file's sections for a {@code what} form of {@code d}: only the debug
     * file's own units may point there (dwz writes no second level).
     */
    private DwarfSections supplementary(Die d, String what) {
        if (d.unit.keyBits == Die.SUPPLEMENTARY) {
            throw d.unit.section.error(d.offset, what + " into a supplementary file from the supplementary file itself (" + d + ")");
        }
        if (sup != null) return sup;
        var link = s.elf() == null ? java.util.Optional.<SupplementaryLink>empty() : SupplementaryLink.of(s.elf());
        if (link.isPresent()) {
            throw d.unit.section.unsupported(d.offset, what + " into the supplementary file " + link.get().fileName()
                    + ", which was not loaded: read the file through DebugInfo, which finds it");
        }
        throw d.unit.section.error(d.offset, what + " into a supplementary file, but the file names none"
                + " (no .gnu_debugaltlink or .debug_sup section)");
    }

    /** Whether a constant-class attribute is present. */
    static boolean isConstant(int form) {
        return switch (form) {
            case Form.DATA1, Form.DATA2, Form.DATA4, Form.DATA8, Form.SDATA, Form.UDATA, Form.IMPLICIT_CONST -> true;
            default -> false;
        };
    }

    /**
     * An unsigned constant attribute ({@code DW_AT_byte_size}, {@code DW_AT_count}, ...), or
     * {@code missing} if absent or not a constant (e.g. an expression for a variable length).
     */
    long unsignedConstant(Die d, int attr, long missing) {
        int i = d.index(attr);
        if (i < 0 || !isConstant(d.form(i))) return missing;
        return d.values[i];
    }

    /**
     * The start addresses of a DIE's code: {@code DW_AT_low_pc}, or every range start of
     * {@code DW_AT_ranges} (gcc splits hot and cold parts of a function into two ranges). A range
     * list is read once however many DIEs share it: the same array is returned to each.
     */
    long[] codeStarts(Die d) {
        int i = d.index(Attr.LOW_PC);
        if (i >= 0) return new long[]{address(d, i)};
        i = d.index(Attr.RANGES);
        if (i < 0) return new long[0];
        Unit u = d.unit;
        long v = d.values[i];
        long off = u.version >= 5 && d.form(i) == Form.RNGLISTX
                ? u.rnglistsBase + u.sections.rnglists().unsigned(u.rnglistsBase + v * u.offsetSize, u.offsetSize)
                : v;
        // A list's addresses depend on the unit's base address and address table too.
        var key = new RangeListKey(u.version >= 5 ? u.sections : u.addrSections, off + (u.version >= 5 ? 0 : u.rangesBase), u.baseAddress, u.addrBase, u.addressSize);
        long[] cached = rangeLists.get(key);
        if (cached != null) return cached;
        var starts = new java.util.ArrayList<Long>(2);
        if (u.version >= 5) RangeLists.rnglist(this, u, off, starts::add);
        else RangeLists.ranges(u.addrSections.ranges(), u, off + u.rangesBase, starts::add);
        long[] out = new long[starts.size()];
        for (int k = 0; k < out.length; k++) out[k] = starts.get(k);
        rangeLists.put(key, out);
        return out;
    }

    private record RangeListKey(DwarfSections file, long offset, long base, long addrBase, int addressSize) {
        // Spelled out rather than generated, as the type records' are (see dev.dwarfbind.types).
        @Override
        public boolean equals(Object other) {
            return other instanceof RangeListKey k && file == k.file && offset == k.offset && base == k.base
                    && addrBase == k.addrBase && addressSize == k.addressSize;
        }

        @Override
        public int hashCode() {
            int h = System.identityHashCode(file);
            h = 31 * h + Long.hashCode(offset);
            h = 31 * h + Long.hashCode(base);
            h = 31 * h + Long.hashCode(addrBase);
            return 31 * h + addressSize;
        }
    }

    private final Map<RangeListKey, long[]> rangeLists = new HashMap<>();

    /** The address a {@code DW_AT_location} expression of the simple form {@code DW_OP_addr x} names, or -1. */
    long staticAddress(Die d) {
        int i = d.index(Attr.LOCATION);
        if (i < 0) return -1;
        int form = d.form(i);
        if (form != Form.EXPRLOC && form != Form.BLOCK && form != Form.BLOCK1 && form != Form.BLOCK2 && form != Form.BLOCK4) {
            return -1;
        }
        if (d.lengths[i] == 0) return -1;
        Cursor c = d.unit.section.cursor(d.values[i]);
        int op = c.u8();
        if (op == 0x03) return c.unsigned(d.unit.addressSize); // DW_OP_addr
        if (op == 0xa1 || op == 0xfb) return addrIndex(d.unit, c.uleb()); // DW_OP_addrx, DW_OP_GNU_addr_index
        return -1;
    }

    /** An error about {@code d}. */
    BinaryFormatException error(Die d, String problem) {
        return d.unit.section.error(d.offset, problem + " (" + d + ")");
    }
}
