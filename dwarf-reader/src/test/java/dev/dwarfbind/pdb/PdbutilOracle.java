package dev.dwarfbind.pdb;

import dev.dwarfbind.oracle.Tool;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code llvm-pdbutil-19 dump -types -symbols} prints about a PDB, parsed into layouts: each
 * complete named struct and union with its size and flattened members (name, bit offset, bit
 * width), each enum's enumerators, each function's parameter names and count.
 */
final class PdbutilOracle {
    /** A complete struct or union as the oracle sees it: size and members, sorted. */
    record Layout(long size, List<String> members) {
    }

    private record Rec(String kind, String name, long fieldList, long size, boolean forward) {
    }

    private record Member(String name, long type, long offset) {
    }

    /** By "struct tag" / "union tag": every complete definition's layout (a tag may have several). */
    final Map<String, List<Layout>> records = new TreeMap<>();
    /** By "enum tag": enumerator name to value as printed (unsigned bits for negatives). */
    final Map<String, Map<String, BigInteger>> enums = new TreeMap<>();
    /** By function name: parameter names in order, and the argument count of its type. */
    final Map<String, List<String>> parameters = new TreeMap<>();
    final Map<String, Integer> argumentCounts = new TreeMap<>();

    private final Map<Long, Rec> recs = new HashMap<>();
    private final Map<Long, List<Member>> fieldLists = new HashMap<>();
    private final Map<Long, Map<String, BigInteger>> enumLists = new HashMap<>();
    private final Map<Long, long[]> bitfields = new HashMap<>();
    /** LF_PROCEDURE index to its "# args" and calling convention. */
    private final Map<Long, Integer> procedureArgs = new HashMap<>();
    /** By function name: the calling convention its type names ("cdecl", "stdcall", ...). */
    final Map<String, String> conventions = new TreeMap<>();
    private final Map<Long, String> procedureConventions = new HashMap<>();

    PdbutilOracle(Path pdb) {
        var r = Tool.run(List.of("llvm-pdbutil-19", "dump", "-types", pdb.toString()));
        assertTrue(r.ok(), r.describe());
        parseTypes(r.stdout());
        var s = Tool.run(List.of("llvm-pdbutil-19", "dump", "-symbols", pdb.toString()));
        assertTrue(s.ok(), s.describe());
        parseSymbols(s.stdout());
    }

    private static final Pattern HEADER = Pattern.compile("^\\s+0x(\\p{XDigit}+) \\| (LF_\\w+) \\[size = \\d+\\](?: `(.*)`)?$");
    private static final Pattern MEMBER = Pattern.compile("- LF_MEMBER \\[name = `(.*)`, Type = (?:0x(\\p{XDigit}+)|<no type>).*, offset = (\\d+), attrs");
    private static final Pattern ENUMERATE = Pattern.compile("- LF_ENUMERATE \\[(\\w+) = (\\d+)\\]");
    private static final Pattern FIELD_LIST = Pattern.compile("field list: (?:0x(\\p{XDigit}+)|<no type>)");
    private static final Pattern SIZEOF = Pattern.compile("sizeof (\\d+)");
    private static final Pattern BITFIELD = Pattern.compile("bit offset = (\\d+), # bits = (\\d+)");
    private static final Pattern ARGS = Pattern.compile("# args = (\\d+)");
    private static final Pattern CONVENTION = Pattern.compile("calling conv = (\\w+)");

    private void parseTypes(String out) {
        long current = -1;
        String kind = null;
        String name = null;
        long fieldList = 0;
        for (String line : out.split("\n")) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                current = Long.parseLong(h.group(1), 16);
                kind = h.group(2);
                name = h.group(3);
                fieldList = 0;
                continue;
            }
            if (current < 0) continue;
            Matcher m;
            if ((m = MEMBER.matcher(line)).find()) {
                fieldLists.computeIfAbsent(current, k -> new ArrayList<>())
                        .add(new Member(m.group(1), m.group(2) == null ? 0 : Long.parseLong(m.group(2), 16), Long.parseLong(m.group(3))));
            } else if ((m = ENUMERATE.matcher(line)).find()) {
                enumLists.computeIfAbsent(current, k -> new java.util.LinkedHashMap<>()).put(m.group(1), new BigInteger(m.group(2)));
            } else if (kind.equals("LF_PROCEDURE") && (m = ARGS.matcher(line)).find()) {
                procedureArgs.put(current, Integer.parseInt(m.group(1)));
            } else if (kind.equals("LF_PROCEDURE") && (m = CONVENTION.matcher(line)).find()) {
                procedureConventions.put(current, m.group(1));
            } else if (kind.equals("LF_BITFIELD") && (m = BITFIELD.matcher(line)).find()) {
                bitfields.put(current, new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            } else if ((m = FIELD_LIST.matcher(line)).find()) {
                fieldList = m.group(1) == null ? 0 : Long.parseLong(m.group(1), 16);
                if (kind.equals("LF_ENUM")) recs.put(current, new Rec(kind, name, fieldList, 0, false));
            } else if ((m = SIZEOF.matcher(line)).find()) {
                recs.put(current, new Rec(kind, name, fieldList, Long.parseLong(m.group(1)), line.contains("forward ref")));
            } else if (kind.equals("LF_ENUM") && line.contains("options:")) {
                Rec e = recs.get(current);
                if (e != null && line.contains("forward ref")) recs.put(current, new Rec(kind, name, e.fieldList(), 0, true));
            }
        }
        for (Rec rec : recs.values()) {
            if (rec.forward() || rec.name() == null || rec.name().contains("<unnamed") || rec.name().contains("<anonymous")) continue;
            if (rec.kind().equals("LF_ENUM")) {
                enums.put("enum " + rec.name(), enumLists.getOrDefault(rec.fieldList(), Map.of()));
            } else if (rec.kind().equals("LF_STRUCTURE") || rec.kind().equals("LF_UNION")) {
                String key = (rec.kind().equals("LF_UNION") ? "union " : "struct ") + rec.name();
                var members = new ArrayList<String>();
                for (Member m : fieldLists.getOrDefault(rec.fieldList(), List.of())) {
                    // A member of no type (clang's _Atomic members) is left out by dwarfbind, as documented.
                    if (m.type() == 0) continue;
                    long[] bf = bitfields.get(m.type());
                    members.add(bf == null ? m.name() + "@" + m.offset() * 8 : m.name() + "@" + (m.offset() * 8 + bf[0]) + ":" + bf[1]);
                }
                members.sort(null);
                records.computeIfAbsent(key, k -> new ArrayList<>()).add(new Layout(rec.size(), members));
            }
        }
    }

    private static final Pattern PROC = Pattern.compile("S_[GL]PROC32(?:_ID)? \\[size = \\d+\\] `(.*)`");
    private static final Pattern LOCAL = Pattern.compile("S_LOCAL \\[size = \\d+\\] `(.*)`");
    private static final Pattern PROC_TYPE = Pattern.compile("type = `0x(\\p{XDigit}+) ");

    private void parseSymbols(String out) {
        String proc = null;
        String local = null;
        int depth = 0;  // 1 directly inside a function; inlined sites and blocks nest deeper
        for (String line : out.split("\n")) {
            Matcher m;
            if ((m = PROC.matcher(line)).find()) {
                proc = m.group(1);
                parameters.putIfAbsent(proc, new ArrayList<>());
                local = null;
                depth = 1;
            } else if (line.contains("| S_INLINESITE [") || line.contains("| S_BLOCK32 [")) {
                depth++;
            } else if (line.contains("| S_INLINESITE_END") || line.contains("| S_END") || line.contains("| S_PROC_ID_END")) {
                depth--;
                local = null;
            } else if (proc != null && (m = PROC_TYPE.matcher(line)).find() && !argumentCounts.containsKey(proc)) {
                long type = Long.parseLong(m.group(1), 16);
                // "# args" counts a trailing ... as an argument of no type, as the record does.
                if (procedureArgs.containsKey(type)) argumentCounts.put(proc, procedureArgs.get(type));
                if (procedureConventions.containsKey(type)) conventions.put(proc, procedureConventions.get(type));
            } else if ((m = LOCAL.matcher(line)).find()) {
                local = m.group(1);
            } else if (local != null && proc != null && depth == 1 && line.contains("flags = param")) {
                parameters.get(proc).add(local);
                local = null;
            }
        }
    }
}
