package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Cursor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pass over every unit learns, so that later look-ups touch only the DIEs they need:
 * where each function's code starts, each global variable's address, and where each tagged
 * struct, union and enum is defined (to resolve declarations from other units).
 *
 * <p>The pass parses only DIEs that sit directly under a unit root and have an interesting tag;
 * every other DIE is skipped by its abbreviation's fixed size when it has one.
 */
final class DwarfIndex {
    /** A subprogram with code: the DIE holding its address, and where that code starts. */
    record Subprogram(long key, long[] starts) {
    }

    /** A global variable definition with a static address. */
    record Variable(long key, long address) {
    }

    final Map<Long, List<Subprogram>> functionsByAddress = new HashMap<>();
    final List<Subprogram> functions = new ArrayList<>();
    /**
     * Named subprogram definitions without code of their own: gcc's identical-code folding
     * (-fipa-icf, on at -O2) leaves the folded function's DIE without an address, while its
     * symbol points at the code it was folded into.
     */
    final List<Subprogram> codeless = new ArrayList<>();
    /**
     * Named subprogram declarations directly under a unit root: what a GNU indirect function
     * whose resolver returns {@code void *} may still be typed from.
     */
    final List<Long> declarations = new ArrayList<>();
    final List<Variable> variables = new ArrayList<>();
    final Map<Long, List<Variable>> variablesByAddress = new HashMap<>();
    /** {@code "struct tag"} (also union, enum) to the keys of its complete definitions. */
    final Map<String, List<Long>> definitions = new HashMap<>();
    /** Named types declared directly under a unit root, in order: the whole-library type set. */
    final List<Long> namedTypes = new ArrayList<>();
    /**
     * Enums without a tag declared directly under a unit root: their enumerators are constants
     * no export may reach (GSL's {@code GSL_SUCCESS}), and {@code typedef enum {...} t} is one.
     */
    final List<Long> anonymousEnums = new ArrayList<>();
    /** Range-list start arrays already indexed, by identity (see {@link Dwarf#codeStarts}). */
    private final Set<long[]> indexedRangeLists = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Supplementary-file units imported so far, and those still to scan (each once, so import loops end). */
    private final Set<Unit> importedSupplementary = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<Unit> pendingImports = new ArrayDeque<>();
    /** Split files (by key bits) whose type units are indexed already. */
    private final Set<Long> scannedSplitFiles = new java.util.HashSet<>();
    /** Units that are skeletons of split DWARF (their types live in .dwo files). */
    final List<String> splitUnits = new ArrayList<>();

    /** The index of every unit: what questions about the whole library need. */
    static DwarfIndex build(Dwarf dw) {
        var idx = new DwarfIndex();
        for (Unit u : dw.units()) idx.scan(dw, u, 0);
        for (Unit u : dw.typeUnits()) idx.scan(dw, u, Die.TYPES_SECTION);
        // A dwz supplementary file may serve many debug files: only the partial units this
        // file's units import (DW_TAG_imported_unit, transitively) describe this library.
        while (!idx.pendingImports.isEmpty()) idx.scan(dw, idx.pendingImports.pop(), Die.SUPPLEMENTARY);
        return idx;
    }

    /** The index of one compilation unit: enough to find a function whose code it holds. */
    static DwarfIndex ofUnit(Dwarf dw, Unit u) {
        var idx = new DwarfIndex();
        idx.scan(dw, u, 0);
        return idx;
    }

    private void scan(Dwarf dw, Unit u, long bit) {
        if (u.dieOffset >= u.end) return;
        Die root = dw.die(u, bit | u.dieOffset);
        if (root == null) return;
        if (Dwarf.isSkeleton(u, root)) {
            // A skeleton: its DIEs are in its split unit, in a .dwo or .dwp file.
            Unit split = dw.splitUnit(u, root);
            if (split == null) {
                splitUnits.add(dw.splitProblem(u));
                return;
            }
            u = split;
            bit = split.keyBits;
            // Its file's DWARF 4 type units hold the definitions its stubs name by signature.
            if (scannedSplitFiles.add(bit)) {
                for (Unit t : dw.splitTypeUnits(bit)) scan(dw, t, bit | Die.TYPES_SECTION);
            }
            if (u.dieOffset >= u.end || (root = dw.die(u, bit | u.dieOffset)) == null) return;
        }
        if (!root.hasChildren()) return;
        long off = root.end;
        Cursor c = u.section.cursor(off);
        int depth = 1;
        while (depth > 0) {
            if (c.position() >= u.end) throw u.section.error(off, "DIE tree is not terminated before the end of " + u);
            long at = c.position();
            int code = c.ulebInt();
            if (code == 0) {
                depth--;
                continue;
            }
            Abbrev a = u.abbrevs.get(code);
            if (a == null) throw u.section.error(at, "DIE uses abbreviation code " + code + ", which " + u + " does not define");
            if (depth == 1 && (a.tag() == Tag.TYPEDEF || a.tag() == Tag.BASE_TYPE) && !a.hasChildren()) {
                // Most DIEs under a root are typedefs and base types, and all the index needs of
                // one is whether it has a name, which its abbreviation says: skipped, not parsed.
                dw.skipAttributes(u, c, a);
                if (c.position() > u.end) throw u.section.error(at, "DIE attributes run past the end of " + u);
                if (a.indexOf(Attr.NAME) >= 0) namedTypes.add(bit | at);
                continue;
            }
            if (depth == 1 && interesting(a.tag())) {
                Die d = dw.die(u, bit | at);
                record(dw, d);
                if (d.hasChildren()) {
                    c.seek(dw.nextSibling(d));
                } else {
                    c.seek(d.end);
                }
                continue;
            }
            dw.skipAttributes(u, c, a);
            if (a.hasChildren()) depth++;
        }
    }

    private static boolean interesting(int tag) {
        return switch (tag) {
            case Tag.SUBPROGRAM, Tag.VARIABLE, Tag.STRUCTURE_TYPE, Tag.UNION_TYPE, Tag.CLASS_TYPE,
                 Tag.ENUMERATION_TYPE, Tag.TYPEDEF, Tag.BASE_TYPE, Tag.IMPORTED_UNIT -> true;
            default -> false;
        };
    }

    private void record(Dwarf dw, Die d) {
        switch (d.tag()) {
            case Tag.SUBPROGRAM -> {
                if (d.flag(Attr.DECLARATION)) {
                    if (d.has(Attr.NAME)) declarations.add(d.key);
                    return;
                }
                long[] arr = dw.codeStarts(d);
                if (arr.length == 0) {
                    // Abstract instances (DW_AT_inline) are reached through their concrete ones.
                    if (d.has(Attr.NAME) && !d.has(Attr.INLINE)) codeless.add(new Subprogram(d.key, new long[0]));
                    return;
                }
                var sp = new Subprogram(d.key, arr);
                functions.add(sp);
                // A range list shared by many subprograms (only crafted files do that) is indexed
                // in full once; the others are found at its first address or by name, which keeps
                // the index linear in the size of the DWARF.
                boolean firstUse = indexedRangeLists.add(arr);
                for (long a : firstUse ? arr : new long[]{arr[0]}) {
                    functionsByAddress.computeIfAbsent(a, k -> new ArrayList<>(1)).add(sp);
                }
            }
            case Tag.VARIABLE -> {
                if (d.flag(Attr.DECLARATION)) return;
                long addr = dw.staticAddress(d);
                if (addr < 0) return;
                var v = new Variable(d.key, addr);
                variables.add(v);
                variablesByAddress.computeIfAbsent(addr, k -> new ArrayList<>(1)).add(v);
            }
            case Tag.STRUCTURE_TYPE, Tag.UNION_TYPE, Tag.CLASS_TYPE, Tag.ENUMERATION_TYPE -> {
                String name = dw.name(d);
                if (name != null && !d.flag(Attr.DECLARATION)) {
                    definitions.computeIfAbsent(tagKey(d.tag(), name), k -> new ArrayList<>(1)).add(d.key);
                }
                if (name != null) namedTypes.add(d.key);
                else if (d.tag() == Tag.ENUMERATION_TYPE && !d.flag(Attr.DECLARATION)) anonymousEnums.add(d.key);
            }
            case Tag.TYPEDEF, Tag.BASE_TYPE -> {
                if (d.has(Attr.NAME)) namedTypes.add(d.key);
            }
            case Tag.IMPORTED_UNIT -> {
                long target = dw.ref(d, Attr.IMPORT);
                if (target >= 0 && (target & Die.SUPPLEMENTARY) != 0) {
                    Unit u = dw.unitOf(target);
                    if (importedSupplementary.add(u)) pendingImports.add(u);
                }
            }
            default -> { }
        }
    }

    /** The lookup key of a tagged type: {@code "struct tag"}, {@code "union tag"} or {@code "enum tag"}. */
    static String tagKey(int tag, String name) {
        return switch (tag) {
            case Tag.UNION_TYPE -> "union " + name;
            case Tag.ENUMERATION_TYPE -> "enum " + name;
            default -> "struct " + name;
        };
    }
}
