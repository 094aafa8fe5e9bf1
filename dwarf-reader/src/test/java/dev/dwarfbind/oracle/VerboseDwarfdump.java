package dev.dwarfbind.oracle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Struct and union layouts of a dwz-compressed debug file as {@code llvm-dwarfdump-19 -v} prints
 * them. llvm-dwarfdump does not follow {@code .gnu_debugaltlink}: it prints a
 * {@code DW_FORM_GNU_strp_alt} name as its raw offset ("alt indirect string, offset: 0x4374"),
 * which this oracle looks up in the supplementary file's {@code .debug_str} as
 * {@code llvm-dwarfdump-19 --debug-str} prints it. Pahole cannot read dwz files at all.
 *
 * <p>Only what is needed for a layout: each defined, named struct or union with
 * {@code DW_AT_byte_size}, and its direct members' names and offsets (bytes, or bits for a
 * bitfield's {@code DW_AT_data_bit_offset}).
 */
public final class VerboseDwarfdump {
    /** One member: its name ({@code ""} when anonymous) and its offset in bits from the record's start. */
    public record Member(String name, long bitOffset) {
    }

    /** A record definition: "struct" or "union", its tag, its size and its members in order. */
    public record Record(String kind, String tag, long byteSize, List<Member> members) {
    }

    private static final Pattern DIE = Pattern.compile("^0x([0-9a-f]+):( +)(DW_TAG_\\w+|NULL)");
    private static final Pattern ATTR = Pattern.compile("^\\s+DW_AT_(\\w+) \\[DW_FORM_(\\w+)\\]\\s+\\((.*)\\)\\s*$");
    private static final Pattern ALT_STRING = Pattern.compile("alt indirect string, offset: 0x([0-9a-f]+)");
    private static final Pattern STR_ENTRY = Pattern.compile("^0x([0-9a-f]+): \"(.*)\"$");

    private VerboseDwarfdump() {
    }

    /** Every named record defined in {@code file}, names of the alternate form resolved in {@code supplementary}. */
    public static List<Record> records(Path file, Path supplementary) throws Exception {
        // Strings are tail-merged: an offset may point into the middle of a printed entry.
        TreeMap<Long, String> altStrings = new TreeMap<>();
        for (String line : Tool.stdout("llvm-dwarfdump-19", "--debug-str", supplementary.toString()).lines().toList()) {
            Matcher m = STR_ENTRY.matcher(line);
            if (m.matches()) altStrings.put(Long.parseLong(m.group(1), 16), m.group(2));
        }
        assertTrue(altStrings.size() > 10, "llvm-dwarfdump-19 --debug-str printed no strings of " + supplementary);
        var out = new ArrayList<Record>();
        // The DIE being read, the record it belongs to, and the record's depth.
        String kind = null;
        String tag = null;
        long size = -1;
        int recordDepth = -1;
        boolean inMember = false;
        String memberName = "";
        long memberBits = -1;
        List<Member> members = new ArrayList<>();
        List<String> lines = new ArrayList<>(Tool.stdout("llvm-dwarfdump-19", "-v", "--debug-info", file.toString()).lines().toList());
        lines.add("0x0:  NULL");
        for (String line : lines) {
            Matcher d = DIE.matcher(line);
            if (d.find()) {
                int depth = d.group(2).length();
                if (inMember) {
                    members.add(new Member(memberName, memberBits));
                    inMember = false;
                }
                if (recordDepth >= 0 && depth <= recordDepth) {
                    if (tag != null && size >= 0) out.add(new Record(kind, tag, size, List.copyOf(members)));
                    recordDepth = -1;
                }
                String t = d.group(3);
                if (t.equals("DW_TAG_structure_type") || t.equals("DW_TAG_union_type")) {
                    kind = t.equals("DW_TAG_union_type") ? "union" : "struct";
                    tag = null;
                    size = -1;
                    recordDepth = depth;
                    members = new ArrayList<>();
                } else if (t.equals("DW_TAG_member") && recordDepth >= 0 && depth > recordDepth && depth <= recordDepth + 2) {
                    inMember = true;
                    memberName = "";
                    memberBits = 0;
                }
                continue;
            }
            Matcher a = ATTR.matcher(line);
            if (!a.matches() || recordDepth < 0) continue;
            String attr = a.group(1), value = a.group(3);
            if (attr.equals("name")) {
                Matcher alt = ALT_STRING.matcher(value);
                String name = alt.find() ? altString(altStrings, Long.parseLong(alt.group(1), 16)) : unquote(value);
                if (inMember) memberName = name;
                else tag = name;
            } else if (attr.equals("byte_size") && !inMember) {
                size = number(value);
            } else if (attr.equals("declaration") && !inMember) {
                size = -1;
                recordDepth = -1;
            } else if (attr.equals("data_member_location") && inMember) {
                memberBits = number(value) * 8;
            } else if (attr.equals("data_bit_offset") && inMember) {
                memberBits = number(value);
            }
        }
        return out;
    }

    private static String altString(TreeMap<Long, String> strings, long offset) {
        var e = strings.floorEntry(offset);
        if (e == null || offset - e.getKey() > e.getValue().length()) throw new IllegalStateException("no alt string at 0x" + Long.toHexString(offset));
        return e.getValue().substring((int) (offset - e.getKey()));
    }

    /** {@code "tt"} or {@code  .debug_str[0x266] = "_IO_FILE"}: the quoted string. */
    private static String unquote(String v) {
        int open = v.indexOf('"');
        return open >= 0 && v.endsWith("\"") && v.length() - open >= 2 ? v.substring(open + 1, v.length() - 1) : v;
    }

    private static long number(String v) {
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
    }
}
