package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.VoidType;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory layouts of C types, from the type system's sizes, alignments and offsets. Two flavours
 * exist: a <em>memory</em> layout describes where bytes are (any record, packed ones included,
 * bitfields as raw bytes), and a <em>call</em> layout is what the linker classifies for passing
 * by value, which {@code callLayout} refuses for what the linker cannot pass.
 */
public final class CLayouts {
    private final TypeSystem ts;
    private final boolean foreign;
    private final Map<Integer, MemoryLayout> memory = new ConcurrentHashMap<>();

    public CLayouts(TypeSystem ts) {
        this(ts, false);
    }

    /**
     * Layouts of {@code ts}; for a {@code foreign} target (not this JVM's), a pointer is an integer
     * of the target's pointer size, since its value is not an address of this process.
     */
    public CLayouts(TypeSystem ts, boolean foreign) {
        this.ts = ts;
        this.foreign = foreign;
    }

    public TypeSystem types() {
        return ts;
    }

    /** The carrier layout of a scalar, or {@code null} if the linker has none. */
    public static ValueLayout scalarLayout(ScalarType s) {
        return switch (s.kind()) {
            case BOOL -> s.byteSize() == 1 ? ValueLayout.JAVA_BOOLEAN : null;
            case CHAR, SIGNED_CHAR, UNSIGNED_CHAR, SIGNED, UNSIGNED, UNICODE_CHAR -> integer(s.byteSize());
            case FLOAT -> switch (s.byteSize()) {
                case 4 -> ValueLayout.JAVA_FLOAT;
                case 8 -> ValueLayout.JAVA_DOUBLE;
                default -> null; // _Float16, long double, __float128
            };
            case COMPLEX, DECIMAL_FLOAT -> null;
        };
    }

    public static ValueLayout integer(long size) {
        return switch ((int) size) {
            case 1 -> ValueLayout.JAVA_BYTE;
            case 2 -> ValueLayout.JAVA_SHORT;
            case 4 -> ValueLayout.JAVA_INT;
            case 8 -> ValueLayout.JAVA_LONG;
            default -> null; // __int128
        };
    }

    /** The layout describing how a value of type {@code id} sits in memory. */
    public MemoryLayout memoryLayout(int id) {
        int t = ts.strip(id);
        MemoryLayout l = memory.get(t);
        if (l == null) {
            l = computeMemory(t);
            memory.putIfAbsent(t, l);
        }
        return l;
    }

    private MemoryLayout computeMemory(int id) {
        CType t = ts.type(id);
        long size = t instanceof FunctionType || t instanceof VoidType ? 0 : ts.sizeOf(id);
        int align = ts.alignOf(id);
        return switch (t) {
            case ScalarType s -> {
                ValueLayout v = scalarLayout(s);
                if (s.kind() == ScalarKind.COMPLEX && (s.byteSize() == 8 || s.byteSize() == 16)) {
                    ValueLayout part = s.byteSize() == 8 ? ValueLayout.JAVA_FLOAT : ValueLayout.JAVA_DOUBLE;
                    yield MemoryLayout.structLayout(part.withName("real"), part.withName("imag"));
                }
                yield v != null ? v.withByteAlignment(align) : opaqueBytes(size, align);
            }
            case PointerType p -> foreign ? integer(ts.target().pointerSize()).withByteAlignment(align)
                    : ValueLayout.ADDRESS.withByteAlignment(align);
            case EnumType e -> e.byteSize() == 0 ? opaqueBytes(0, 1) : integer(e.byteSize()).withByteAlignment(align);
            case ArrayType a -> MemoryLayout.sequenceLayout(a.isFlexible() ? 0 : a.count(), memoryLayout(a.element()));
            case RecordType r -> record(r);
            case FunctionType f -> opaqueBytes(0, 1);
            case VoidType v -> opaqueBytes(0, 1);
            default -> throw new AssertionError(t);
        };
    }

    private static MemoryLayout opaqueBytes(long size, int align) {
        if (size == 0) return MemoryLayout.sequenceLayout(0, ValueLayout.JAVA_BYTE).withByteAlignment(Math.max(1, align));
        return MemoryLayout.sequenceLayout(size, ValueLayout.JAVA_BYTE).withByteAlignment(align);
    }

    /**
     * A record as a struct (or union) layout: members at their offsets with explicit padding,
     * runs of bitfields as the bytes they occupy, members below their natural alignment (packed
     * records) with alignment 1.
     */
    private MemoryLayout record(RecordType r) {
        if (!r.complete()) return opaqueBytes(0, 1);
        if (r.kind() == RecordKind.UNION) {
            var members = new ArrayList<MemoryLayout>();
            for (Field f : r.fields()) {
                MemoryLayout m = f.isBitfield() ? bitfieldBytes(f) : memoryLayout(f.type());
                if (m.byteSize() == 0) continue;
                members.add(name(m, f));
            }
            MemoryLayout u = MemoryLayout.unionLayout(members.toArray(MemoryLayout[]::new));
            long pad = r.byteSize() - u.byteSize();
            if (pad > 0) u = MemoryLayout.unionLayout(append(members, MemoryLayout.paddingLayout(r.byteSize())));
            if (u.byteAlignment() > r.alignment()) u = unaligned(u);
            return u.withByteAlignment(r.alignment());
        }
        List<Field> sorted = new ArrayList<>(r.fields());
        sorted.sort(Comparator.comparingLong(Field::bitOffset));
        var members = new ArrayList<MemoryLayout>();
        long at = 0; // bytes laid out so far
        for (int i = 0; i < sorted.size(); i++) {
            Field f = sorted.get(i);
            if (f.isBitfield()) {
                // A run of bitfields becomes the whole bytes it touches.
                long start = f.bitOffset() / 8;
                long endBit = f.bitOffset() + f.bitSize();
                while (i + 1 < sorted.size() && sorted.get(i + 1).isBitfield() && sorted.get(i + 1).bitOffset() / 8 < (endBit + 7) / 8) {
                    i++;
                    endBit = Math.max(endBit, sorted.get(i).bitOffset() + sorted.get(i).bitSize());
                }
                start = Math.max(start, at);
                long end = (endBit + 7) / 8;
                if (start > at) members.add(MemoryLayout.paddingLayout(start - at));
                // As integers of the largest aligned sizes that fit, so the record keeps its natural
                // alignment (the linker insists on it) and classifies as INTEGER, as C's does.
                for (long p = start; p < end; ) {
                    int chunk = 8;
                    while (chunk > 1 && (p % chunk != 0 || p + chunk > end)) chunk /= 2;
                    members.add(integer(chunk).withName("bits$" + p));
                    p += chunk;
                }
                at = Math.max(at, end);
                continue;
            }
            long off = f.byteOffset();
            MemoryLayout m = memoryLayout(f.type());
            if (off < at) continue; // overlapping member (corrupt or exotic): memory views still find it by offset
            if (off > at) members.add(MemoryLayout.paddingLayout(off - at));
            if (off % m.byteAlignment() != 0) m = unaligned(m);
            members.add(name(m, f));
            at = off + m.byteSize();
        }
        if (r.byteSize() > at) members.add(MemoryLayout.paddingLayout(r.byteSize() - at));
        MemoryLayout s = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new));
        // A packed record is less aligned than its bitfield chunks or members: they sit unaligned.
        if (s.byteAlignment() > r.alignment()) s = unaligned(s);
        return s.withByteAlignment(Math.max(r.alignment(), 1));
    }

    private static MemoryLayout[] append(List<MemoryLayout> list, MemoryLayout extra) {
        var out = new ArrayList<>(list);
        out.add(extra);
        return out.toArray(MemoryLayout[]::new);
    }

    private static MemoryLayout name(MemoryLayout m, Field f) {
        return f.name() == null ? m : m.withName(f.name());
    }

    private static MemoryLayout bitfieldBytes(Field f) {
        long start = f.bitOffset() / 8;
        long end = (f.bitOffset() + f.bitSize() + 7) / 8;
        var bytes = MemoryLayout.sequenceLayout(end - start, ValueLayout.JAVA_BYTE);
        return start == 0 ? bytes : MemoryLayout.structLayout(MemoryLayout.paddingLayout(start), bytes);
    }

    /** The same layout with alignment 1 all the way down (a member of a packed record). */
    public static MemoryLayout unaligned(MemoryLayout m) {
        MemoryLayout u = switch (m) {
            case ValueLayout v -> v.withByteAlignment(1);
            case java.lang.foreign.SequenceLayout s -> MemoryLayout.sequenceLayout(s.elementCount(), unaligned(s.elementLayout()));
            case StructLayout s -> MemoryLayout.structLayout(s.memberLayouts().stream().map(CLayouts::unaligned).toArray(MemoryLayout[]::new));
            case java.lang.foreign.UnionLayout un -> MemoryLayout.unionLayout(un.memberLayouts().stream().map(CLayouts::unaligned).toArray(MemoryLayout[]::new));
            case java.lang.foreign.PaddingLayout p -> p;
        };
        return m.name().map(u::withName).orElse(u);
    }
}
