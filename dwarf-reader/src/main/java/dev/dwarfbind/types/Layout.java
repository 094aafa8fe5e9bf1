package dev.dwarfbind.types;

import java.util.function.IntFunction;

/**
 * The one rule for the size and alignment of a type, shared by the finished {@link TypeSystem}
 * and by a {@link TypeSystemBuilder} still being filled (where a reserved record may not be
 * defined yet: it counts as empty, which is only ever reached through a pointer).
 */
final class Layout {
    /** Longer chains than this (typedefs, arrays) can only be cycles: a type nests at most MAX_NESTING deep. */
    private static final int MAX_HOPS = 1 << 16;

    private Layout() {
    }

    /**
     * Size in bytes. A function type has none: with {@code lenient} it counts as 0 (a reader
     * laying out corrupt input must not fail here), otherwise it is an error. Sizes that overflow
     * saturate at {@link Long#MAX_VALUE} when lenient.
     */
    static long sizeOf(IntFunction<CType> types, int id, boolean lenient) {
        // Arrays of arrays are walked in a loop, multiplying the counts: a type may nest
        // MAX_NESTING deep, and recursion here would be the only thing limiting that.
        long count = 1;
        CType t = peel(types, id);
        for (int hops = 0; t instanceof ArrayType a && !a.isFlexible(); hops++) {
            if (hops > MAX_HOPS) throw new IllegalStateException("array cycle through type " + id);
            count = lenient ? saturatingMultiply(count, a.count()) : Math.multiplyExact(count, a.count());
            id = a.element();
            t = peel(types, id);
        }
        long size;
        if (t instanceof ScalarType s) size = s.byteSize();
        else if (t instanceof PointerType p) size = p.byteSize();
        else if (t instanceof RecordType r) size = r.byteSize();
        else if (t instanceof EnumType e) size = e.byteSize();
        else if (t instanceof FunctionType && !lenient) throw new IllegalArgumentException("a function type has no size (type " + id + ")");
        else size = 0; // void, a flexible array, a function type (lenient), or nothing
        return lenient ? saturatingMultiply(count, size) : Math.multiplyExact(count, size);
    }

    private static long saturatingMultiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /** Alignment in bytes. */
    static int alignOf(IntFunction<CType> types, Target target, int id) {
        for (int hops = 0; ; hops++) {
            if (hops > MAX_HOPS) throw new IllegalStateException("array cycle through type " + id);
            CType t = peel(types, id);
            if (t instanceof ArrayType a) id = a.element();
            else if (t instanceof ScalarType s) return s.alignment();
            else if (t instanceof PointerType p) return target.pointerAlignment(p.byteSize());
            else if (t instanceof RecordType r) return r.alignment();
            else if (t instanceof EnumType e) return e.alignment();
            else return 1; // void, a function type, or nothing
        }
    }

    /** The type after typedefs and qualifiers; a chain longer than any real one is an error. */
    private static CType peel(IntFunction<CType> types, int id) {
        for (int hops = 0; hops < MAX_HOPS; hops++) {
            CType t = types.apply(id);
            if (t instanceof TypedefType td) id = td.target();
            else if (t instanceof QualifiedType q) id = q.type();
            else return t;
        }
        throw new IllegalStateException("typedef cycle through type " + id);
    }
}
