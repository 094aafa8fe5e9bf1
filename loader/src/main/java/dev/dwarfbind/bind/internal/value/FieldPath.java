package dev.dwarfbind.bind.internal.value;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.debuginfo.NameSuggestions;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import java.util.ArrayList;

/**
 * Resolves a member path such as {@code "hdr.flags"} or {@code "items[3].x"} against a struct or
 * array type, to the member's type and position. Members of anonymous structs and unions are
 * found by their own names, as in C.
 *
 * @param typeId    the member's type
 * @param bitOffset position of its first bit from the start of the outer object
 * @param bitSize   bitfield width, or 0
 * @param signed    for a bitfield, whether its type is signed
 */
public record FieldPath(int typeId, long bitOffset, int bitSize, boolean signed) {

    public static FieldPath resolve(TypeSystem ts, int rootType, String path, String cName) {
        int type = rootType;
        long bits = 0;
        int bitSize = 0;
        boolean signed = false;
        int i = 0;
        int n = path.length();
        if (n == 0) throw new ArgumentException(cName + ": empty member path");
        while (i < n) {
            char c = path.charAt(i);
            if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) throw new ArgumentException(cName + ": unclosed [ in member path \"" + path + "\"");
                long index;
                try {
                    index = Long.parseLong(path.substring(i + 1, close).strip());
                } catch (NumberFormatException e) {
                    throw new ArgumentException(cName + ": bad index in member path \"" + path + "\"");
                }
                if (!(ts.type(ts.strip(type)) instanceof ArrayType a)) {
                    throw new ArgumentException(cName + ": \"" + path.substring(0, i) + "\" is not an array");
                }
                if (index < 0 || !a.isFlexible() && index >= a.count()) {
                    throw new ArgumentException(cName + ": index " + index + " in \"" + path + "\" is outside 0.." + (a.count() - 1));
                }
                bits += index * ts.sizeOf(a.element()) * 8;
                type = a.element();
                bitSize = 0;
                i = close + 1;
                continue;
            }
            if (c == '.') {
                i++;
                continue;
            }
            int end = i;
            while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') end++;
            String name = path.substring(i, end);
            if (!(ts.type(ts.strip(type)) instanceof RecordType r)) {
                throw new ArgumentException(cName + ": \"" + (i == 0 ? name : path.substring(0, i - 1)) + "\" is not a struct or union");
            }
            var trail = new ArrayList<Field>();
            if (!find(ts, r, name, trail, 0)) {
                var names = new ArrayList<String>();
                collectNames(ts, r, names, 0);
                throw new ArgumentException(cName + ": no member " + name + " in " + (r.tag() == null ? "anonymous "
                        + r.kind().keyword() : r.kind().keyword() + " " + r.tag()) + NameSuggestions.didYouMean(name, names));
            }
            for (Field f : trail) bits += f.bitOffset();
            Field last = trail.getLast();
            type = last.type();
            bitSize = last.bitSize();
            if (bitSize > 0) {
                int t = ts.strip(type);
                signed = ts.type(t) instanceof ScalarType s ? s.signed() : ts.type(t) instanceof EnumType e && e.signed();
            }
            i = end;
        }
        return new FieldPath(type, bits, bitSize, signed);
    }

    /** Finds {@code name} in {@code r}, descending into anonymous members; the trail ends at it. */
    private static boolean find(TypeSystem ts, RecordType r, String name, java.util.List<Field> trail, int depth) {
        if (depth > 32) return false;
        for (Field f : r.fields()) {
            if (name.equals(f.name())) {
                trail.add(f);
                return true;
            }
        }
        for (Field f : r.fields()) {
            if (f.name() == null && ts.type(ts.strip(f.type())) instanceof RecordType inner) {
                trail.add(f);
                if (find(ts, inner, name, trail, depth + 1)) return true;
                trail.removeLast();
            }
        }
        return false;
    }

    private static void collectNames(TypeSystem ts, RecordType r, java.util.List<String> out, int depth) {
        if (depth > 32) return;
        for (Field f : r.fields()) {
            if (f.name() != null) out.add(f.name());
            else if (ts.type(ts.strip(f.type())) instanceof RecordType inner) collectNames(ts, inner, out, depth + 1);
        }
    }
}
