package dev.dwarfbind.sidecar;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

import java.util.OptionalInt;

/**
 * Decides whether a complete struct or union needs {@code DW_AT_alignment}.
 *
 * <p>DWARF has no "packed" attribute and compilers record alignment only when the source asked for
 * it, so the reader infers both: a member below its type's alignment makes a record packed; without
 * {@code DW_AT_alignment}, a size that is not a multiple of the largest member alignment does too,
 * and trailing padding beyond the natural layout reveals an {@code aligned(N)}. This class runs
 * that same inference on the record as the emitter would write it (members carry no alignment of
 * their own) and asks for the attribute only when the inference alone would not give back the
 * record's {@code alignment} and {@code packed}. Emitting the attribute always would be simpler,
 * but it turns the size check off and so would lose {@code packed} on records such as
 * {@code struct __attribute__((packed)) { int a; char b; }}.
 */
final class RecordAlignment {
    private RecordAlignment() {
    }

    /**
     * The {@code DW_AT_alignment} to write for record {@code id}, or empty if none is needed.
     *
     * @throws UnsupportedSidecarException if neither choice reads back as the record's layout
     */
    static OptionalInt attributeFor(TypeSystem ts, int id, RecordType r) {
        int natural = 1;
        boolean memberPacked = false;
        long naturalEnd = 0;
        for (Field f : r.fields()) {
            int align = alignOf(ts, f.type());
            if (f.bitSize() == 0) {
                long byteOff = f.bitOffset() / 8;
                if (f.bitOffset() % 8 != 0 || byteOff % align != 0) memberPacked = true;
                naturalEnd = Math.max(naturalEnd, byteOff + sizeOf(ts, f.type()));
            } else {
                naturalEnd = Math.max(naturalEnd, (f.bitOffset() + f.bitSize() + 7) / 8);
            }
            natural = Math.max(natural, align);
        }
        long size = r.byteSize();
        boolean packed = memberPacked || size % natural != 0;
        int base = packed ? 1 : natural;
        int inferred = base;
        while (inferred < 4096 && roundUp(naturalEnd, inferred) < size) inferred *= 2;
        if (roundUp(naturalEnd, inferred) != size) inferred = base;
        if (inferred == r.alignment() && packed == r.packed()) return OptionalInt.empty();
        // With the attribute the reader takes the alignment as given and judges packing by the
        // member offsets only.
        if (memberPacked == r.packed() && Integer.bitCount(r.alignment()) == 1 && r.alignment() <= 1 << 29) {
            return OptionalInt.of(r.alignment());
        }
        throw new UnsupportedSidecarException("type " + id + " (" + r.kind().keyword() + " "
                + (r.tag() == null ? "<anonymous>" : r.tag()) + "): alignment " + r.alignment() + " with packed="
                + r.packed() + " cannot be expressed in DWARF: its member offsets say packed=" + memberPacked
                + " and its size says alignment " + inferred);
    }

    private static long roundUp(long v, long align) {
        return (v + align - 1) / align * align;
    }

    /** A member type's alignment as the reader computes it (a function type counts as 1). */
    private static int alignOf(TypeSystem ts, int id) {
        CType t = ts.type(id);
        return switch (t) {
            case ScalarType s -> s.alignment();
            case PointerType p -> ts.target().arch().equals("x86") ? 4 : p.byteSize();
            case ArrayType a -> alignOf(ts, a.element());
            case RecordType rec -> rec.alignment();
            case EnumType e -> e.alignment();
            case TypedefType td -> alignOf(ts, td.target());
            case QualifiedType q -> alignOf(ts, q.type());
            case FunctionType f -> 1;
            case VoidType v -> 1;
        };
    }

    /** A member type's size as the reader computes it (a function type counts as 0). */
    private static long sizeOf(TypeSystem ts, int id) {
        CType t = ts.type(id);
        return switch (t) {
            case ScalarType s -> s.byteSize();
            case PointerType p -> p.byteSize();
            case ArrayType a -> a.isFlexible() ? 0 : a.count() * sizeOf(ts, a.element());
            case RecordType rec -> rec.byteSize();
            case EnumType e -> e.byteSize();
            case TypedefType td -> sizeOf(ts, td.target());
            case QualifiedType q -> sizeOf(ts, q.type());
            case FunctionType f -> 0;
            case VoidType v -> 0;
        };
    }
}
