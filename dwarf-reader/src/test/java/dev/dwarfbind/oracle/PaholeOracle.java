package dev.dwarfbind.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Struct and union layouts as pahole (dwarves 1.24) reads them from a binary's DWARF: an
 * independent implementation of member offsets, bitfield positions and record sizes.
 *
 * <p>Two runs are parsed: {@code pahole -F dwarf FILE} for the members and {@code pahole -F dwarf
 * -s FILE} for the sizes, because pahole prints no size summary for a union. Both list the same
 * records in the same order, which {@link #read} checks.
 *
 * <h2>pahole's bitfield convention</h2>
 * A bitfield line ends in {@code /* BYTE:BIT SIZE *&#47;}, e.g. {@code int plain:7; /* 0: 9 4 *&#47;}.
 * SIZE is the size of the member's declared (storage) type, BYTE the offset of the storage unit
 * of that type holding the field (rounded down to a multiple of SIZE, except in packed records),
 * and BIT the position of the field's least significant bit counted from the least significant bit
 * of that unit, which may exceed 7 ({@code long long z:7; /* 8:25 8 *&#47;}). On little-endian
 * targets the DWARF 4/5 {@code DW_AT_data_bit_offset} of the field, i.e. its LSB-first bit offset
 * from the start of the record, is therefore {@code 8 * BYTE + BIT}: see {@link Member#bitOffset}.
 * pahole converts DWARF 2/3 {@code DW_AT_bit_offset} (counted from the MSB) into the same
 * convention, so the formula holds for every DWARF version. {@link PaholeConventionTest} checks it
 * against bit positions a compiled C program observes at run time.
 *
 * <h2>Known limits of pahole 1.24, handled here or by the callers</h2>
 * <ul>
 *   <li>It does not know {@code DW_TAG_atomic_type} (0x47): a member of {@code _Atomic} type is
 *       printed as {@code <ERROR(...): 0 not found!>} without name or offset. Those lines are
 *       counted in {@link Layout#lostMembers}; the callers check such members against
 *       llvm-dwarfdump instead.</li>
 *   <li>It cannot read zstd-compressed debug sections ("has no dwarf type information", exit 1).
 *       {@link #read} then runs it on a copy decompressed by {@code llvm-objcopy-19
 *       --decompress-debug-sections}.</li>
 *   <li>It prints nothing at all for a file whose types dwz moved into partial units
 *       ({@code DW_TAG_partial_unit} imported by {@code DW_TAG_imported_unit}). The callers use
 *       llvm-dwarfdump's layouts for such files.</li>
 *   <li>For clang's DWARF, which nests the DIEs of anonymous member records inside the record,
 *       it prints each such record twice: once as the member (closing with an offset comment),
 *       then again as a bare definition ({@code struct { ... };} without one), which is not a
 *       member and is skipped.</li>
 *   <li>It prints each distinct layout of a tag once: identical copies from several compilation
 *       units are merged, different ones (same tag, two layouts) are both printed.</li>
 *   <li>It omits anonymous top-level records (no {@code -a}) and records defined inside
 *       functions (no {@code --show_private_classes}); only named records are compared.</li>
 * </ul>
 */
public final class PaholeOracle {
    /**
     * One direct member of a record as pahole prints it.
     *
     * @param name        the member name, or {@code null} for an anonymous struct/union member or
     *                    an unnamed bitfield
     * @param byteOffset  BYTE: the member's offset, or for a bitfield the offset of its storage unit
     * @param bitPosition BIT: for a bitfield the position of its LSB within the storage unit, else 0
     * @param bitWidth    the bitfield's width, or 0 for an ordinary member
     * @param size        SIZE: the size of the member's type (of its storage type for a bitfield;
     *                    0 for a flexible array)
     */
    public record Member(String name, long byteOffset, int bitPosition, int bitWidth, long size) {
        /** The member's offset in bits from the start of the record, LSB-first (little-endian). */
        public long bitOffset() {
            return byteOffset * 8 + bitPosition;
        }

        /** Whether pahole printed this member as a bitfield. */
        public boolean isBitfield() {
            return bitWidth > 0;
        }
    }

    /**
     * One named struct or union.
     *
     * @param keyword     {@code "struct"} or {@code "union"}
     * @param tag         the tag
     * @param size        size in bytes, from {@code pahole -s}
     * @param members     direct members in declaration order, without those pahole lost
     * @param lostMembers direct members pahole printed only as an {@code <ERROR...>} line (members
     *                    of {@code _Atomic} type, see the class comment)
     */
    public record Layout(String keyword, String tag, long size, List<Member> members, int lostMembers) {
        /** {@code "struct tag"} or {@code "union tag"}. */
        public String name() {
            return keyword + " " + tag;
        }
    }

    /**
     * What pahole says about one file.
     *
     * @param layouts the named records, in pahole's order
     * @param note    how the file had to be prepared for pahole, or {@code null}
     */
    public record Report(List<Layout> layouts, String note) {
    }

    private static final Pattern HEADER = Pattern.compile("^(struct|union) (\\S+) \\{$");
    /** A member line: declaration, then {@code /* OFFSET SIZE *&#47;} or {@code /* BYTE:BIT SIZE *&#47;}. */
    private static final Pattern MEMBER = Pattern.compile(
            "^\\t+(?<decl>[^\\t].*?);\\s*/\\*\\s*(?<off>\\d+)(?::\\s*(?<bit>\\d+))?\\s+(?<size>\\d+)\\s*\\*/\\s*$");
    /** The closing line of a nested anonymous record: {@code } name; /* OFFSET SIZE *&#47;}. */
    private static final Pattern NESTED_CLOSE = Pattern.compile(
            "^\\t+\\}(?<decl>.*?);\\s*/\\*\\s*(?<off>\\d+)\\s+(?<size>\\d+)\\s*\\*/\\s*$");
    private static final Pattern SIZE_LINE = Pattern.compile("^(\\S+)\\t(\\d+)\\t(\\d+)$");
    private static final Pattern FUNCTION_POINTER_NAME = Pattern.compile("\\(\\*+\\s*(?:(?:const|volatile)\\s+)*(\\w+)\\)");

    private PaholeOracle() {
    }

    /** Runs pahole on {@code binary} and parses what it prints. */
    public static Report read(Path binary) {
        String note = null;
        Path input = binary;
        Path tmp = null;
        try {
            Tool.Result full = Tool.run(List.of("pahole", "-F", "dwarf", input.toString()));
            if (!full.ok() && hasCompressedDebugInfo(binary)) {
                // pahole 1.24 (libdw) cannot inflate zstd sections: give it a decompressed copy.
                tmp = Files.createTempFile("dwarfbind-pahole", ".so");
                Tool.stdout("llvm-objcopy-19", "--decompress-debug-sections", binary.toString(), tmp.toString());
                input = tmp;
                note = "pahole read a copy decompressed by llvm-objcopy-19 (it cannot read compressed sections)";
                full = Tool.run(List.of("pahole", "-F", "dwarf", input.toString()));
            }
            if (!full.ok()) throw new IllegalStateException(full.describe());
            String sizes = Tool.stdout("pahole", "-F", "dwarf", "-s", input.toString());
            return new Report(parse(full.stdout(), sizes), note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // A leftover temporary file is harmless.
                }
            }
        }
    }

    private static boolean hasCompressedDebugInfo(Path binary) {
        for (String line : Tool.stdout("llvm-readelf-19", "-S", "-W", binary.toString()).split("\n")) {
            // The flags column of a compressed section contains C (SHF_COMPRESSED).
            if (line.contains(".debug_info") && line.matches(".*\\s[A-Z]*C[A-Z]*\\s+\\d+\\s+\\d+\\s+\\d+\\s*$")) return true;
        }
        return false;
    }

    /**
     * Parses the output of {@code pahole -F dwarf} ({@code text}) and of {@code pahole -F dwarf -s}
     * ({@code sizes}) for the same file.
     */
    static List<Layout> parse(String text, String sizes) {
        var sizeRows = new ArrayList<String[]>();
        for (String line : sizes.split("\n")) {
            Matcher m = SIZE_LINE.matcher(line);
            if (m.matches()) sizeRows.add(new String[] {m.group(1), m.group(2)});
        }
        var out = new ArrayList<Layout>();
        String keyword = null;
        String tag = null;
        List<Member> members = null;
        int lost = 0;
        int depth = 0;
        int expectedMembers = -1;
        for (String line : text.split("\n")) {
            if (keyword == null) {
                Matcher h = HEADER.matcher(line);
                if (h.matches()) {
                    keyword = h.group(1);
                    tag = h.group(2);
                    members = new ArrayList<>();
                    lost = 0;
                    depth = 1;
                    expectedMembers = -1;
                }
                continue;
            }
            String body = line.strip();
            if (depth == 1 && body.startsWith("}") && !line.startsWith("\t")) {
                // The end of the record: "};" or "} __attribute__((__packed__));".
                int index = out.size();
                if (index >= sizeRows.size() || !sizeRows.get(index)[0].equals(tag)) {
                    throw new IllegalStateException("pahole -s lists " + (index < sizeRows.size() ? sizeRows.get(index)[0] : "nothing")
                            + " as record #" + index + " where the full output has " + keyword + " " + tag);
                }
                if (expectedMembers >= 0 && expectedMembers != members.size() + lost) {
                    throw new IllegalStateException("parsed " + members.size() + " members (+" + lost + " lost) of " + keyword + " "
                            + tag + " but pahole's summary says " + expectedMembers);
                }
                out.add(new Layout(keyword, tag, Long.parseLong(sizeRows.get(index)[1]), members, lost));
                keyword = null;
                continue;
            }
            if (body.startsWith("/*")) {
                Matcher s = Pattern.compile("^/\\* size: \\d+, cachelines: \\d+, members: (\\d+) \\*/$").matcher(body);
                if (depth == 1 && s.matches()) expectedMembers = Integer.parseInt(s.group(1));
                continue;
            }
            if (body.startsWith("<ERROR")) {
                if (depth == 1) lost++;
                continue;
            }
            if (body.endsWith("{")) {
                depth++;
                continue;
            }
            if (body.startsWith("}")) {
                depth--;
                Matcher c = NESTED_CLOSE.matcher(line);
                if (!c.matches()) {
                    // A block closed without an offset comment is not a member: pahole re-prints
                    // the anonymous record types clang emits as children of the record (after the
                    // members that use them) as bare definitions.
                    if (body.equals("};")) continue;
                    throw new IllegalStateException("unexpected pahole line in " + tag + ": " + line);
                }
                if (depth == 1) {
                    String decl = FixtureSources.stripAttributes(c.group("decl")).strip();
                    members.add(new Member(decl.isEmpty() ? null : lastIdentifier(decl), Long.parseLong(c.group("off")), 0, 0,
                            Long.parseLong(c.group("size"))));
                }
                continue;
            }
            Matcher m = MEMBER.matcher(line);
            // Lines without an offset comment are pahole's own annotations ("int :32;" padding,
            // ":0" forced alignment, inferred holes), not members of the DWARF.
            if (!m.matches() || depth != 1) continue;
            String decl = FixtureSources.stripAttributes(m.group("decl")).strip();
            int width = 0;
            String name;
            Matcher bits = Pattern.compile("(\\s?):\\s*(\\d+)$").matcher(decl);
            if (bits.find()) {
                width = Integer.parseInt(bits.group(2));
                // "u3:3" is a named bitfield; "unsigned int    :4" (space before the colon) an unnamed one.
                name = bits.group(1).isEmpty() ? lastIdentifier(decl.substring(0, bits.start())) : null;
            } else {
                name = memberName(decl);
            }
            int bit = m.group("bit") == null ? 0 : Integer.parseInt(m.group("bit"));
            if (width == 0 && m.group("bit") != null) {
                throw new IllegalStateException("pahole printed a bit position for a non-bitfield in " + tag + ": " + line);
            }
            members.add(new Member(name, Long.parseLong(m.group("off")), bit, width, Long.parseLong(m.group("size"))));
        }
        if (keyword != null) throw new IllegalStateException("pahole output ends inside " + keyword + " " + tag);
        if (out.size() != sizeRows.size()) {
            throw new IllegalStateException("pahole printed " + out.size() + " records but pahole -s lists " + sizeRows.size());
        }
        return List.copyOf(out);
    }

    /** The declared name in a member declaration such as {@code int (*log)(const char *, ...)} or {@code char names[2][3]}. */
    private static String memberName(String decl) {
        Matcher fp = FUNCTION_POINTER_NAME.matcher(decl);
        if (fp.find()) return fp.group(1);
        return lastIdentifier(decl.replaceAll("(\\[\\d*\\])+$", ""));
    }

    private static String lastIdentifier(String s) {
        Matcher m = Pattern.compile("(\\w+)\\s*$").matcher(s);
        if (!m.find()) throw new IllegalStateException("no member name in pahole declaration \"" + s + "\"");
        return m.group(1);
    }

}
