package dev.dwarfbind.bind;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes one C value in memory by its type: what struct fields, array elements and
 * global variables share. Integers follow the same boxing rules as call returns; bitfields are
 * masked and sign-extended; records and arrays come back as views, not copies.
 */
final class Values {
    private Values() {
    }

    static Object read(Library lib, int typeId, MemorySegment seg, long offset, String what) {
        TypeSystem ts = lib.types();
        int id = ts.strip(typeId);
        CType t = ts.type(id);
        return switch (t) {
            case ScalarType s -> scalar(s, seg, offset, what);
            case EnumType e -> integer(seg, offset, e.byteSize(), e.signed());
            case PointerType p -> lib.sized(seg.get(ValueLayout.ADDRESS_UNALIGNED, offset), ts.strip(p.pointee()));
            case RecordType r -> new CStruct(lib, id, seg.asSlice(offset, r.byteSize()));
            case ArrayType a -> new CArray(lib, id, seg.asSlice(offset, a.isFlexible() ? 0 : ts.sizeOf(id)));
            default -> throw new ArgumentException(what + ": " + lib.cName(typeId) + " has no value to read");
        };
    }

    private static Object scalar(ScalarType s, MemorySegment seg, long offset, String what) {
        return switch (s.kind()) {
            case BOOL -> seg.get(ValueLayout.JAVA_BYTE, offset) != 0;
            case FLOAT -> switch (s.byteSize()) {
                case 4 -> seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset);
                case 8 -> seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset);
                default -> throw new ArgumentException(what + ": " + s.name() + " values cannot be read from Java");
            };
            case COMPLEX, DECIMAL_FLOAT -> throw new ArgumentException(what + ": " + s.name() + " values cannot be read from Java");
            default -> {
                if (s.byteSize() > 8) throw new ArgumentException(what + ": " + s.name() + " values cannot be read from Java");
                yield integer(seg, offset, s.byteSize(), s.signed() && s.kind() != ScalarKind.UNICODE_CHAR);
            }
        };
    }

    static Object integer(MemorySegment seg, long offset, int size, boolean signed) {
        long x = switch (size) {
            case 1 -> signed ? seg.get(ValueLayout.JAVA_BYTE, offset) : Byte.toUnsignedLong(seg.get(ValueLayout.JAVA_BYTE, offset));
            case 2 -> signed ? seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset)
                    : Short.toUnsignedLong(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset));
            case 4 -> signed ? seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset)
                    : Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset));
            default -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
        };
        return boxInteger(x, size, signed);
    }

    /**
     * The Java value of a C integer, by the documented rule: {@code Integer} when it always fits
     * (signed up to 32 bits, unsigned up to 16), {@code Long} otherwise.
     */
    static Object boxInteger(long x, long size, boolean signed) {
        return size < 4 || size == 4 && signed ? (Object) (int) x : (Object) x;
    }

    static void write(Library lib, int typeId, MemorySegment seg, long offset, Object value, String what) {
        TypeSystem ts = lib.types();
        int id = ts.strip(typeId);
        CType t = ts.type(id);
        switch (t) {
            case ScalarType s when s.kind() == ScalarKind.BOOL ->
                    seg.set(ValueLayout.JAVA_BYTE, offset, (byte) (Conversions.bool(value, what) ? 1 : 0));
            case ScalarType s when s.kind() == ScalarKind.FLOAT && s.byteSize() == 4 ->
                    seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED, offset, (float) Conversions.number(value, lib.callTypes().of(id), what));
            case ScalarType s when s.kind() == ScalarKind.FLOAT && s.byteSize() == 8 ->
                    seg.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset, Conversions.number(value, lib.callTypes().of(id), what));
            case ScalarType s when s.kind().isInteger() && s.byteSize() <= 8 -> writeInteger(lib, id, seg, offset, value, what);
            case EnumType e when e.complete() -> writeInteger(lib, id, seg, offset, value, what);
            case PointerType p -> {
                MemorySegment m = switch (value) {
                    case null -> MemorySegment.NULL;
                    case MemorySegment ms -> ms;
                    case CStruct cs -> cs.segment();
                    case NativeFunction f -> f.address();
                    default -> throw new ArgumentException(what + ": cannot store " + value.getClass().getSimpleName()
                            + " in " + lib.cName(typeId) + " (store a MemorySegment, a CStruct or null)");
                };
                seg.set(ValueLayout.ADDRESS_UNALIGNED, offset, m);
            }
            case RecordType r -> {
                MemorySegment src = switch (value) {
                    case CStruct cs when lib.sameRecord(cs.typeId(), id) -> cs.segment();
                    case MemorySegment ms when ms.byteSize() >= r.byteSize() -> ms;
                    default -> throw new ArgumentException(what + ": expected " + lib.cName(typeId) + ", got " + value);
                };
                MemorySegment.copy(src, 0, seg, offset, r.byteSize());
            }
            default -> throw new ArgumentException(what + ": values of " + lib.cName(typeId) + " cannot be written from Java");
        }
    }

    private static void writeInteger(Library lib, int id, MemorySegment seg, long offset, Object value, String what) {
        CallType ct = lib.callTypes().of(id);
        Object c = Conversions.integer(lib, ct, value, what);
        switch (c) {
            case Byte b -> seg.set(ValueLayout.JAVA_BYTE, offset, b);
            case Short s -> seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset, s);
            case Integer i -> seg.set(ValueLayout.JAVA_INT_UNALIGNED, offset, i);
            default -> seg.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, (Long) c);
        }
    }

    /** Reads a bitfield of {@code bits} bits at {@code bitOffset} from the segment's start. */
    static Object readBits(MemorySegment seg, long bitOffset, int bits, boolean signed) {
        long v = 0;
        for (int i = 0; i < bits; i++) {
            long bit = bitOffset + i;
            int b = seg.get(ValueLayout.JAVA_BYTE, bit >>> 3);
            if ((b >>> (bit & 7) & 1) != 0) v |= 1L << i;
        }
        if (signed && bits < 64 && (v >>> (bits - 1) & 1) != 0) v |= -1L << bits;
        return bits < 32 || bits == 32 && signed ? (Object) (int) v : (Object) v;
    }

    /** Writes {@code v}'s low {@code bits} bits into a bitfield, leaving the neighbouring bits alone. */
    static void writeBits(MemorySegment seg, long bitOffset, int bits, long v) {
        for (int i = 0; i < bits; i++) {
            long bit = bitOffset + i;
            long at = bit >>> 3;
            int b = seg.get(ValueLayout.JAVA_BYTE, at);
            int mask = 1 << (bit & 7);
            b = (v >>> i & 1) != 0 ? b | mask : b & ~mask;
            seg.set(ValueLayout.JAVA_BYTE, at, (byte) b);
        }
    }
}
