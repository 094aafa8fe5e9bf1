package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.value.ValueContext;
import dev.dwarfbind.bind.internal.value.Values;
import dev.dwarfbind.types.ArrayType;

import java.lang.foreign.MemorySegment;
import java.util.StringJoiner;

/**
 * A C array in native memory (a struct member or a global), seen through its type. Elements are
 * read and written like struct members; multi-dimensional arrays give nested views.
 */
public final class CArray {
    private final ValueContext cx;
    private final int typeId;
    private final MemorySegment segment;

    CArray(ValueContext cx, int typeId, MemorySegment segment) {
        this.cx = cx;
        this.typeId = typeId;
        this.segment = segment;
    }

    private ArrayType type() {
        return cx.types().type(cx.types().strip(typeId), ArrayType.class);
    }

    /** Number of elements ({@code 0} for a flexible array, whose length C does not record). */
    public long length() {
        ArrayType a = type();
        return a.isFlexible() ? 0 : a.count();
    }

    /** The memory of the whole array. */
    public MemorySegment segment() {
        return segment;
    }

    /** Element {@code index}, boxed like {@link CStruct#get}. */
    public Object get(long index) {
        return Values.read(cx, type().element(), segment, offset(index), cx.cName(typeId) + "[" + index + "]");
    }

    /** Sets element {@code index}. */
    public CArray set(long index, Object value) {
        Values.write(cx, type().element(), segment, offset(index), value, cx.cName(typeId) + "[" + index + "]");
        return this;
    }

    private long offset(long index) {
        if (index < 0 || index >= length()) {
            throw new ArgumentException(cx.cName(typeId) + ": index " + index + " is outside 0.." + (length() - 1));
        }
        if (!segment.scope().isAlive()) throw new IllegalStateException(cx.cName(typeId) + ": the arena holding this array is closed");
        return index * cx.types().sizeOf(type().element());
    }

    @Override
    public String toString() {
        return format(0);
    }

    String format(int depth) {
        var sj = new StringJoiner(", ", "[", "]");
        long n = Math.min(length(), 16);
        for (long i = 0; i < n; i++) {
            Object v = get(i);
            sj.add(switch (v) {
                case CStruct s -> s.format(depth + 1);
                case CArray a -> a.format(depth + 1);
                default -> String.valueOf(v);
            });
        }
        if (length() > n) sj.add("... " + (length() - n) + " more");
        return sj.toString();
    }
}
