package dev.dwarfbind.bind.internal.value;

import dev.dwarfbind.bind.error.ArgumentException;

import java.lang.foreign.MemorySegment;

/**
 * Reads and writes a member of a struct or union in memory by path ({@code "hdr.flags"},
 * {@code "items[3].x"}): bitfields masked, sign-extended and range-checked by their width, other
 * members through {@link Values}.
 */
public final class Members {
    private Members() {
    }

    /** The value of member {@code path} of the record of type {@code recordId} at {@code segment}. */
    public static Object get(ValueContext cx, int recordId, MemorySegment segment, String path) {
        String record = cx.cName(recordId);
        FieldPath f = FieldPath.resolve(cx.types(), recordId, path, record);
        if (f.bitSize() > 0) {
            Object bits = Values.readBits(segment, f.bitOffset(), f.bitSize(), f.signed());
            return cx.isBool(f.typeId()) ? (Object) (((Number) bits).intValue() != 0) : bits;
        }
        return Values.read(cx, f.typeId(), segment, f.bitOffset() / 8, record + "." + path);
    }

    /** Stores {@code value} in member {@code path}, converted and range-checked by the member's C type. */
    public static void set(ValueContext cx, int recordId, MemorySegment segment, String path, Object value) {
        String record = cx.cName(recordId);
        FieldPath f = FieldPath.resolve(cx.types(), recordId, path, record);
        String what = record + "." + path;
        if (f.bitSize() > 0) {
            long v = cx.isBool(f.typeId()) ? (Conversions.bool(value, what) ? 1 : 0)
                    : Conversions.integerValue(cx, cx.callTypes().of(f.typeId()), value, what);
            long min = f.signed() ? -(1L << (f.bitSize() - 1)) : 0;
            long max = f.signed() ? (1L << (f.bitSize() - 1)) - 1 : f.bitSize() == 64 ? -1 : (1L << f.bitSize()) - 1;
            if (f.bitSize() < 64 && (v < min || v > max)) {
                throw new ArgumentException(what + ": " + v + " does not fit a " + f.bitSize() + "-bit bitfield (" + min + ".." + max + ")");
            }
            Values.writeBits(segment, f.bitOffset(), f.bitSize(), v);
        } else {
            Values.write(cx, f.typeId(), segment, f.bitOffset() / 8, value, what);
        }
    }
}
