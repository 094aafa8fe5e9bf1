package dev.dwarfbind.pdb;

import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystemBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the anonymous structs and unions CodeView flattens away. A field list records the
 * members of an anonymous member as if they were the record's own, at their offsets; what is
 * left is overlap. In a struct, a run of members that overlap becomes an anonymous union; in a
 * union (or such a run), each member at the union's start begins an alternative, and the members
 * after it up to the next such one form an anonymous struct with it. The result lays out the same
 * bytes; where several groupings would, the first that fits is taken (the original may have had
 * more levels of nesting that place nothing differently).
 */
final class AnonymousMembers {
    private final TypeSystemBuilder b;

    AnonymousMembers(TypeSystemBuilder b) {
        this.b = b;
    }

    /** The fields of a struct ({@code union} false) or union, with anonymous members rebuilt. */
    List<Field> group(List<Field> members, boolean union) {
        return union ? unionGroup(members, 0) : structGroup(members, false);
    }

    private long end(Field f) {
        return f.bitOffset() + (f.isBitfield() ? f.bitSize() : b.sizeOf(f.type()) * 8);
    }

    /**
     * @param fromUnion whether this is one alternative of a union: if all of it overlaps as one
     *                  run, grouping it again would not progress, and it stays flat
     */
    private List<Field> structGroup(List<Field> members, boolean fromUnion) {
        var out = new ArrayList<Field>();
        int i = 0;
        while (i < members.size()) {
            Field m = members.get(i);
            long end = end(m);
            int k = i + 1;
            // Members out of offset order (only in a corrupt file) end the run rather than join it.
            while (k < members.size() && members.get(k).bitOffset() < end && members.get(k).bitOffset() >= m.bitOffset()) {
                end = Math.max(end, end(members.get(k++)));
            }
            boolean noProgress = fromUnion && i == 0 && k == members.size();
            if (k == i + 1 || m.bitOffset() % 8 != 0 || noProgress) {
                out.addAll(members.subList(i, k));
            } else {
                long base = m.bitOffset();
                List<Field> inner = unionGroup(relative(members.subList(i, k), base), 0);
                out.add(new Field(null, anonymous(RecordKind.UNION, inner), base, 0));
            }
            i = k;
        }
        return out;
    }

    /** Members of a union (offsets relative to it): each at offset 0 starts an alternative. */
    private List<Field> unionGroup(List<Field> members, long base) {
        var out = new ArrayList<Field>();
        int i = 0;
        while (i < members.size()) {
            int k = i + 1;
            while (k < members.size() && members.get(k).bitOffset() != base) k++;
            List<Field> branch = members.subList(i, k);
            if (branch.size() == 1 && branch.getFirst().bitOffset() == base) {
                out.add(branch.getFirst());
            } else {
                List<Field> inner = structGroup(branch, true);
                out.add(new Field(null, anonymous(RecordKind.STRUCT, inner), base, 0));
            }
            i = k;
        }
        return out;
    }

    private static List<Field> relative(List<Field> fields, long base) {
        return fields.stream().map(f -> new Field(f.name(), f.type(), f.bitOffset() - base, f.bitSize())).toList();
    }

    /** An anonymous record of {@code fields}, sized to its furthest member rounded to its alignment. */
    private int anonymous(RecordKind kind, List<Field> fields) {
        long end = 0;
        int align = 1;
        for (Field f : fields) {
            end = Math.max(end, end(f));
            align = Math.max(align, b.alignOf(f.type()));
        }
        long bytes = (end + 7) / 8;
        long size = (bytes + align - 1) / align * align;
        return b.add(new RecordType(kind, null, size, align, fields, true, false));
    }
}
