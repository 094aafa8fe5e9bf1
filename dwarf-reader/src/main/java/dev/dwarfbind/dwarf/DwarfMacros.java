package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.macro.MacroDefinition;
import dev.dwarfbind.macro.MacroEvaluator;
import dev.dwarfbind.macro.MacroValue;
import dev.dwarfbind.types.Target;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The macros of a library's compilation units, as each unit leaves them at its end (a
 * {@code #undef} removes one, a redefinition replaces it), evaluated as C constants.
 *
 * <p>Which macros count: by default those defined in the library's own files, that is in a file
 * of a {@code DW_MACRO_start_file} whose path is not under a system directory ({@code /usr/},
 * except {@code /usr/src/} and {@code /usr/local/src/}); the compiler's predefined macros and
 * command-line {@code -D}s (defined before any file starts) and those of system headers
 * (glibc's, the compiler's) are then left out entirely, neither constants nor listed. With
 * {@code all} every macro counts. A macro's body is expanded with every macro the unit defines,
 * system ones included ({@code #define MY_MAX INT_MAX} is a constant).
 *
 * <p>A name that units define differently (different values, or a value in one and none in
 * another) is not a constant: it is left out with the values it has.
 */
final class DwarfMacros {
    /** At most this many entries are applied for one unit, imports included (imports may repeat). */
    private static final long MAX_APPLIED = 50_000_000;
    /** Imports nest at most this deep. */
    private static final int MAX_IMPORT_DEPTH = 64;

    /**
     * What one macro gives.
     *
     * @param definition its definition
     * @param value      its value, or why it has none
     */
    record Outcome(MacroDefinition definition, MacroValue value) {
    }

    /** An imported macro unit: its file (compared by identity) and offset. */
    private record ImportKey(DwarfSections file, long offset) {
    }

    /** A definition as a unit leaves it, with the path of the file that made it ({@code null}: built in or command line). */
    private record Definition(String text, String file) {
    }

    /**
     * A split unit's macros that no file holds whole, so the unit's macros are not read at all
     * rather than read in part:
     * <ul>
     * <li>its macro unit imports another: gcc ({@code -g3 -gsplit-dwarf}) puts each header's macros
     * in a unit of their own, a section of its own in the {@code .dwo}, and leaves the import's
     * offset to a relocation that a {@code .dwo} does not have (every import says 0);
     * <li>its unit names macro information its file does not have: {@code llvm-dwp-19} leaves
     * DWARF 4's {@code .debug_macinfo.dwo} out of a package.
     * </ul>
     */
    private static final class UnreadableSplitMacros extends RuntimeException {
        UnreadableSplitMacros() {
            super(null, null, false, false);
        }
    }

    private final Dwarf dw;
    private final MacroEntries entries = new MacroEntries();
    private final Map<List<Object>, LineTableFiles> lineTables = new HashMap<>();
    private final boolean all;
    private final Target target;

    private DwarfMacros(Dwarf dw, Target target, boolean all) {
        this.dw = dw;
        this.target = target;
        this.all = all;
    }

    /** Every macro that counts ({@code all}: every one) of every compilation unit, by name, in first-seen order. */
    static Map<String, Outcome> read(Dwarf dw, Target target, boolean all) {
        return new DwarfMacros(dw, target, all).readAll();
    }

    private Map<String, Outcome> readAll() {
        var out = new LinkedHashMap<String, Outcome>();
        var from = new HashMap<String, String>();
        for (Unit u : dw.units()) {
            if (u.isTypeUnit() || u.unitType == Unit.DW_UT_PARTIAL) continue;
            u = ownUnit(u);
            if (u == null) continue;
            Map<String, Definition> state;
            try {
                state = unitMacros(u);
            } catch (UnreadableSplitMacros e) {
                continue;
            }
            if (state.isEmpty()) continue;
            String unitName = unitName(u);
            var parsed = new HashMap<String, MacroDefinition>();
            var evaluator = new MacroEvaluator(name -> definition(state, parsed, name), target.dataModel(), charSigned(target));
            for (var e : state.entrySet()) {
                if (!all && !own(e.getValue().file())) continue;
                String name = e.getKey();
                MacroDefinition d = definition(state, parsed, name);
                Outcome o = d == null ? new Outcome(new MacroDefinition(name, null, e.getValue().text()),
                        new MacroValue.LeftOut("not a valid definition: '" + e.getValue().text() + "'"))
                        : new Outcome(d, evaluator.evaluate(d));
                Outcome old = out.get(name);
                if (old == null) {
                    out.put(name, o);
                    from.put(name, unitName);
                } else if (!old.value().equals(o.value()) && !(old.value() instanceof MacroValue.LeftOut l && l.reason().startsWith("defined differently"))) {
                    out.put(name, new Outcome(old.definition(), new MacroValue.LeftOut("defined differently in different compilation units: "
                            + describe(old) + " in " + from.get(name) + ", " + describe(o) + " in " + unitName)));
                }
            }
        }
        return out;
    }

    private static String describe(Outcome o) {
        return switch (o.value()) {
            case MacroValue.Evaluated ev -> ev.value() instanceof String s ? '"' + s + '"' : String.valueOf(ev.value());
            case MacroValue.LeftOut l -> "'" + o.definition().text() + "' (" + l.reason() + ")";
        };
    }

    private static MacroDefinition definition(Map<String, Definition> state, Map<String, MacroDefinition> parsed, String name) {
        MacroDefinition d = parsed.get(name);
        if (d != null || parsed.containsKey(name)) return d;
        Definition def = state.get(name);
        if (def != null) {
            try {
                d = MacroDefinition.parse(def.text());
            } catch (IllegalArgumentException e) {
                d = null;
            }
        }
        parsed.put(name, d);
        return d;
    }

    private String unitName(Unit u) {
        Die root = dw.die(u, u.keyBits | u.dieOffset);
        String n = root == null ? null : dw.name(root);
        return n == null ? "the unit at 0x" + Long.toHexString(u.offset) : n;
    }

    /**
     * The unit holding {@code u}'s DIEs: {@code u} itself, or a skeleton's split unit, whose macros
     * are in its {@code .dwo}/{@code .dwp} file ({@code .debug_macro.dwo}, {@code .debug_macinfo.dwo});
     * {@code null} if there are none to read (a split unit not found is reported with the types).
     */
    private Unit ownUnit(Unit u) {
        if (u.dieOffset >= u.end) return null;
        Die root = dw.die(u, u.keyBits | u.dieOffset);
        if (root == null) return null;
        if (!Dwarf.isSkeleton(u, root)) return u;
        Unit split = dw.splitUnit(u, root);
        return split == null || split.dieOffset >= split.end ? null : split;
    }

    /** The macros unit {@code u} defines at its end, with the file each came from; empty if it records none. */
    private Map<String, Definition> unitMacros(Unit u) {
        Die root = dw.die(u, u.keyBits | u.dieOffset);
        if (root == null) return Map.of();
        int i;
        MacroEntries.MacroUnit unit;
        // In a .dwp, a split unit's offsets are relative to its contributions (0 elsewhere).
        if ((i = root.index(Attr.MACROS)) >= 0 || (i = root.index(Attr.GNU_MACROS)) >= 0) {
            if (u.sections.isSplit() && u.sections.macro().size() == 0) throw new UnreadableSplitMacros();
            unit = entries.macroUnit(u.sections, u.macroBase + root.values[i], u);
        } else if ((i = root.index(Attr.MACRO_INFO)) >= 0) {
            if (u.sections.isSplit() && u.sections.macinfo().size() == 0) throw new UnreadableSplitMacros();
            unit = entries.macinfoUnit(u.sections, u.macinfoBase + root.values[i]);
        } else {
            return Map.of();
        }
        long lineOffset = unit.lineOffset() < 0 ? -1 : u.lineBase + unit.lineOffset();
        int s = root.index(Attr.STMT_LIST);
        if (lineOffset < 0 && s >= 0) lineOffset = root.values[s];
        // A split unit has no DW_AT_stmt_list: its files are its contribution to .debug_line.dwo.
        if (lineOffset < 0 && u.sections.isSplit() && u.sections.line().size() > 0) lineOffset = u.lineBase;
        String compDir = dw.stringAttr(root, Attr.COMP_DIR);
        LineTableFiles files = null;
        if (lineOffset >= 0) {
            long at = lineOffset;
            files = lineTables.computeIfAbsent(java.util.Arrays.asList(u.sections, at, compDir), k -> LineTableFiles.read(u, at, compDir));
        }
        var state = new HashMap<String, Definition>();
        apply(unit.entries(), u, files, new ArrayDeque<>(), state, new ArrayDeque<>(), new long[]{MAX_APPLIED});
        return state;
    }

    private void apply(List<MacroEntries.Entry> list, Unit u, LineTableFiles files, ArrayDeque<String> fileStack,
                       Map<String, Definition> state, ArrayDeque<ImportKey> importing, long[] budget) {
        for (MacroEntries.Entry e : list) {
            if (--budget[0] < 0) {
                throw u.section.error(u.offset, "macro information of " + u + " applies more than " + MAX_APPLIED + " entries (imports repeating)");
            }
            switch (e.kind()) {
                case MacroEntries.DEFINE -> state.put(nameOf(e.text()), new Definition(e.text(), fileStack.peek()));
                case MacroEntries.UNDEF -> state.remove(nameOf(e.text()));
                case MacroEntries.START_FILE -> {
                    String path = files == null ? null : files.file(e.number());
                    fileStack.push(path != null ? path : "<file " + e.number() + ">");
                }
                case MacroEntries.END_FILE -> {
                    if (!fileStack.isEmpty()) fileStack.pop();
                }
                case MacroEntries.IMPORT -> {
                    if (e.file().isSplit()) throw new UnreadableSplitMacros();
                    long offset = e.number();
                    var key = new ImportKey(e.file(), offset);
                    Bytes sec = e.file().macro();
                    if (importing.contains(key)) {
                        throw sec.error(offset, "macro unit imports itself (through " + importing.size() + " imports)");
                    }
                    if (importing.size() >= MAX_IMPORT_DEPTH) {
                        throw sec.error(offset, "macro imports nest more than " + MAX_IMPORT_DEPTH + " deep");
                    }
                    importing.push(key);
                    apply(entries.macroUnit(e.file(), offset, u).entries(), u, files, fileStack, state, importing, budget);
                    importing.pop();
                }
                default -> throw new IllegalStateException("macro entry kind " + e.kind());
            }
        }
    }

    private static String nameOf(String text) {
        int i = 0;
        while (i < text.length() && isIdentifierPart(text.charAt(i))) i++;
        return text.substring(0, i);
    }

    private static boolean isIdentifierPart(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c);
    }

    /**
     * Whether a macro defined in {@code file} is the library's own: defined in a file (not built
     * in nor on the command line) outside the system directories.
     */
    static boolean own(String file) {
        if (file == null) return false;
        if (!file.startsWith("/usr/")) return true;
        return file.startsWith("/usr/src/") || file.startsWith("/usr/local/src/");
    }

    /**
     * Whether plain {@code char} is signed on {@code target}: not on the Linux ABIs of ARM,
     * AArch64, PowerPC, s390 and RISC-V; signed on x86 and on Windows everywhere.
     */
    static boolean charSigned(Target target) {
        if (target.os().equals("windows")) return true;
        String a = target.arch();
        return !(a.startsWith("aarch64") || a.startsWith("arm") || a.startsWith("ppc") || a.startsWith("powerpc")
                || a.startsWith("s390") || a.startsWith("riscv"));
    }
}
