package dev.dwarfbind.oracle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Functions and record layouts as {@code llvm-dwarfdump-19 --debug-info} prints them: LLVM's own
 * DWARF parser, which shares no code with dwarfbind's.
 *
 * <p>The text is parsed into a DIE tree (offsets, tags, attributes as printed). On top of that:
 * <ul>
 *   <li>{@link Subprogram}s: every named {@code DW_TAG_subprogram}, its attributes merged along
 *       {@code DW_AT_abstract_origin} / {@code DW_AT_specification} as DWARF 5 §3.3.8 says (a
 *       concrete out-of-line instance at -O2 carries only an origin and addresses), with return
 *       and parameter types in llvm-dwarfdump's spelling of the referenced type ({@code
 *       DW_AT_type (0x0000004f "const char *")}; see {@link TypeNames} for those rules).</li>
 *   <li>{@link RecordLayout}s: every named, defined struct and union with {@code DW_AT_byte_size}
 *       and its members' bit offsets, converted to LSB-first offsets from the start of the record
 *       (see {@link #bitOffset}).</li>
 * </ul>
 */
public final class DwarfdumpOracle {
    /** One DIE as printed: its section offset, tag, attributes (raw text inside the parentheses) and children. */
    static final class Die {
        final long offset;
        final String tag;
        final Die parent;
        final Map<String, String> attrs = new LinkedHashMap<>();
        final List<Die> children = new ArrayList<>();

        Die(long offset, String tag, Die parent) {
            this.offset = offset;
            this.tag = tag;
            this.parent = parent;
        }

        /** The tag without its {@code DW_TAG_} prefix, e.g. {@code subprogram}. */
        public String tag() {
            return tag;
        }

        /** The raw value of an attribute ({@code DW_AT_name}), or {@code null}. */
        public String attr(String name) {
            return attrs.get(name);
        }

        boolean has(String name) {
            return attrs.containsKey(name);
        }

        /** A flag: {@code (true)} for DW_FORM_flag_present and DWARF 4+, {@code (0x01)} for DWARF 2/3's DW_FORM_flag. */
        boolean flag(String name) {
            String v = attrs.get(name);
            if (v == null) return false;
            if (v.equals("true")) return true;
            return v.matches("0x[0-9a-f]+") && Long.parseUnsignedLong(v.substring(2), 16) != 0;
        }

        /** A string attribute without its quotes, or {@code null}. */
        String string(String name) {
            String v = attrs.get(name);
            if (v == null) return null;
            return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
        }

        /** The offset a reference attribute points to, or -1. */
        long ref(String name) {
            String v = attrs.get(name);
            if (v == null) return -1;
            Matcher m = REF.matcher(v);
            return m.lookingAt() ? Long.parseUnsignedLong(m.group(1), 16) : -1;
        }

        /**
         * The type name llvm-dwarfdump prints in quotes after a reference, or {@code null}.
         *
         * <p>llvm-dwarfdump prefixes {@code ::} to the name of a struct, union or enum whose DIE
         * is a child of a {@code DW_TAG_partial_unit} (dwz output): its scope printer stops at
         * compile and type units only, and prints the nameless partial unit as an empty scope
         * ({@code "::__va_list_tag *"}). C has no scopes, so that prefix is removed here.
         */
        String refName(String name) {
            String v = attrs.get(name);
            if (v == null) return null;
            int a = v.indexOf('"');
            int b = v.lastIndexOf('"');
            return a >= 0 && b > a ? EMPTY_SCOPE.matcher(v.substring(a + 1, b)).replaceAll("$1") : null;
        }

        /** A constant attribute ({@code 0x0c}, {@code 12} or {@code DW_OP_plus_uconst 0xc}), or {@code fallback}. */
        long constant(String name, long fallback) {
            String v = attrs.get(name);
            if (v == null) return fallback;
            Matcher m = NUMBER.matcher(v);
            long value = fallback;
            while (m.find()) value = m.group(1) != null ? Long.parseUnsignedLong(m.group(1), 16) : Long.parseLong(m.group(2));
            return value;
        }

        @Override
        public String toString() {
            return String.format("0x%08x DW_TAG_%s %s", offset, tag, attrs.getOrDefault("DW_AT_name", ""));
        }
    }

    /**
     * One parameter.
     *
     * @param name the name, or {@code null} if the DIE has none
     * @param type llvm-dwarfdump's spelling of its type
     */
    public record Param(String name, String type) {
    }

    /**
     * A subprogram with its attributes merged along its origin chain.
     *
     * @param offset                 offset of the DIE it was read from
     * @param name                   {@code DW_AT_name}
     * @param linkageName            {@code DW_AT_linkage_name}, or {@code null}
     * @param address                {@code DW_AT_low_pc} of this DIE, or -1 (declaration, abstract instance)
     * @param external               {@code DW_AT_external}
     * @param declaration            whether this DIE is a non-defining declaration
     * @param returnType             spelling of {@code DW_AT_type}, {@code "void"} without one
     * @param params                 the {@code DW_TAG_formal_parameter}s
     * @param unspecifiedParameters  whether a {@code DW_TAG_unspecified_parameters} child ends the list
     * @param prototyped             {@code DW_AT_prototyped}
     * @param noreturn               {@code DW_AT_noreturn}
     * @param callingConvention      the {@code DW_AT_calling_convention} constant's name, e.g.
     *                               {@code DW_CC_LLVM_Win64}, or {@code null}
     */
    public record Subprogram(long offset, String name, String linkageName, long address, boolean external,
                             boolean declaration, String returnType, List<Param> params, boolean unspecifiedParameters,
                             boolean prototyped, boolean noreturn, String callingConvention) {
        /** The C signature as text, for messages. */
        public String describe() {
            var sb = new StringBuilder();
            if (noreturn) sb.append("_Noreturn ");
            sb.append(returnType).append(' ').append(name).append('(');
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(params.get(i).type()).append(' ').append(params.get(i).name());
            }
            if (unspecifiedParameters) sb.append(params.isEmpty() ? "..." : ", ...");
            sb.append(')');
            if (!prototyped) sb.append(" [unprototyped]");
            if (callingConvention != null) sb.append(" [").append(callingConvention).append(']');
            return sb.append(String.format(" @0x%x", offset)).toString();
        }
    }

    /**
     * One member of a record.
     *
     * @param name      the name, or {@code null} (anonymous struct/union member, unnamed bitfield)
     * @param bitOffset LSB-first bit offset from the start of the record
     * @param bitSize   {@code DW_AT_bit_size}, or 0
     * @param type      llvm-dwarfdump's spelling of its type
     */
    public record MemberLayout(String name, long bitOffset, int bitSize, String type) {
    }

    /**
     * A named struct or union definition.
     *
     * @param keyword {@code "struct"} or {@code "union"}
     * @param tag     its tag
     * @param size    {@code DW_AT_byte_size}
     * @param members its {@code DW_TAG_member}s in order
     * @param offset  offset of its DIE
     */
    public record RecordLayout(String keyword, String tag, long size, List<MemberLayout> members, long offset) {
        /** {@code "struct tag"} or {@code "union tag"}. */
        public String name() {
            return keyword + " " + tag;
        }
    }

    private static final Pattern TAG_LINE = Pattern.compile("^0x([0-9a-f]+):( +)(DW_TAG_\\w+|NULL)\\s*$");
    private static final Pattern ATTR_LINE = Pattern.compile("^\\s+(DW_AT_\\w+)\\s+\\((.*)$");
    private static final Pattern REF = Pattern.compile("0x([0-9a-f]+)");
    /** A number as llvm-dwarfdump prints constants: hex, or decimal for DW_FORM_sdata/implicit_const (maybe negative). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w-])(?:0x([0-9a-f]+)|(-?\\d+))\\b");
    /** An empty {@code ::} scope before an identifier, see {@link Die#refName}. */
    private static final Pattern EMPTY_SCOPE = Pattern.compile("(^|[^\\w:])::(?=[A-Za-z_])");

    /** The DIE tree, only while the constructor derives the results from it (it is large). */
    private Map<Long, Die> dies;
    private final List<Subprogram> subprograms;
    private final List<RecordLayout> records;
    private final boolean partialUnits;
    private final Map<String, List<Subprogram>> byName = new HashMap<>();

    private DwarfdumpOracle(Map<Long, Die> dies, List<Die> roots) {
        this.dies = dies;
        var subs = new ArrayList<Subprogram>();
        var recs = new ArrayList<RecordLayout>();
        boolean partial = false;
        for (Die root : roots) partial |= root.tag.equals("partial_unit");
        this.partialUnits = partial;
        for (Die d : dies.values()) {
            switch (d.tag) {
                case "subprogram" -> {
                    Subprogram s = subprogram(d);
                    if (s != null) subs.add(s);
                }
                case "structure_type", "union_type" -> {
                    RecordLayout r = record(d);
                    if (r != null) recs.add(r);
                }
                default -> { }
            }
        }
        this.subprograms = List.copyOf(subs);
        this.records = List.copyOf(recs);
        this.dies = null;
        for (Subprogram s : subprograms) {
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            if (s.linkageName() != null && !s.linkageName().equals(s.name())) {
                byName.computeIfAbsent(s.linkageName(), k -> new ArrayList<>()).add(s);
            }
        }
    }

    /** Runs {@code llvm-dwarfdump-19 --debug-info} on {@code binary} and parses its output. */
    public static DwarfdumpOracle read(Path binary) {
        return parse(Tool.stdout("llvm-dwarfdump-19", "--debug-info", binary.toString()));
    }

    /** Parses the output of {@code llvm-dwarfdump --debug-info}. */
    static DwarfdumpOracle parse(String text) {
        var dies = new LinkedHashMap<Long, Die>();
        var roots = new ArrayList<Die>();
        var stack = new ArrayList<Die>();
        Die current = null;
        for (String line : text.split("\n")) {
            Matcher t = TAG_LINE.matcher(line);
            if (t.matches()) {
                int depth = (t.group(2).length() - 1) / 2;
                while (stack.size() > depth) stack.removeLast();
                if (t.group(3).equals("NULL")) {
                    current = null;
                    continue;
                }
                Die parent = stack.isEmpty() ? null : stack.getLast();
                Die d = new Die(Long.parseUnsignedLong(t.group(1), 16), t.group(3).substring("DW_TAG_".length()), parent);
                if (parent == null) roots.add(d);
                else parent.children.add(d);
                dies.put(d.offset, d);
                stack.add(d);
                current = d;
                continue;
            }
            Matcher a = ATTR_LINE.matcher(line);
            if (a.matches() && current != null) {
                String v = a.group(2).strip();
                if (v.endsWith(")")) v = v.substring(0, v.length() - 1);
                current.attrs.put(a.group(1), v);
            }
            // Anything else continues a multi-line value (location lists, ranges): not needed.
        }
        return new DwarfdumpOracle(dies, roots);
    }

    /** Every named subprogram. */
    public List<Subprogram> subprograms() {
        return subprograms;
    }

    /** Subprograms whose {@code DW_AT_name} or {@code DW_AT_linkage_name} is {@code name}. */
    public List<Subprogram> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Every named struct and union definition. */
    public List<RecordLayout> records() {
        return records;
    }

    /** Whether the file has {@code DW_TAG_partial_unit}s (dwz output). */
    public boolean hasPartialUnits() {
        return partialUnits;
    }

    private Die follow(Die d, String attr) {
        long ref = d.ref(attr);
        return ref < 0 ? null : dies.get(ref);
    }

    /** The DIE and the DIEs it refers to for its attributes, nearest first. */
    private List<Die> originChain(Die d) {
        var chain = new ArrayList<Die>();
        for (Die cur = d; cur != null && chain.size() < 8 && !chain.contains(cur); ) {
            chain.add(cur);
            Die next = follow(cur, "DW_AT_abstract_origin");
            if (next == null) next = follow(cur, "DW_AT_specification");
            cur = next;
        }
        return chain;
    }

    private Subprogram subprogram(Die d) {
        List<Die> chain = originChain(d);
        String name = null;
        String linkage = null;
        String returnType = null;
        String cc = null;
        boolean external = false;
        boolean prototyped = false;
        boolean noreturn = false;
        for (Die c : chain) {
            if (name == null) name = c.string("DW_AT_name");
            if (linkage == null) linkage = c.string("DW_AT_linkage_name");
            if (returnType == null && c.has("DW_AT_type")) returnType = c.refName("DW_AT_type");
            if (cc == null) cc = c.attr("DW_AT_calling_convention");
            external |= c.flag("DW_AT_external");
            prototyped |= c.flag("DW_AT_prototyped");
            noreturn |= c.flag("DW_AT_noreturn");
        }
        if (name == null) return null;
        // The parameters: from the most abstract DIE that lists any, preferring a definition or
        // abstract instance over a mere declaration, whose parameters may be unnamed.
        Die withParams = null;
        Die declarationParams = null;
        for (Die c : chain) {
            if (!hasParams(c)) continue;
            if (c.flag("DW_AT_declaration")) declarationParams = c;
            else withParams = c;
        }
        if (withParams == null) withParams = declarationParams;
        var params = new ArrayList<Param>();
        boolean unspecified = false;
        if (withParams != null) {
            for (Die p : withParams.children) {
                if (p.tag.equals("formal_parameter")) {
                    String pname = null;
                    String ptype = null;
                    for (Die c : originChain(p)) {
                        if (pname == null) pname = c.string("DW_AT_name");
                        if (ptype == null) ptype = c.refName("DW_AT_type");
                    }
                    params.add(new Param(pname, ptype));
                } else if (p.tag.equals("unspecified_parameters")) {
                    unspecified = true;
                }
            }
        }
        long address = d.has("DW_AT_low_pc") ? d.constant("DW_AT_low_pc", -1) : -1;
        return new Subprogram(d.offset, name, linkage, address, external, d.flag("DW_AT_declaration"),
                returnType == null ? "void" : returnType, Collections.unmodifiableList(params), unspecified, prototyped,
                noreturn, cc);
    }

    private static boolean hasParams(Die d) {
        for (Die c : d.children) {
            if (c.tag.equals("formal_parameter") || c.tag.equals("unspecified_parameters")) return true;
        }
        return false;
    }

    private RecordLayout record(Die d) {
        String tag = d.string("DW_AT_name");
        if (tag == null || d.flag("DW_AT_declaration") || !d.has("DW_AT_byte_size")) return null;
        var members = new ArrayList<MemberLayout>();
        for (Die m : d.children) {
            if (!m.tag.equals("member")) continue;
            members.add(new MemberLayout(m.string("DW_AT_name"), bitOffset(m), (int) m.constant("DW_AT_bit_size", 0),
                    m.refName("DW_AT_type")));
        }
        return new RecordLayout(d.tag.equals("union_type") ? "union" : "struct", tag, d.constant("DW_AT_byte_size", -1),
                List.copyOf(members), d.offset);
    }

    /**
     * A member's LSB-first bit offset from the start of its record (little-endian targets).
     * DWARF 4/5 give it directly as {@code DW_AT_data_bit_offset}. DWARF 2/3 give the byte offset
     * of the storage unit ({@code DW_AT_data_member_location}), its size ({@code DW_AT_byte_size})
     * and {@code DW_AT_bit_offset}, the number of bits between the unit's most significant bit and
     * the field's: the field's least significant bit is then {@code 8 * size - bit_offset -
     * bit_size} bits above the unit's first bit.
     */
    private long bitOffset(Die m) {
        if (m.has("DW_AT_data_bit_offset")) return m.constant("DW_AT_data_bit_offset", 0);
        long base = m.constant("DW_AT_data_member_location", 0) * 8;
        if (m.has("DW_AT_bit_offset")) {
            long unitBytes = m.constant("DW_AT_byte_size", -1);
            if (unitBytes < 0) throw new IllegalStateException("member " + m + " has DW_AT_bit_offset but no DW_AT_byte_size");
            return base + unitBytes * 8 - m.constant("DW_AT_bit_offset", 0) - m.constant("DW_AT_bit_size", 0);
        }
        return base;
    }
}
