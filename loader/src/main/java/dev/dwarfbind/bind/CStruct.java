package dev.dwarfbind.bind;

import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.MemorySegment;
import java.util.StringJoiner;

/**
 * A struct or union in native memory, seen through its C type: members are read and written by
 * name or by path ({@code "hdr.flags"}, {@code "items[3].x"}), bitfields with masking, nested
 * records and arrays as views of the same memory.
 *
 * <p>The memory belongs to whoever allocated it (an {@code Arena} the caller passed to
 * {@link Library#allocate}, or an automatic arena for struct values returned by dynamic calls).
 * Using a view after its arena closed fails with an {@link IllegalStateException} naming the
 * struct, never a crash.
 */
public final class CStruct {
    private final Library lib;
    private final int typeId;
    private final MemorySegment segment;

    CStruct(Library lib, int typeId, MemorySegment segment) {
        this.lib = lib;
        this.typeId = typeId;
        this.segment = segment;
    }

    /** The record's type id in the library's type system. */
    public int typeId() {
        return typeId;
    }

    /** The C spelling of the type, e.g. {@code "struct point"}. */
    public String cName() {
        return lib.cName(typeId);
    }

    /** The memory, exactly {@code sizeof} the record. */
    public MemorySegment segment() {
        return segment;
    }

    MemorySegment segmentChecked(String what) {
        if (!segment.scope().isAlive()) throw new ArgumentException(what + ": the arena of this " + cName() + " is closed");
        return segment;
    }

    /** Size in bytes. */
    public long byteSize() {
        return segment.byteSize();
    }

    /**
     * The value of a member: a boxed number or {@code Boolean} for scalars and bitfields, a
     * {@code MemorySegment} for pointers, a {@link CStruct} or {@link CArray} view for nested
     * records and arrays.
     */
    public Object get(String path) {
        FieldPath f = FieldPath.resolve(lib.types(), typeId, path, cName());
        checkAlive(path);
        if (f.bitSize() > 0) {
            Object bits = Values.readBits(segment, f.bitOffset(), f.bitSize(), f.signed());
            return lib.isBool(f.typeId()) ? (Object) (((Number) bits).intValue() != 0) : bits;
        }
        return Values.read(lib, f.typeId(), segment, f.bitOffset() / 8, cName() + "." + path);
    }

    /** Sets a member; numbers are range-checked against the member's C type (and a bitfield's width). */
    public CStruct set(String path, Object value) {
        FieldPath f = FieldPath.resolve(lib.types(), typeId, path, cName());
        checkAlive(path);
        String what = cName() + "." + path;
        if (f.bitSize() > 0) {
            long v = lib.isBool(f.typeId()) ? (Conversions.bool(value, what) ? 1 : 0)
                    : Conversions.integerValue(lib, lib.callTypes().of(f.typeId()), value, what);
            long min = f.signed() ? -(1L << (f.bitSize() - 1)) : 0;
            long max = f.signed() ? (1L << (f.bitSize() - 1)) - 1 : f.bitSize() == 64 ? -1 : (1L << f.bitSize()) - 1;
            if (f.bitSize() < 64 && (v < min || v > max)) {
                throw new ArgumentException(what + ": " + v + " does not fit a " + f.bitSize() + "-bit bitfield (" + min + ".." + max + ")");
            }
            Values.writeBits(segment, f.bitOffset(), f.bitSize(), v);
        } else {
            Values.write(lib, f.typeId(), segment, f.bitOffset() / 8, value, what);
        }
        return this;
    }

    private void checkAlive(String path) {
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException(cName() + "." + path + ": the arena holding this " + cName() + " is closed");
        }
    }

    /** {@code struct point { x = 1.0, y = 2.0 }}, nested records and arrays included. */
    @Override
    public String toString() {
        if (!segment.scope().isAlive()) return cName() + " { <arena closed> }";
        return format(0);
    }

    String format(int depth) {
        TypeSystem ts = lib.types();
        RecordType r = ts.type(ts.strip(typeId), RecordType.class);
        var sj = new StringJoiner(", ", cName() + " { ", " }");
        if (depth > 4) return cName() + " { ... }";
        for (Field f : r.fields()) {
            if (f.name() == null) {
                if (!f.isBitfield() && ts.type(ts.strip(f.type())) instanceof RecordType) {
                    sj.add(((CStruct) Values.read(lib, f.type(), segment, f.byteOffset(), cName())).format(depth + 1));
                }
                continue;
            }
            Object v;
            try {
                v = get(f.name());
            } catch (RuntimeException e) {
                v = "?";
            }
            String text = switch (v) {
                case CStruct s -> s.format(depth + 1);
                case CArray a -> a.format(depth + 1);
                case MemorySegment m -> m.equals(MemorySegment.NULL) ? "NULL" : "0x" + Long.toHexString(m.address());
                default -> String.valueOf(v);
            };
            sj.add(f.name() + " = " + text);
        }
        return sj.toString();
    }
}
