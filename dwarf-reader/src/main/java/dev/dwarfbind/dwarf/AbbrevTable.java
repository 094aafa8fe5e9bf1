package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The abbreviations starting at one offset of {@code .debug_abbrev}. Codes are usually dense from
 * 1, so they are kept in an array; sparse codes fall back to a map.
 */
final class AbbrevTable {
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
        int maxCode = 0;
        while (true) {
            long at = c.position();
            int code = c.ulebInt();
            if (code == 0) break;
            int tag = c.ulebInt();
            int children = c.u8();
            if (children > 1) throw c.errorAt(at, "abbreviation " + code + " has a children flag of " + children);
            var attrs = new ArrayList<int[]>();
            var consts = new ArrayList<Long>();
            int fixed = 0;
            while (true) {
                int name = c.ulebInt();
                int form = c.ulebInt();
                if (name == 0 && form == 0) break;
                if (!Form.known(form)) {
                    throw c.errorAt(at, "abbreviation " + code + " uses unknown form 0x" + Integer.toHexString(form)
                            + " for attribute 0x" + Integer.toHexString(name));
                }
                long implicit = form == Form.IMPLICIT_CONST ? c.sleb() : 0;
                attrs.add(new int[]{name, form});
                consts.add(implicit);
                int size = Form.fixedSize(form, version, offsetSize, addressSize);
                fixed = fixed < 0 || size < 0 ? -1 : fixed + size;
                if (attrs.size() > 10_000) throw c.errorAt(at, "abbreviation " + code + " has over 10000 attributes");
            }
            int[] names = new int[attrs.size()];
            int[] forms = new int[attrs.size()];
            long[] implicitConsts = new long[attrs.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = attrs.get(i)[0];
                forms[i] = attrs.get(i)[1];
                implicitConsts[i] = consts.get(i);
            }
            list.add(new Abbrev(code, tag, children == 1, names, forms, implicitConsts, fixed));
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
