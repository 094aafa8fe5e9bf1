package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.codegen.BindingApi;
import dev.dwarfbind.bind.internal.value.FieldPath;
import dev.dwarfbind.bind.internal.value.Members;
import dev.dwarfbind.bind.internal.value.ValueContext;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
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
    private final ValueContext cx;
    private final int typeId;
    private final MemorySegment segment;

    CStruct(ValueContext cx, int typeId, MemorySegment segment) {
        this.cx = cx;
        this.typeId = typeId;
        this.segment = segment;
    }

    /** The record's type id in the library's type system. */
    public int typeId() {
        return typeId;
    }

    /** The C spelling of the type, e.g. {@code "struct point"}. */
    public String cName() {
        return cx.cName(typeId);
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
     * The value of a member: a boxed number ({@code BigInteger} for {@code __int128}) or {@code Boolean} for scalars and bitfields, a
     * {@code MemorySegment} for pointers (sized to one pointee), a {@link CStruct} or
     * {@link CArray} view for nested records and arrays.
     */
    public Object get(String path) {
        checkAlive(path);
        return Members.get(cx, typeId, segment, path);
    }

    /** An integer, enum, bitfield or {@code _Bool} member as an {@code int} (fails if it does not fit). */
    public int getInt(String path) {
        long v = getLong(path);
        if (v != (int) v) throw new ArgumentException(cName() + "." + path + ": " + v + " does not fit an int (use getLong)");
        return (int) v;
    }

    /** An integer, enum, bitfield or {@code _Bool} member as a {@code long} (64-bit unsigned as its bit pattern). */
    public long getLong(String path) {
        return switch (get(path)) {
            case Integer i -> i;
            case Long l -> l;
            case Boolean b -> b ? 1 : 0;
            case Object o -> throw wrongKind(path, o, "an integer");
        };
    }

    /**
     * An {@code __int128} or {@code unsigned __int128} member as its 128 bits ({@link #get} gives it as a
     * {@code BigInteger}).
     */
    public Int128 getInt128(String path) {
        return switch (get(path)) {
            // Only 128-bit members read as a BigInteger; an unsigned one up to 2^128 - 1.
            case java.math.BigInteger b -> b.signum() < 0 ? Int128.of(b) : Int128.ofUnsigned(b);
            case Object o -> throw wrongKind(path, o, "an __int128");
        };
    }

    /** A {@code float} or {@code double} member as a {@code double}. */
    public double getDouble(String path) {
        return switch (get(path)) {
            case Float f -> f;
            case Double d -> d;
            case Object o -> throw wrongKind(path, o, "a floating-point number");
        };
    }

    /** A pointer member, sized to one pointee (use {@link #getSegment(String, long)} for more). */
    public MemorySegment getSegment(String path) {
        return switch (get(path)) {
            case MemorySegment m -> m;
            case Object o -> throw wrongKind(path, o, "a pointer");
        };
    }

    /**
     * A pointer member sized to {@code count} elements of its pointee type: C records one
     * element ({@code double *data}); the caller knows how many there are.
     */
    public MemorySegment getSegment(String path, long count) {
        if (count < 0) throw new ArgumentException(cName() + "." + path + ": negative element count " + count);
        TypeSystem ts = cx.types();
        FieldPath f = FieldPath.resolve(ts, typeId, path, cName());
        if (!(ts.type(ts.strip(f.typeId())) instanceof PointerType p)) {
            throw new ArgumentException(cName() + "." + path + " is " + cx.cName(f.typeId()) + ", not a pointer");
        }
        MemorySegment m = getSegment(path);
        if (m.equals(MemorySegment.NULL)) return m;
        long element = cx.sizeOfOrZero(p.pointee());
        if (element == 0) element = 1;
        try {
            return m.reinterpret(Math.multiplyExact(element, count));
        } catch (ArithmeticException e) {
            throw new ArgumentException(cName() + "." + path + ": " + count + " elements of " + element + " bytes overflow");
        }
    }

    /** A {@code char *} member read as a NUL-terminated UTF-8 string ({@code null} for NULL), or a {@code char[N]} member up to its first NUL. */
    public String getString(String path) {
        Object v = get(path);
        if (v instanceof MemorySegment m) {
            return m.equals(MemorySegment.NULL) ? null : m.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
        }
        if (v instanceof CArray a) {
            MemorySegment s = a.segment();
            long n = 0;
            while (n < s.byteSize() && s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, n) != 0) n++;
            return new String(s.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        }
        throw wrongKind(path, v, "a string");
    }

    /** A nested struct or union member, or the struct a pointer member points to. */
    public CStruct getStruct(String path) {
        TypeSystem ts = cx.types();
        Object v = get(path);
        if (v instanceof CStruct s) return s;
        FieldPath f = FieldPath.resolve(ts, typeId, path, cName());
        if (v instanceof MemorySegment m && ts.type(ts.strip(f.typeId())) instanceof PointerType p
                && ts.type(ts.strip(p.pointee())) instanceof RecordType) {
            if (m.equals(MemorySegment.NULL)) throw new ArgumentException(cName() + "." + path + " is NULL");
            return (CStruct) cx.structView(p.pointee(), m);
        }
        throw wrongKind(path, v, "a struct, union or pointer to one");
    }

    private ArgumentException wrongKind(String path, Object v, String wanted) {
        return new ArgumentException(cName() + "." + path + " is " + cx.cName(
                FieldPath.resolve(cx.types(), typeId, path, cName()).typeId()) + ", not " + wanted
                + " (its value is " + (v == null ? "null" : v.getClass().getSimpleName()) + ")");
    }

    /** Sets a member; numbers are range-checked against the member's C type (and a bitfield's width). */
    public CStruct set(String path, Object value) {
        checkAlive(path);
        Members.set(cx, typeId, segment, path, value);
        return this;
    }

    /**
     * Stores a Java callback in a function-pointer member ({@code gsl_function.function}): an
     * upcall stub for {@code fn} (any functional interface) of the member's C type, valid while
     * {@code arena} is open, which must be as long as C may call it.
     */
    public CStruct set(String path, Object fn, Arena arena) {
        checkAlive(path);
        TypeSystem ts = cx.types();
        FieldPath f = FieldPath.resolve(ts, typeId, path, cName());
        int t = ts.strip(f.typeId());
        if (!(ts.type(t) instanceof PointerType p && ts.type(ts.strip(p.pointee())) instanceof FunctionType)) {
            throw new ArgumentException(cName() + "." + path + " is " + cx.cName(f.typeId()) + ", not a function pointer");
        }
        MemorySegment stub = cx.stubs().stub(ts.strip(p.pointee()), fn, arena, cName() + "." + path);
        Members.set(cx, typeId, segment, path, stub);
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
        TypeSystem ts = cx.types();
        RecordType r = ts.type(ts.strip(typeId), RecordType.class);
        var sj = new StringJoiner(", ", cName() + " { ", " }");
        if (depth > 4) return cName() + " { ... }";
        for (Field f : r.fields()) {
            if (f.name() == null) {
                if (!f.isBitfield() && ts.type(ts.strip(f.type())) instanceof RecordType) {
                    sj.add(new CStruct(cx, ts.strip(f.type()), segment.asSlice(f.byteOffset(), ts.sizeOf(f.type()))).format(depth + 1));
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

    /** How the interface binder passes and makes struct views of {@code lib}. */
    static BindingApi bindingApi(Library lib) {
        try {
            var l = MethodHandles.lookup();
            MethodHandle segment = l.findStatic(CStruct.class, "boundSegment", MethodType.methodType(MemorySegment.class, CStruct.class));
            MethodHandle view = l.findStatic(CStruct.class, "boundView",
                    MethodType.methodType(CStruct.class, Library.class, int.class, MemorySegment.class)).bindTo(lib);
            return new BindingApi(CStruct.class, segment, view, m -> {
                CName cn = m.getAnnotation(CName.class);
                return cn != null ? cn.value() : m.getName();
            }, CStruct::boundFlags);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options of a bound method: its interface's {@link CallOptions}, its own, and {@link Critical}. */
    private static dev.dwarfbind.bind.internal.call.CallFlags boundFlags(java.lang.reflect.Method m) {
        var flags = new dev.dwarfbind.bind.internal.call.CallFlags(false, false, m.isAnnotationPresent(Critical.class));
        for (CallOptions o : new CallOptions[] {m.getDeclaringClass().getAnnotation(CallOptions.class), m.getAnnotation(CallOptions.class)}) {
            if (o != null) flags = flags.or(Library.flags(o.value()));
        }
        return flags;
    }

    private static MemorySegment boundSegment(CStruct s) {
        if (s == null) throw new ArgumentException("null is not a struct value");
        return s.segmentChecked(s.cName());
    }

    private static CStruct boundView(Library lib, int typeId, MemorySegment segment) {
        return (CStruct) lib.values().structView(typeId, segment);
    }
}
