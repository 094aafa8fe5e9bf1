package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

import java.util.ArrayList;
import java.util.List;

/**
 * The file table of one {@code .debug_line} header (DWARF 2–5): what {@code DW_MACRO_start_file}
 * numbers name. Only the header is read, never the line program.
 *
 * @param files      the path of each file, by its number (DWARF 5 numbers from 0, earlier
 *                   versions from 1: index 0 is then {@code null}), made absolute against its
 *                   directory and the unit's {@code DW_AT_comp_dir} where they are known
 */
record LineTableFiles(List<String> files) {
    private static final int LNCT_PATH = 1;
    private static final int LNCT_DIRECTORY_INDEX = 2;

    /** The path of file {@code n}, or {@code null} if the table has none of that number. */
    String file(long n) {
        return n >= 0 && n < files.size() ? files.get((int) n) : null;
    }

    /** Reads the header at {@code offset} of {@code .debug_line} for unit {@code u}, whose directory is {@code compDir}. */
    static LineTableFiles read(Unit u, long offset, String compDir) {
        Bytes line = u.sections.line();
        if (offset < 0 || offset >= line.size()) {
            throw line.error(offset, "line table offset 0x" + Long.toHexString(offset) + " lies outside " + line.section()
                    + " (" + line.size() + " bytes)");
        }
        Cursor c = line.cursor(offset);
        InitialLength len = InitialLength.read(c, line, offset);
        long end = c.position() + len.length();
        if (end > line.size() || end < c.position()) throw line.error(offset, "line table runs past the end of " + line.section());
        int version = c.u16();
        if (version < 2 || version > 5) throw line.unsupported(offset, "line table version " + version);
        int offsetSize = len.offsetSize();
        if (version >= 5) c.skip(2); // address_size, segment_selector_size
        long headerLength = c.offset(offsetSize);
        long programStart = c.position() + headerLength;
        if (programStart > end || programStart < c.position()) throw line.error(offset, "line table header is longer than its table");
        c.skip(version >= 4 ? 5 : 4); // minimum_instruction_length, [maximum_operations_per_instruction], default_is_stmt, line_base, line_range
        int opcodeBase = c.u8();
        c.skip(Math.max(0, opcodeBase - 1));
        var dirs = new ArrayList<String>();
        var files = new ArrayList<String>();
        if (version >= 5) {
            for (String[] entry : entries(u, c, programStart, offsetSize)) dirs.add(entry[0]);
            for (String[] entry : entries(u, c, programStart, offsetSize)) {
                String dir = entry[1] == null ? null : directory(dirs, Long.parseUnsignedLong(entry[1]), compDir);
                files.add(join(dir, entry[0]));
            }
        } else {
            dirs.add(compDir);
            while (true) {
                check(line, c, programStart);
                String d = c.cString();
                if (d.isEmpty()) break;
                dirs.add(join(compDir, d));
            }
            files.add(null);
            while (true) {
                check(line, c, programStart);
                String f = c.cString();
                if (f.isEmpty()) break;
                long dir = c.uleb();
                c.uleb(); // modification time
                c.uleb(); // length
                files.add(join(dir >= 0 && dir < dirs.size() ? dirs.get((int) dir) : null, f));
            }
        }
        return new LineTableFiles(java.util.Collections.unmodifiableList(files));
    }

    private static void check(Bytes line, Cursor c, long limit) {
        if (c.position() >= limit) throw line.error(c.position(), "line table header's file table is not terminated");
    }

    private static String directory(List<String> dirs, long i, String compDir) {
        if (i < 0 || i >= dirs.size()) return null;
        String d = dirs.get((int) i);
        return d == null ? compDir : join(compDir, d);
    }

    /**
     * DWARF 5 directory or file entries: each as {path, directory index or null}. Only
     * {@code DW_LNCT_path} and {@code DW_LNCT_directory_index} are kept; other contents
     * (timestamps, sizes, MD5) are skipped by their form.
     */
    private static List<String[]> entries(Unit u, Cursor c, long limit, int offsetSize) {
        Bytes line = c.bytes();
        int formatCount = c.u8();
        int[] content = new int[formatCount];
        int[] forms = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            content[i] = c.ulebInt();
            forms[i] = c.ulebInt();
        }
        long count = c.uleb();
        if (count < 0 || count > limit - c.position()) throw line.error(c.position(), "line table header claims " + count + " entries");
        var out = new ArrayList<String[]>((int) count);
        for (long k = 0; k < count; k++) {
            String[] entry = new String[2];
            for (int i = 0; i < formatCount; i++) {
                String v = value(u, c, forms[i], offsetSize);
                if (content[i] == LNCT_PATH) entry[0] = v;
                else if (content[i] == LNCT_DIRECTORY_INDEX) entry[1] = v;
            }
            check(line, c, limit + 1);
            out.add(entry);
        }
        return out;
    }

    /** A value of {@code form}: strings and numbers as text, blocks skipped ({@code null}). */
    private static String value(Unit u, Cursor c, int form, int offsetSize) {
        DwarfSections s = u.sections;
        Bytes line = c.bytes();
        return switch (form) {
            case Form.STRING -> c.cString();
            case Form.LINE_STRP -> s.lineStr().cString(c.offset(offsetSize));
            case Form.STRP -> s.str().cString(c.offset(offsetSize));
            case Form.STRX, Form.STRX1, Form.STRX2, Form.STRX3, Form.STRX4 -> {
                long index = switch (form) {
                    case Form.STRX1 -> c.u8();
                    case Form.STRX2 -> c.u16();
                    case Form.STRX3 -> {
                        long lo = c.u16();
                        long hi = c.u8();
                        yield line.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? lo | hi << 16 : lo << 8 | hi;
                    }
                    case Form.STRX4 -> c.u32();
                    default -> c.uleb();
                };
                yield u.indexedString(index);
            }
            case Form.UDATA -> Long.toUnsignedString(c.uleb());
            case Form.DATA1 -> Integer.toString(c.u8());
            case Form.DATA2 -> Integer.toString(c.u16());
            case Form.DATA4 -> Long.toString(c.u32());
            case Form.DATA8 -> Long.toUnsignedString(c.u64());
            case Form.DATA16 -> {
                c.skip(16);
                yield null;
            }
            case Form.BLOCK -> {
                c.skip(c.uleb());
                yield null;
            }
            default -> throw line.unsupported(c.position(), "form 0x" + Integer.toHexString(form) + " in a line table header");
        };
    }

    /** {@code name} under {@code dir} unless it is absolute or there is no directory. */
    static String join(String dir, String name) {
        if (name == null) return null;
        if (name.startsWith("/") || dir == null || dir.isEmpty()) return name;
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
