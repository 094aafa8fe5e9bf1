package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes macro units: {@code .debug_macro} (DWARF 5, and the GNU version 4 gcc writes with
 * {@code -g3} for DWARF 4; the two share their opcodes) and {@code .debug_macinfo} (DWARF 2–4).
 * A unit is decoded once into {@link Entry entries}, whatever number of compilation units import
 * it; strings are looked up in the right file's {@code .debug_str} (the supplementary file's for
 * {@code DW_MACRO_define_sup}) or through the unit's {@code .debug_str_offsets}.
 *
 * <p>Not thread-safe; used under the reader's lock.
 */
final class MacroEntries {
    static final int DEFINE = 1;
    static final int UNDEF = 2;
    static final int START_FILE = 3;
    static final int END_FILE = 4;
    /** An import of another macro unit; {@link Entry#number} is its offset, {@link Entry#file} its file. */
    static final int IMPORT = 7;

    // DW_MACRO_* (DWARF 5, 7.23) = DW_MACRO_GNU_* (GNU version 4).
    private static final int DW_MACRO_DEFINE_STRP = 0x05;
    private static final int DW_MACRO_UNDEF_STRP = 0x06;
    private static final int DW_MACRO_IMPORT = 0x07;
    private static final int DW_MACRO_DEFINE_SUP = 0x08;
    private static final int DW_MACRO_UNDEF_SUP = 0x09;
    private static final int DW_MACRO_IMPORT_SUP = 0x0a;
    private static final int DW_MACRO_DEFINE_STRX = 0x0b;
    private static final int DW_MACRO_UNDEF_STRX = 0x0c;
    private static final int DW_MACRO_LO_USER = 0xe0;
    private static final int DW_MACINFO_VENDOR_EXT = 0xff;
    /** At most this many entries in one macro unit: a bigger one is refused rather than read for ever. */
    private static final int MAX_ENTRIES = 10_000_000;

    /**
     * One decoded entry.
     *
     * @param kind   {@link #DEFINE}, {@link #UNDEF}, {@link #START_FILE}, {@link #END_FILE} or {@link #IMPORT}
     * @param text   the definition, or the name undefined
     * @param number the file number of a start_file, the offset of an import
     * @param file   the sections an import points into
     */
    record Entry(int kind, String text, long number, DwarfSections file) {
    }

    /**
     * A decoded {@code .debug_macro} unit.
     *
     * @param lineOffset the {@code .debug_line} offset its header names, or -1
     * @param entries    its entries, in order
     */
    record MacroUnit(long lineOffset, List<Entry> entries) {
    }

    private final Map<DwarfSections, Map<Long, MacroUnit>> decoded = new java.util.IdentityHashMap<>();

    /**
     * The {@code .debug_macro} unit at {@code offset} of {@code file}'s section, decoded on first
     * use; {@code u} is the compilation unit whose string offsets {@code DW_MACRO_define_strx}
     * uses (an imported unit's strx entries are read against the importer's table, the only one
     * there is).
     */
    MacroUnit macroUnit(DwarfSections file, long offset, Unit u) {
        Map<Long, MacroUnit> cache = decoded.computeIfAbsent(file, k -> new HashMap<>());
        MacroUnit m = cache.get(offset);
        if (m == null) {
            m = decodeMacro(file, offset, u);
            cache.put(offset, m);
        }
        return m;
    }

    private static MacroUnit decodeMacro(DwarfSections file, long offset, Unit u) {
        Bytes sec = file.macro();
        if (offset < 0 || offset >= sec.size()) {
            throw sec.error(offset, "macro unit offset 0x" + Long.toHexString(offset) + " lies outside " + sec.section()
                    + " (" + sec.size() + " bytes)");
        }
        Cursor c = sec.cursor(offset);
        int version = c.u16();
        if (version != 4 && version != 5) throw sec.unsupported(offset, "macro unit version " + version + " (4 and 5 are read)");
        int flags = c.u8();
        int offsetSize = (flags & 1) != 0 ? 8 : 4;
        long lineOffset = (flags & 2) != 0 ? c.offset(offsetSize) : -1;
        int[][] operands = new int[256][];
        if ((flags & 4) != 0) {
            int count = c.u8();
            for (int i = 0; i < count; i++) {
                int op = c.u8();
                int n = c.ulebInt();
                if (n > 255) throw c.error("macro opcode 0x" + Integer.toHexString(op) + " claims " + n + " operands");
                int[] forms = new int[n];
                for (int k = 0; k < n; k++) forms[k] = c.u8();
                operands[op] = forms;
            }
        }
        var out = new ArrayList<Entry>();
        while (true) {
            if (c.position() >= sec.size()) throw sec.error(offset, "macro unit is not terminated before the end of " + sec.section());
            if (out.size() > MAX_ENTRIES) throw sec.error(offset, "macro unit has more than " + MAX_ENTRIES + " entries");
            long at = c.position();
            int op = c.u8();
            switch (op) {
                case 0 -> {
                    return new MacroUnit(lineOffset, List.copyOf(out));
                }
                case DEFINE, UNDEF, START_FILE, END_FILE -> out.add(shared(op, c));
                case DW_MACRO_DEFINE_STRP, DW_MACRO_UNDEF_STRP -> {
                    c.uleb();
                    // gcc's split DWARF 4 (GNU version 4 in a .dwo) gives a string index here
                    // (its DW_FORM_GNU_str_index), there being no .debug_str offsets in a .dwo.
                    String text = version == 4 && file.isSplit() ? u.indexedString(c.uleb()) : string(file.str(), c.offset(offsetSize), c);
                    out.add(new Entry(op == DW_MACRO_DEFINE_STRP ? DEFINE : UNDEF, text, 0, null));
                }
                case DW_MACRO_DEFINE_SUP, DW_MACRO_UNDEF_SUP -> {
                    c.uleb();
                    DwarfSections sup = supplementary(file, sec, at);
                    out.add(new Entry(op == DW_MACRO_DEFINE_SUP ? DEFINE : UNDEF, string(sup.str(), c.offset(offsetSize), c), 0, null));
                }
                case DW_MACRO_DEFINE_STRX, DW_MACRO_UNDEF_STRX -> {
                    c.uleb();
                    String text = u.indexedString(c.uleb());
                    out.add(new Entry(op == DW_MACRO_DEFINE_STRX ? DEFINE : UNDEF, text, 0, null));
                }
                case DW_MACRO_IMPORT -> out.add(new Entry(IMPORT, null, c.offset(offsetSize), file));
                case DW_MACRO_IMPORT_SUP -> out.add(new Entry(IMPORT, null, c.offset(offsetSize), supplementary(file, sec, at)));
                default -> {
                    // Opcodes this reader does not know (vendor extensions) say how to skip them.
                    int[] forms = operands[op];
                    if (forms == null && op >= DW_MACRO_LO_USER) {
                        throw sec.unsupported(at, "vendor macro opcode 0x" + Integer.toHexString(op) + " with no operand description");
                    }
                    if (forms == null) throw sec.error(at, "unknown macro opcode 0x" + Integer.toHexString(op));
                    for (int form : forms) skip(c, form, offsetSize);
                }
            }
        }
    }

    /** The entries of the {@code .debug_macinfo} unit at {@code offset} of {@code file}. */
    MacroUnit macinfoUnit(DwarfSections file, long offset) {
        Bytes sec = file.macinfo();
        if (offset < 0 || offset >= sec.size()) {
            throw sec.error(offset, "macro info offset 0x" + Long.toHexString(offset) + " lies outside " + sec.section()
                    + " (" + sec.size() + " bytes)");
        }
        Cursor c = sec.cursor(offset);
        var out = new ArrayList<Entry>();
        while (true) {
            if (c.position() >= sec.size()) throw sec.error(offset, "macro info is not terminated before the end of " + sec.section());
            if (out.size() > MAX_ENTRIES) throw sec.error(offset, "macro info has more than " + MAX_ENTRIES + " entries");
            long at = c.position();
            int op = c.u8();
            switch (op) {
                case 0 -> {
                    return new MacroUnit(-1, List.copyOf(out));
                }
                case DEFINE, UNDEF, START_FILE, END_FILE -> out.add(shared(op, c));
                case DW_MACINFO_VENDOR_EXT -> {
                    c.uleb();
                    c.skipCString();
                }
                default -> throw sec.error(at, "unknown macro info type 0x" + Integer.toHexString(op));
            }
        }
    }

    /**
     * An entry both formats spell alike ({@code DW_MACRO_define} = {@code DW_MACINFO_define} and
     * so on): a line number, then the definition or the file number; {@code end_file} has nothing.
     */
    private static Entry shared(int op, Cursor c) {
        if (op == END_FILE) return new Entry(END_FILE, null, 0, null);
        c.uleb(); // the line
        return switch (op) {
            case DEFINE, UNDEF -> new Entry(op, c.cString(), 0, null);
            default -> new Entry(START_FILE, null, c.uleb(), null);
        };
    }

    private static String string(Bytes str, long offset, Cursor c) {
        if (offset < 0 || offset >= str.size()) {
            throw c.error("string offset 0x" + Long.toHexString(offset) + " lies outside " + str.section() + " (" + str.size() + " bytes)");
        }
        return str.cString(offset);
    }

    private static DwarfSections supplementary(DwarfSections file, Bytes sec, long at) {
        DwarfSections sup = file.supplementary();
        if (sup == null) {
            throw sec.error(at, "macro entry refers to a supplementary file, but none is attached"
                    + " (read the library through DebugInfo, which finds it)");
        }
        return sup;
    }

    private static void skip(Cursor c, int form, int offsetSize) {
        switch (form) {
            case Form.DATA1, Form.FLAG, Form.STRX1 -> c.skip(1);
            case Form.DATA2, Form.STRX2 -> c.skip(2);
            case Form.STRX3 -> c.skip(3);
            case Form.DATA4, Form.STRX4 -> c.skip(4);
            case Form.DATA8 -> c.skip(8);
            case Form.DATA16 -> c.skip(16);
            case Form.SDATA -> c.sleb();
            case Form.UDATA, Form.STRX -> c.uleb();
            case Form.STRING -> c.skipCString();
            case Form.STRP, Form.LINE_STRP, Form.SEC_OFFSET, Form.STRP_SUP -> c.skip(offsetSize);
            case Form.BLOCK -> c.skip(c.uleb());
            case Form.BLOCK1 -> c.skip(c.u8());
            case Form.BLOCK2 -> c.skip(c.u16());
            case Form.BLOCK4 -> c.skip(c.u32());
            case Form.FLAG_PRESENT -> {
            }
            default -> throw c.error("form 0x" + Integer.toHexString(form) + " in a macro opcode's operands");
        }
    }
}
