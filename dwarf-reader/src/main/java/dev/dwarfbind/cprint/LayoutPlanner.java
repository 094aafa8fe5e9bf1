package dev.dwarfbind.cprint;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which attributes and padding make a compiler reproduce a record's recorded layout.
 *
 * <p>C has no syntax for offsets: padding is implicit. So the planner simulates how a compiler
 * following the System V rules (GCC and Clang on ELF targets) lays out the members it is about to
 * print, member by member, and wherever the simulation and the recorded offset part ways it adds
 * what closes the gap: {@code aligned(N)} on a member that sits further out than its type's
 * alignment puts it (the usual cause), explicit padding where no power of two would land it, and
 * {@code packed} on a member, or on the whole record, that sits below its natural alignment.
 * Records that need no help get none, so ordinary structs print as their authors wrote them.
 */
final class LayoutPlanner {
    /** Alignments beyond this are not something {@code aligned(N)} is asked for. */
    private static final long MAX_ALIGNMENT = 1L << 28;

    private final TypeSystem ts;
    private final CNames names;

    LayoutPlanner(CNames names) {
        this.ts = names.typeSystem();
        this.names = names;
    }

    /**
     * Whether a member is an anonymous struct or union ({@code struct { int a; };}) printed inline
     * as part of its parent. Such a member cannot carry attributes of its own: after the closing
     * brace they would apply to the anonymous type instead. An anonymous record that
     * {@link CNames} had to give a tag is not printed inline: the member gets a name instead.
     */
    static boolean isInlineMember(CNames names, Field f) {
        return f.name() == null && !f.isBitfield() && names.typeSystem().type(f.type()) instanceof RecordType
                && names.tag(f.type()) == null;
    }

    /** The plan for {@code r}; the record's own {@code packed} flag is tried first, then the other mode. */
    RecordPlan plan(RecordType r) {
        if (!r.complete()) return new RecordPlan(false, 0, List.of(), true);
        RecordPlan first = plan(r, r.packed());
        if (first.exact() || r.packed()) return first;
        RecordPlan packed = plan(r, true);
        return packed.exact() ? packed : first;
    }

    private RecordPlan plan(RecordType r, boolean packed) {
        return r.kind() == RecordKind.UNION ? union(r, packed) : struct(r, packed);
    }

    private RecordPlan struct(RecordType r, boolean packed) {
        var items = new ArrayList<RecordPlan.Item>();
        long bit = 0;          // where the compiler's layout has got to, in bits
        int maxAlign = 1;      // the alignment the members give the record
        boolean exact = true;
        List<Field> fields = r.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.isBitfield()) {
                long size = Math.max(1, size(f.type()));
                int align = align(f.type());
                long target = f.bitOffset();
                int width = f.bitSize();
                boolean memberPacked = false;
                long at = packed ? bit : bitfieldPlace(bit, width, size, align);
                if (target < at && !packed) {
                    // The compiler would move it to a fresh storage unit; packing keeps it in place.
                    memberPacked = true;
                    at = bit;
                }
                if (target > at) {
                    padBits(items, bit, target, isBool(f.type()) ? TypeSystem.NO_TYPE : f.type(), size, align, packed);
                    bit = target;
                    at = packed || memberPacked ? bit : bitfieldPlace(bit, width, size, align);
                    if (at != target && !packed) {
                        memberPacked = true;
                        at = bit;
                    }
                }
                if (at != target) exact = false;
                items.add(new RecordPlan.Member(f, 0, memberPacked, false));
                bit = at + width;
                // Named bitfields lend the record their type's alignment; unnamed ones do not.
                if (f.name() != null && !packed && !memberPacked) maxAlign = Math.max(maxAlign, align);
            } else {
                long size = size(f.type());
                int align = align(f.type());
                boolean inline = isInlineMember(names, f);
                if (f.bitOffset() % 8 != 0) exact = false;
                long target = f.bitOffset() / 8;
                long cur = ceilDiv(bit, 8);
                int base = packed ? 1 : align;
                boolean memberPacked = false;
                int alignAttribute = 0;
                if (target < alignUp(cur, base) && !packed && !inline) {
                    memberPacked = true;
                    base = 1;
                }
                if (target > alignUp(cur, base)) {
                    int n = alignmentReaching(cur, target, base);
                    // aligned(N) also raises the record's alignment, so it is only the right
                    // explanation when the record is at least that aligned.
                    if (n > 0 && n <= r.alignment() && !inline) {
                        alignAttribute = n;
                    } else {
                        items.add(new RecordPlan.BytePadding(target - cur));
                        cur = target;
                        if (alignUp(cur, base) != cur && !packed && !inline) {
                            memberPacked = true;
                            base = 1;
                        }
                    }
                }
                int effective = Math.max(base, alignAttribute);
                long at = alignUp(cur, effective);
                if (at != target) exact = false;
                boolean zeroLength = isFlexible(f.type()) && i != fields.size() - 1;
                items.add(new RecordPlan.Member(f, alignAttribute, memberPacked, zeroLength));
                bit = (at + size) * 8;
                maxAlign = Math.max(maxAlign, effective);
            }
        }
        long end = ceilDiv(bit, 8);
        int alignAttribute = r.alignment() > maxAlign ? r.alignment() : 0;
        if (r.alignment() < maxAlign) exact = false;
        int align = Math.max(maxAlign, alignAttribute);
        if (alignUp(end, align) < r.byteSize()) {
            // Tail padding beyond what alignment gives. A flexible array must stay last, so it
            // becomes a zero-length array that padding may follow.
            int last = items.size() - 1;
            if (last >= 0 && items.get(last) instanceof RecordPlan.Member m && isFlexible(m.field().type())) {
                items.set(last, new RecordPlan.Member(m.field(), m.alignment(), m.packed(), true));
            }
            items.add(new RecordPlan.BytePadding(r.byteSize() - end));
            end = r.byteSize();
        }
        if (alignUp(end, align) != r.byteSize()) exact = false;
        return new RecordPlan(packed, alignAttribute, items, exact);
    }

    private RecordPlan union(RecordType r, boolean packed) {
        var items = new ArrayList<RecordPlan.Item>();
        long maxSize = 0;
        int maxAlign = 1;
        boolean exact = true;
        for (Field f : r.fields()) {
            if (f.bitOffset() != 0) exact = false;
            if (f.isBitfield()) {
                maxSize = Math.max(maxSize, ceilDiv(f.bitSize(), 8));
                if (f.name() != null && !packed) maxAlign = Math.max(maxAlign, align(f.type()));
                items.add(new RecordPlan.Member(f, 0, false, false));
            } else {
                maxSize = Math.max(maxSize, size(f.type()));
                maxAlign = Math.max(maxAlign, packed ? 1 : align(f.type()));
                // C allows no flexible array in a union; the zero-length array has the same layout.
                items.add(new RecordPlan.Member(f, 0, false, isFlexible(f.type())));
            }
        }
        int alignAttribute = r.alignment() > maxAlign ? r.alignment() : 0;
        if (r.alignment() < maxAlign) exact = false;
        int align = Math.max(maxAlign, alignAttribute);
        if (alignUp(maxSize, align) < r.byteSize()) {
            items.add(new RecordPlan.BytePadding(r.byteSize()));
            maxSize = r.byteSize();
        }
        if (alignUp(maxSize, align) != r.byteSize()) exact = false;
        return new RecordPlan(packed, alignAttribute, items, exact);
    }

    /**
     * Fills the bits from {@code from} to {@code to} with unnamed bitfields and padding bytes that
     * the compiler will not move: preferably one unnamed bitfield of the next member's type, as
     * the source most likely had; otherwise {@code unsigned char} pieces that never cross a byte.
     * {@code nextType} is {@link TypeSystem#NO_TYPE} when the next member's type cannot pad (a
     * {@code _Bool} bitfield is at most one bit wide).
     */
    private static void padBits(List<RecordPlan.Item> items, long from, long to, int nextType, long size, int align,
                                boolean packed) {
        long gap = to - from;
        if (nextType != TypeSystem.NO_TYPE && gap <= size * 8
                && (packed || bitfieldPlace(from, (int) gap, size, align) == from)) {
            items.add(new RecordPlan.BitPadding(nextType, (int) gap));
            return;
        }
        long pos = from;
        if (pos % 8 != 0) {
            int k = (int) Math.min(8 - pos % 8, to - pos);
            items.add(new RecordPlan.BitPadding(TypeSystem.NO_TYPE, k));
            pos += k;
        }
        if (to - pos >= 8) {
            long bytes = (to - pos) / 8;
            items.add(new RecordPlan.BytePadding(bytes));
            pos += bytes * 8;
        }
        if (to > pos) items.add(new RecordPlan.BitPadding(TypeSystem.NO_TYPE, (int) (to - pos)));
    }

    /**
     * Where System V puts a non-packed bitfield of {@code width} bits whose type has this size and
     * alignment, the previous member having ended at bit {@code pos}: in place, unless that makes
     * it span more alignment units of its type than the type itself does, in which case at the
     * next unit.
     */
    static long bitfieldPlace(long pos, int width, long size, int align) {
        long unit = align * 8L;
        if (width == 0) return alignUp(pos, unit);
        long spanned = ceilDiv(pos % unit + width, unit);
        long allowed = Math.max(1, size / align);
        return spanned > allowed ? alignUp(pos, unit) : pos;
    }

    /**
     * The smallest {@code aligned(N)} that moves a member from {@code cur} to {@code target}, or
     * 0 if no power of two does ({@code target} not a multiple of one larger than the gap).
     */
    private static int alignmentReaching(long cur, long target, int base) {
        long gap = target - cur;
        long n = Math.max(Long.highestOneBit(gap) * 2, base * 2L);
        if (n > MAX_ALIGNMENT || target % n != 0) return 0;
        return (int) n;
    }

    private boolean isBool(int id) {
        return ts.type(ts.strip(id)) instanceof ScalarType s && s.kind() == ScalarKind.BOOL;
    }

    private boolean isFlexible(int id) {
        return ts.type(ts.strip(id)) instanceof ArrayType a && a.isFlexible();
    }

    private long size(int id) {
        try {
            return ts.sizeOf(id);
        } catch (IllegalArgumentException e) {
            // A member of function type is not valid C; treat it as taking no room rather than fail.
            return 0;
        }
    }

    private int align(int id) {
        return Math.max(1, ts.alignOf(id));
    }

    static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
