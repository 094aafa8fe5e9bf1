package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;

/**
 * The layout handed to the linker for a struct or union passed by value. The linker classifies a
 * struct by the layouts of its members, so this layout describes each byte the way the C ABI
 * sees it, rather than member by member: floating-point members stay {@code float}/{@code double}
 * at their offsets, every other byte that holds data (integers, pointers, bitfield storage,
 * union members that overlap floats) becomes the largest aligned integers that cover it, and
 * bytes that hold nothing become padding. That gives the classification C compilers compute,
 * and the natural alignment the linker insists on, for records the member-wise layout cannot
 * describe (bitfields, unions of floats and integers).
 */
public final class CallLayout {
    private static final byte PAD = 0;
    private static final byte INT = 1;
    private static final byte SSE = 2;

    private final TypeSystem ts;
    private final byte[] cls;
    /** Size (4 or 8) of a float or double starting at each byte, 0 if none. */
    private final byte[] floatAt;

    private CallLayout(TypeSystem ts, long size) {
        this.ts = ts;
        this.cls = new byte[(int) size];
        this.floatAt = new byte[(int) size];
    }

    /** The call layout of record {@code id}, or throws {@link Unsupported} if there is none. */
    public static MemoryLayout of(TypeSystem ts, int id, String cName) {
        RecordType r = ts.type(ts.strip(id), RecordType.class);
        if (r.byteSize() > 1 << 20) throw new Unsupported(cName + " is too large to pass by value");
        var c = new CallLayout(ts, r.byteSize());
        c.mark(ts.strip(id), 0, 0);
        return c.build(r.alignment(), cName);
    }

    private void mark(int id, long at, int depth) {
        if (depth > 64) throw new Unsupported("types nest too deeply to pass by value");
        CType t = ts.type(ts.strip(id));
        switch (t) {
            case RecordType r -> {
                for (Field f : r.fields()) {
                    if (f.isBitfield()) {
                        // C sees a bitfield as part of a storage unit of its declared type: the
                        // aligned unit holding it is integer data, unused bits included.
                        long unit = Math.max(1, ts.sizeOf(f.type()));
                        long first = f.bitOffset() / 8 / unit * unit;
                        long last = ((f.bitOffset() + f.bitSize() + 7) / 8 + unit - 1) / unit * unit;
                        ints(at + first, at + Math.min(last, r.byteSize()));
                    } else {
                        mark(f.type(), at + f.byteOffset(), depth + 1);
                    }
                }
            }
            case ArrayType a -> {
                long n = a.isFlexible() ? 0 : a.count();
                long step = ts.sizeOf(a.element());
                for (long i = 0; i < n; i++) mark(a.element(), at + i * step, depth + 1);
            }
            case ScalarType s when s.kind() == ScalarKind.FLOAT && (s.byteSize() == 4 || s.byteSize() == 8) ->
                    sse(at, s.byteSize());
            case ScalarType s when s.kind() == ScalarKind.COMPLEX && (s.byteSize() == 8 || s.byteSize() == 16) -> {
                sse(at, s.byteSize() / 2);
                sse(at + s.byteSize() / 2, s.byteSize() / 2);
            }
            case ScalarType s -> ints(at, at + s.byteSize());
            case PointerType p -> ints(at, at + p.byteSize());
            case EnumType e -> ints(at, at + e.byteSize());
            default -> { }
        }
    }

    private void ints(long from, long to) {
        for (long i = Math.max(0, from); i < Math.min(to, cls.length); i++) cls[(int) i] = INT;
    }

    private void sse(long at, int size) {
        if (at < 0 || at + size > cls.length) return;
        for (int i = 0; i < size; i++) {
            // A byte that is both a float and integer data (a union) is integer data, as in C.
            if (cls[(int) at + i] != INT) cls[(int) at + i] = SSE;
        }
        floatAt[(int) at] = (byte) Math.max(floatAt[(int) at], size);
    }

    private MemoryLayout build(int alignment, String cName) {
        var members = new ArrayList<MemoryLayout>();
        int p = 0;
        int n = cls.length;
        while (p < n) {
            if (cls[p] == PAD) {
                int q = p;
                while (q < n && cls[q] == PAD) q++;
                gap(members, p, q, alignment, cName);
                p = q;
            } else if (cls[p] == SSE && floatAt[p] > 0 && allSse(p, floatAt[p])) {
                members.add(floatAt[p] == 8 ? ValueLayout.JAVA_DOUBLE : ValueLayout.JAVA_FLOAT);
                p += floatAt[p];
            } else {
                // Integer data (or the unaligned tail of a float overlapped by a union member).
                int chunk = largestChunk(p, alignment, true);
                members.add(CLayouts.integer(chunk));
                p += chunk;
            }
        }
        MemoryLayout s = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new));
        if (s.byteAlignment() != alignment) {
            throw new Unsupported(cName + " has alignment " + alignment + " but its members only " + s.byteAlignment()
                    + " (an aligned attribute, or an unnamed bitfield DWARF does not show): java.lang.foreign's linker"
                    + " cannot pass it by value");
        }
        return s;
    }

    /**
     * Bytes {@code [p, q)} hold no data. The linker accepts padding only where alignment needs it;
     * any other gap is filled with integers, which classifies the same as C when the record is
     * passed in memory anyway (over 16 bytes) or the gap shares its eightbytes with integer data.
     * A gap next to floats only would turn them into integers: refused rather than miscalled.
     */
    private void gap(java.util.List<MemoryLayout> members, int p, int q, int alignment, String cName) {
        int next = q < cls.length ? naturalAt(q) : alignment;
        if ((p + next - 1) / next * next == q) {
            members.add(MemoryLayout.paddingLayout(q - p));
            return;
        }
        boolean inMemory = cls.length > 16;
        boolean intNeighbour = false;
        for (int e = p / 8 * 8; e < Math.min(cls.length, (q + 7) / 8 * 8); e++) intNeighbour |= cls[e] == INT;
        if (!inMemory && !intNeighbour) {
            throw new Unsupported(cName + ": bytes " + p + ".." + (q - 1) + " share no eightbyte with integer data and "
                    + "the layout holds no data DWARF describes there (an unnamed bitfield, or alignment padding an "
                    + "attribute added); how C passes it cannot be known, so java.lang.foreign's linker is not asked to");
        }
        for (int i = p; i < q; ) {
            int chunk = largestChunk(i, alignment, false);
            while (i + chunk > q) chunk /= 2;
            members.add(CLayouts.integer(chunk));
            i += chunk;
        }
    }

    /** Alignment of the member the builder will place at {@code q}. */
    private int naturalAt(int q) {
        if (cls[q] == SSE && floatAt[q] > 0 && allSse(q, floatAt[q])) return floatAt[q];
        return largestChunk(q, Integer.MAX_VALUE, true);
    }

    private int largestChunk(int p, int alignment, boolean data) {
        int chunk = 8;
        while (chunk > 1 && (p % chunk != 0 || p + chunk > cls.length || chunk > alignment || data && !allData(p, chunk))) {
            chunk /= 2;
        }
        return chunk;
    }

    private boolean allSse(int p, int size) {
        if (p + size > cls.length) return false;
        for (int i = p; i < p + size; i++) if (cls[i] != SSE) return false;
        return true;
    }

    private boolean allData(int p, int size) {
        for (int i = p; i < p + size; i++) if (cls[i] == PAD) return false;
        return true;
    }
}
