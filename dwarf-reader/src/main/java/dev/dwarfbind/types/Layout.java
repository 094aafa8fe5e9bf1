package dev.dwarfbind.types;

import java.util.function.IntFunction;

/**
 * The one rule for the size and alignment of a type, shared by the finished {@link TypeSystem}
 * and by a {@link TypeSystemBuilder} still being filled (where a reserved record may not be
 * defined yet: it counts as empty, which is only ever reached through a pointer).
 */
final class Layout {
    private Layout() {
    }

    /**
     * Size in bytes. A function type has none: with {@code lenient} it counts as 0 (a reader
     * laying out corrupt input must not fail here), otherwise it is an error. Sizes that overflow
     * saturate at {@link Long#MAX_VALUE} when lenient.
     */
    static long sizeOf(IntFunction<CType> types, int id, boolean lenient) {
        CType t = peel(types, id);
        return switch (t) {
            case null -> 0;
            case VoidType v -> 0;
            case ScalarType s -> s.byteSize();
            case PointerType p -> p.byteSize();
            case ArrayType a -> {
                if (a.isFlexible()) yield 0;
                long element = sizeOf(types, a.element(), lenient);
                if (!lenient) yield Math.multiplyExact(a.count(), element);
                yield Math.multiplyHigh(a.count(), element) != 0 ? Long.MAX_VALUE : a.count() * element;
            }
            case RecordType r -> r.byteSize();
            case EnumType e -> e.byteSize();
            case FunctionType f -> {
                if (lenient) yield 0;
                throw new IllegalArgumentException("a function type has no size (type " + id + ")");
            }
            case TypedefType td -> throw new AssertionError();
            case QualifiedType q -> throw new AssertionError();
        };
    }

    /** Alignment in bytes. */
    static int alignOf(IntFunction<CType> types, Target target, int id) {
        CType t = peel(types, id);
        return switch (t) {
            case null -> 1;
            case VoidType v -> 1;
            case ScalarType s -> s.alignment();
            case PointerType p -> target.pointerAlignment(p.byteSize());
            case ArrayType a -> alignOf(types, target, a.element());
            case RecordType r -> r.alignment();
            case EnumType e -> e.alignment();
            case FunctionType f -> 1;
            case TypedefType td -> throw new AssertionError();
            case QualifiedType q -> throw new AssertionError();
        };
    }

    /** The type after typedefs and qualifiers; a chain longer than any real one is an error. */
    private static CType peel(IntFunction<CType> types, int id) {
        for (int hops = 0; hops < 1 << 16; hops++) {
            CType t = types.apply(id);
            switch (t) {
                case TypedefType td -> id = td.target();
                case QualifiedType q -> id = q.type();
                case null, default -> {
                    return t;
                }
            }
        }
        throw new IllegalStateException("typedef cycle through type " + id);
    }
}
