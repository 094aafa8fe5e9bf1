package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The abbreviations starting at one offset of {@code .debug_abbrev}. Codes are usually dense from
 * 1, so they are kept in an array; sparse codes fall back to a map.
 */
final class AbbrevTable {
    /** The implicit constants of an abbreviation that has none: only read for DW_FORM_implicit_const. */
    private static final long[] NO_CONSTS = new long[0];
    private final Abbrev[] dense;
    private final Map<Integer, Abbrev> sparse;

    private AbbrevTable(Abbrev[] dense, Map<Integer, Abbrev> sparse) {
        this.dense = dense;
        this.sparse = sparse;
    }

    /** Parses the table at {@code offset}; sizes are fixed per unit layout. */
    static AbbrevTable parse(Bytes abbrev, long offset, int version, int offsetSize, int addressSize) {
        Cursor c = abbrev.cursor(offset);
        var list = new ArrayList<Abbrev>();
        // Scratch arrays, grown as needed and copied to size per abbreviation: glibc's debug file
        // has two thousand tables of some thirty abbreviations each, parsed each time it is typed.
        int[] names = new int[16];
        int[] forms = new int[16];
        long[] implicitConsts = new long[16];
        int maxCode = 0;
        while (true) {
            long at = c.position();
            int code = c.ulebInt();
            if (code == 0) break;
            int tag = c.ulebInt();
            int children = c.u8();
            if (children > 1) throw c.errorAt(at, "abbreviation " + code + " has a children flag of " + children);
            int count = 0;
            boolean anyImplicit = false;
            int fixed = 0;
            boolean hasLengths = false;
            while (true) {
                int name = c.ulebInt();
                int form = c.ulebInt();
                if (name == 0 && form == 0) break;
                if (!Form.known(form)) {
                    throw c.errorAt(at, "abbreviation " + code + " uses unknown form 0x" + Integer.toHexString(form)
                            + " for attribute 0x" + Integer.toHexString(name));
                }
                long implicit = form == Form.IMPLICIT_CONST ? c.sleb() : 0;
                anyImplicit |= form == Form.IMPLICIT_CONST;
                if (count == names.length) {
                    names = Arrays.copyOf(names, count * 2);
                    forms = Arrays.copyOf(forms, count * 2);
                    implicitConsts = Arrays.copyOf(implicitConsts, count * 2);
                }
                names[count] = name;
                forms[count] = form;
                implicitConsts[count] = implicit;
                count++;
                hasLengths |= Form.hasLength(form);
                int size = Form.fixedSize(form, version, offsetSize, addressSize);
                fixed = fixed < 0 || size < 0 ? -1 : fixed + size;
                if (count > 10_000) throw c.errorAt(at, "abbreviation " + code + " has over 10000 attributes");
            }
            list.add(new Abbrev(code, tag, children == 1, Arrays.copyOf(names, count), Arrays.copyOf(forms, count),
                    anyImplicit ? Arrays.copyOf(implicitConsts, count) : NO_CONSTS, fixed, hasLengths));
            maxCode = Math.max(maxCode, code);
        }
        if (maxCode <= list.size() * 4 + 64) {
            Abbrev[] dense = new Abbrev[maxCode + 1];
            for (Abbrev a : list) {
                if (dense[a.code()] == null) dense[a.code()] = a;
            }
            return new AbbrevTable(dense, null);
        }
        var map = new HashMap<Integer, Abbrev>();
        for (Abbrev a : list) map.putIfAbsent(a.code(), a);
        return new AbbrevTable(null, map);
    }

    /** The abbreviation with this code, or {@code null}. */
    Abbrev get(int code) {
        if (dense != null) return code >= 0 && code < dense.length ? dense[code] : null;
        return sparse.get(code);
    }

}
