package dev.dwarfbind.bind.internal.value;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.abi.CallType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes one C value in memory by its type: what struct fields, array elements and
 * global variables share. Integers follow the same boxing rules as call returns; bitfields are
 * masked and sign-extended; records and arrays come back as views, not copies.
 */
public final class Values {
    private Values() {
    }

    public static Object read(ValueContext cx, int typeId, MemorySegment seg, long offset, String what) {
        TypeSystem ts = cx.types();
        int id = ts.strip(typeId);
        CType t = ts.type(id);
        return switch (t) {
            case ScalarType s -> scalar(s, seg, offset, what);
            case EnumType e -> integer(seg, offset, e.byteSize(), e.signed());
            case PointerType p when cx.foreign() -> foreignPointer(cx, seg, offset);
            case PointerType p -> cx.sized(seg.get(ValueLayout.ADDRESS_UNALIGNED, offset), ts.strip(p.pointee()));
            case RecordType r -> cx.api().struct(id, seg.asSlice(offset, r.byteSize()));
            case ArrayType a -> cx.api().array(id, seg.asSlice(offset, a.isFlexible() ? 0 : ts.sizeOf(id)));
            default -> throw new ArgumentException(what + ": " + cx.cName(typeId) + " has no value to read");
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
                // __int128: a BigInteger, as dynamic calls return it.
                if (s.byteSize() == 16) yield BigInt128.read(seg, offset, s.signed() && s.kind() != ScalarKind.UNICODE_CHAR);
                if (s.byteSize() > 8) throw new ArgumentException(what + ": " + s.name() + " values cannot be read from Java");
                yield integer(seg, offset, s.byteSize(), s.signed() && s.kind() != ScalarKind.UNICODE_CHAR);
            }
        };
    }

    public static Object integer(MemorySegment seg, long offset, int size, boolean signed) {
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
    public static Object boxInteger(long x, long size, boolean signed) {
        return size < 4 || size == 4 && signed ? (Object) (int) x : (Object) x;
    }

    public static void write(ValueContext cx, int typeId, MemorySegment seg, long offset, Object value, String what) {
        TypeSystem ts = cx.types();
        int id = ts.strip(typeId);
        CType t = ts.type(id);
        switch (t) {
            case ScalarType s when s.kind() == ScalarKind.BOOL ->
                    seg.set(ValueLayout.JAVA_BYTE, offset, (byte) (Conversions.bool(value, what) ? 1 : 0));
            case ScalarType s when s.kind() == ScalarKind.FLOAT && s.byteSize() == 4 ->
                    seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED, offset, (float) Conversions.number(value, cx.callTypes().of(id), what));
            case ScalarType s when s.kind() == ScalarKind.FLOAT && s.byteSize() == 8 ->
                    seg.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset, Conversions.number(value, cx.callTypes().of(id), what));
            case ScalarType s when s.kind().isInteger() && s.byteSize() <= 8 -> writeInteger(cx, id, seg, offset, value, what);
            case ScalarType s when s.kind().isInteger() && s.byteSize() == 16 ->
                    BigInt128.write(seg, offset, Conversions.int128(cx, cx.callTypes().of(id), value, what));
            case EnumType e when e.complete() -> writeInteger(cx, id, seg, offset, value, what);
            case PointerType p when cx.foreign() -> writeForeignPointer(cx, typeId, seg, offset, value, what);
            case PointerType p -> {
                MemorySegment m = switch (value) {
                    case null -> MemorySegment.NULL;
                    case MemorySegment ms -> ms;
                    default -> {
                        if (cx.api().structType(value) >= 0) yield cx.api().structSegment(value, what);
                        MemorySegment f = cx.api().functionAddress(value);
                        if (f != null) yield f;
                        throw new ArgumentException(what + ": cannot store " + value.getClass().getSimpleName()
                                + " in " + cx.cName(typeId) + " (store a MemorySegment, a CStruct or null)");
                    }
                };
                seg.set(ValueLayout.ADDRESS_UNALIGNED, offset, m);
            }
            case RecordType r -> {
                MemorySegment src = switch (value) {
                    case MemorySegment ms when ms.byteSize() >= r.byteSize() -> ms;
                    case null -> throw new ArgumentException(what + ": expected " + cx.cName(typeId) + ", got null");
                    default -> {
                        int type = cx.api().structType(value);
                        if (type < 0 || !cx.sameRecord(type, id)) {
                            throw new ArgumentException(what + ": expected " + cx.cName(typeId) + ", got " + value);
                        }
                        yield cx.api().structSegment(value, what);
                    }
                };
                MemorySegment.copy(src, 0, seg, offset, r.byteSize());
            }
            default -> throw new ArgumentException(what + ": values of " + cx.cName(typeId) + " cannot be written from Java");
        }
    }

    /**
     * A pointer of another target, as the {@code Long} it holds (unsigned): it is an address in
     * that target's process, so it is neither sized nor dereferenced here.
     */
    private static Object foreignPointer(ValueContext cx, MemorySegment seg, long offset) {
        return cx.types().target().pointerSize() == 4
                ? Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset))
                : seg.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
    }

    private static void writeForeignPointer(ValueContext cx, int typeId, MemorySegment seg, long offset, Object value, String what) {
        long v = switch (value) {
            case null -> 0L;
            case Long l -> l;
            case Integer i -> Integer.toUnsignedLong(i);
            default -> throw new ArgumentException(what + ": a pointer of a foreign target (" + cx.types().target()
                    + ") is stored as its integer value (a Long, or null for NULL), not " + value.getClass().getSimpleName());
        };
        if (cx.types().target().pointerSize() == 4) {
            if (v >>> 32 != 0) {
                throw new ArgumentException(what + ": " + Long.toUnsignedString(v) + " does not fit the target's 32-bit "
                        + cx.cName(typeId));
            }
            seg.set(ValueLayout.JAVA_INT_UNALIGNED, offset, (int) v);
        } else {
            seg.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, v);
        }
    }

    private static void writeInteger(ValueContext cx, int id, MemorySegment seg, long offset, Object value, String what) {
        CallType ct = cx.callTypes().of(id);
        Object c = Conversions.integer(cx, ct, value, what);
        switch (c) {
            case Byte b -> seg.set(ValueLayout.JAVA_BYTE, offset, b);
            case Short s -> seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset, s);
            case Integer i -> seg.set(ValueLayout.JAVA_INT_UNALIGNED, offset, i);
            default -> seg.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, (Long) c);
        }
    }

    /** Reads a bitfield of {@code bits} bits at {@code bitOffset} from the segment's start. */
    public static Object readBits(MemorySegment seg, long bitOffset, int bits, boolean signed) {
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
    public static void writeBits(MemorySegment seg, long bitOffset, int bits, long v) {
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
