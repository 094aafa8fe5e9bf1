package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.types.AlignmentInference;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystemBuilder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns CodeView type records of a TPI stream into C types in a {@link TypeSystemBuilder}.
 *
 * <p>Derived types (pointers, modifiers, arrays, procedures) are converted by recursion, at most
 * {@link TypeSystemBuilder#MAX_NESTING} deep. Records are only reserved when met and defined
 * afterwards, by {@link #finish}, with an explicit stack, members laid out before the records
 * holding them: structs may hold structs by value to any depth. A forward reference is resolved
 * to the definition with the same unique name (else the same name); none makes an opaque type.
 * Not thread-safe.
 */
final class CodeViewConverter {
    static final int LF_MODIFIER = 0x1001;
    static final int LF_POINTER = 0x1002;
    static final int LF_PROCEDURE = 0x1008;
    static final int LF_MFUNCTION = 0x1009;
    static final int LF_ARGLIST = 0x1201;
    static final int LF_FIELDLIST = 0x1203;
    static final int LF_BITFIELD = 0x1205;
    static final int LF_INDEX = 0x1404;
    static final int LF_ENUMERATE = 0x1502;
    static final int LF_ARRAY = 0x1503;
    static final int LF_CLASS = 0x1504;
    static final int LF_STRUCTURE = 0x1505;
    static final int LF_UNION = 0x1506;
    static final int LF_ENUM = 0x1507;
    static final int LF_MEMBER = 0x150d;
    static final int LF_NESTTYPE = 0x1510;
    private static final int PROP_PACKED = 0x01;
    private static final int PROP_FORWARD = 0x80;
    private static final int PROP_UNIQUE_NAME = 0x200;

    private final TypeStream tpi;
    private final TypeSystemBuilder b;
    private final Target target;
    private final Map<Long, Integer> converted = new HashMap<>();
    private final Set<Long> inProgress = new HashSet<>();
    /** Records reserved but not yet defined, by builder id: their defining TPI index. */
    private final Map<Integer, Long> pending = new HashMap<>();
    /** Records reserved since {@link #finish} last looked. */
    private final ArrayDeque<Integer> fresh = new ArrayDeque<>();
    private Map<String, Long> definitions;
    private int depth;
    private final AnonymousMembers anonymous;

    CodeViewConverter(TypeStream tpi, TypeSystemBuilder b) {
        this.tpi = tpi;
        this.b = b;
        this.target = b.target();
        this.anonymous = new AnonymousMembers(b);
    }

    /** The builder id of TPI type {@code index}; records it reaches are defined by {@link #finish}. */
    int convert(long index) {
        Integer done = converted.get(index);
        if (done != null) return done;
        if (index < tpi.first()) {
            int id = SimpleTypes.add(b, target, index);
            converted.put(index, id);
            return id;
        }
        if (!inProgress.add(index)) throw tpi.bytes().error(tpi.offset(index), "type 0x" + Long.toHexString(index) + " refers to itself");
        if (++depth > TypeSystemBuilder.MAX_NESTING) {
            throw new UnsupportedCodeViewException("types nest deeper than " + TypeSystemBuilder.MAX_NESTING);
        }
        try {
            int id = convertRecord(index);
            converted.put(index, id);
            return id;
        } catch (IllegalArgumentException e) {
            // The builder refuses what nests too deep: valid, but beyond what dwarfbind supports.
            throw new UnsupportedCodeViewException(e.getMessage());
        } finally {
            depth--;
            inProgress.remove(index);
        }
    }

    private int convertRecord(long index) {
        Bytes p = tpi.payload(index);
        int kind = tpi.kind(index);
        return switch (kind) {
            case LF_MODIFIER -> modifier(p);
            case LF_POINTER -> pointer(p, index);
            case LF_PROCEDURE -> procedure(p, List.of());
            case LF_ARRAY -> array(p, index);
            case LF_STRUCTURE, LF_CLASS, LF_UNION -> record(index, kind, p);
            case LF_ENUM -> enumeration(index, p);
            case LF_MFUNCTION -> throw new UnsupportedCodeViewException("C++ member function type (LF_MFUNCTION)");
            default -> throw new UnsupportedCodeViewException("CodeView type record of kind 0x" + Integer.toHexString(kind)
                    + " (type 0x" + Long.toHexString(index) + ") has no C equivalent dwarfbind reads");
        };
    }

    private int modifier(Bytes p) {
        int t = convert(p.u32(0));
        int attrs = p.u16(4);
        var q = EnumSet.noneOf(Qualifier.class);
        if ((attrs & 1) != 0) q.add(Qualifier.CONST);
        if ((attrs & 2) != 0) q.add(Qualifier.VOLATILE);
        return q.isEmpty() ? t : b.add(new QualifiedType(q, t));
    }

    private int pointer(Bytes p, long index) {
        long attrs = p.u32(4);
        int mode = (int) ((attrs >> 5) & 7);
        if (mode != 0) throw new UnsupportedCodeViewException("C++ reference or member pointer (pointer mode " + mode + ")");
        int size = (int) ((attrs >> 13) & 0x3f);
        if (size == 0) size = target.pointerSize();
        if (size != 2 && size != 4 && size != 8) throw p.error(4, "pointer of " + size + " bytes (type 0x" + Long.toHexString(index) + ")");
        int ptr = b.add(new PointerType(convert(p.u32(0)), size));
        var q = EnumSet.noneOf(Qualifier.class);
        if ((attrs & (1 << 10)) != 0) q.add(Qualifier.CONST);
        if ((attrs & (1 << 9)) != 0) q.add(Qualifier.VOLATILE);
        if ((attrs & (1 << 12)) != 0) q.add(Qualifier.RESTRICT);
        return q.isEmpty() ? ptr : b.add(new QualifiedType(q, ptr));
    }

    /**
     * An {@code LF_PROCEDURE}: return type, calling convention, argument list. A last argument
     * of type 0 is {@code ...}. {@code names} are the parameter names the symbols give, if any.
     */
    int procedure(Bytes p, List<String> names) {
        int ret = notArray(convert(p.u32(0)));
        CallingConvention cc = convention(p.u8(4));
        long argList = p.u32(8);
        if (!tpi.contains(argList) || tpi.kind(argList) != LF_ARGLIST) {
            throw p.error(8, "argument list 0x" + Long.toHexString(argList) + " is not an LF_ARGLIST");
        }
        Bytes a = tpi.payload(argList);
        long count = a.u32(0);
        a.check(4, count * 4);
        var params = new ArrayList<Parameter>();
        boolean variadic = false;
        for (int i = 0; i < count; i++) {
            long t = a.u32(4 + 4L * i);
            if (t == 0 && i == count - 1) {
                variadic = true;
                break;
            }
            params.add(new Parameter(i < names.size() ? names.get(i) : null, notArray(convert(t))));
        }
        return b.add(new FunctionType(ret, params, variadic, true, cc));
    }

    /**
     * C passes no array by value (a parameter declared as one is a pointer in the function's
     * type), so an array in a signature is a SIMD vector, which CodeView writes as an array.
     */
    private int notArray(int id) {
        CType t = b.get(id);
        while (t instanceof QualifiedType q) t = b.get(q.type());
        if (t instanceof ArrayType) throw new UnsupportedCodeViewException("a SIMD vector type in its signature (CodeView records vectors as arrays)");
        return id;
    }

    private static CallingConvention convention(int cv) {
        return switch (cv) {
            case 0x00, 0x01 -> CallingConvention.DEFAULT;       // near/far C (cdecl; the only one on x64)
            case 0x02, 0x03 -> CallingConvention.PASCAL;
            case 0x04, 0x05 -> CallingConvention.FASTCALL;
            case 0x07, 0x08 -> CallingConvention.STDCALL;
            case 0x0b -> CallingConvention.THISCALL;
            case 0x18 -> CallingConvention.VECTORCALL;
            default -> CallingConvention.UNKNOWN;                // clrcall, ARM, MIPS, ... conventions
        };
    }

    private int array(Bytes p, long index) {
        int element = convert(p.u32(0));
        Numeric n = Numeric.read(p, 8);
        long bytes = n.size(p, 8, maxObject());
        // The element may be a record reserved but not yet laid out: its size comes from its record.
        long elementSize = sizeOf(p.u32(0), 0);
        long count;
        if (bytes == 0) {
            // CodeView does not tell int a[] from int a[0]: both are taken as flexible.
            count = ArrayType.UNKNOWN_COUNT;
        } else if (elementSize == 0 || bytes % elementSize != 0) {
            throw p.error(8, "array of " + bytes + " bytes is no whole number of " + elementSize + "-byte elements (type 0x"
                    + Long.toHexString(index) + ")");
        } else {
            count = bytes / elementSize;
        }
        return b.add(new ArrayType(element, count));
    }

    /** The size of TPI type {@code index} as its records state it, without converting it. */
    private long sizeOf(long index, int hops) {
        if (hops > TypeSystemBuilder.MAX_NESTING) throw new UnsupportedCodeViewException("types nest deeper than " + TypeSystemBuilder.MAX_NESTING);
        if (index < tpi.first()) return b.sizeOf(SimpleTypes.add(b, target, index));
        Bytes p = tpi.payload(index);
        return switch (tpi.kind(index)) {
            case LF_MODIFIER -> sizeOf(p.u32(0), hops + 1);
            case LF_POINTER -> {
                long size = (p.u32(4) >> 13) & 0x3f;
                yield size == 0 ? target.pointerSize() : size;
            }
            case LF_ARRAY -> Numeric.read(p, 8).size(p, 8, maxObject());
            case LF_STRUCTURE, LF_CLASS, LF_UNION -> {
                int kind = tpi.kind(index);
                Head h = head(kind, p);
                long def = h.forward() ? definition(h.uniqueName(), h.name(), kind) : index;
                yield def < 0 || def == index ? h.size() : head(kind, tpi.payload(def)).size();
            }
            case LF_ENUM -> sizeOf(p.u32(4), hops + 1);
            default -> 0;
        };
    }

    private long maxObject() {
        return target.pointerSize() == 8 ? 1L << 60 : Integer.MAX_VALUE;
    }

    /** The properties, field list, size and names of a struct, class or union record. */
    private record Head(int property, long fieldList, long size, String name, String uniqueName) {
        boolean forward() {
            return (property & PROP_FORWARD) != 0;
        }
    }

    private Head head(int kind, Bytes p) {
        int property = p.u16(2);
        long fields = p.u32(4);
        long at = kind == LF_UNION ? 8 : 16;
        Numeric n = Numeric.read(p, at);
        long size = n.size(p, at, maxObject());
        at += n.length();
        String name = p.cString(at);
        String unique = (property & PROP_UNIQUE_NAME) != 0 ? p.cString(at + p.cStringLength(at) + 1) : null;
        return new Head(property, fields, size, name, unique);
    }

    private int record(long index, int kind, Bytes p) {
        Head h = head(kind, p);
        long def = h.forward() ? definition(h.uniqueName, h.name, kind) : index;
        RecordKind rk = kind == LF_UNION ? RecordKind.UNION : RecordKind.STRUCT;
        int id = b.reserve(List.of("codeview record", def < 0 ? index : def));
        if (!b.isDefined(id) && !pending.containsKey(id)) {
            if (def < 0) b.define(id, RecordType.opaque(rk, tag(h.name)));
            else {
                pending.put(id, def);
                fresh.add(id);
            }
        }
        return id;
    }

    private int enumeration(long index, Bytes p) {
        int property = p.u16(2);
        long def = index;
        String name = p.cString(12);
        if ((property & PROP_FORWARD) != 0) {
            String unique = (property & PROP_UNIQUE_NAME) != 0 ? p.cString(12 + p.cStringLength(12) + 1) : null;
            def = definition(unique, name, LF_ENUM);
            if (def < 0) return b.add(new EnumType(tag(name), dev.dwarfbind.types.TypeSystem.NO_TYPE, 0, 1, true, List.of(), false));
            if (def != index) return convert(def);
        }
        int underlying = convert(p.u32(4));
        if (!(b.get(underlying) instanceof ScalarType s) || !s.kind().isInteger()) {
            throw p.error(4, "enum " + name + " has a non-integer underlying type");
        }
        var values = new ArrayList<Enumerator>();
        forEachField(p.u32(8), (kind, f, at) -> {
            if (kind != LF_ENUMERATE) throw new UnsupportedCodeViewException("enum field of kind 0x" + Integer.toHexString(kind));
            Numeric n = Numeric.read(f, at + 2);
            values.add(new Enumerator(f.cString(at + 2 + n.length()), signedAs(n.value(), s)));
            return at + 2 + n.length() + f.cStringLength(at + 2 + n.length()) + 1;
        });
        return b.add(new EnumType(tag(name), underlying, s.byteSize(), s.alignment(), s.signed(), values, true));
    }

    /**
     * An enumerator's value read as its enum's underlying type: compilers store the bits of a
     * negative value in a leaf of their own choosing (-300 of a 2-byte enum as 64536 or as
     * 4294966996), so the value is taken modulo the type's width and then read signed or not.
     */
    private static java.math.BigInteger signedAs(java.math.BigInteger v, ScalarType underlying) {
        int bits = underlying.byteSize() * 8;
        java.math.BigInteger range = java.math.BigInteger.ONE.shiftLeft(bits);
        java.math.BigInteger m = v.mod(range);
        return underlying.signed() && m.testBit(bits - 1) ? m.subtract(range) : m;
    }

    /** The index of the definition of a forward-declared type, or -1. */
    private long definition(String unique, String name, int kind) {
        if (definitions == null) definitions = indexDefinitions();
        Long byUnique = unique == null ? null : definitions.get(kindKey(kind) + "u:" + unique);
        if (byUnique != null) return byUnique;
        Long byName = definitions.get(kindKey(kind) + "n:" + name);
        return byName == null ? -1 : byName;
    }

    private static String kindKey(int kind) {
        return kind == LF_UNION ? "union " : kind == LF_ENUM ? "enum " : "struct ";
    }

    /** One pass over the TPI stream: every complete struct, union and enum by unique name and name. */
    private Map<String, Long> indexDefinitions() {
        var out = new HashMap<String, Long>();
        for (long i = tpi.first(); i < tpi.end(); i++) {
            int kind = tpi.kind(i);
            if (kind != LF_STRUCTURE && kind != LF_CLASS && kind != LF_UNION && kind != LF_ENUM) continue;
            Bytes p = tpi.payload(i);
            int property = p.u16(2);
            if ((property & PROP_FORWARD) != 0) continue;
            String name;
            String unique;
            if (kind == LF_ENUM) {
                name = p.cString(12);
                unique = (property & PROP_UNIQUE_NAME) != 0 ? p.cString(12 + p.cStringLength(12) + 1) : null;
            } else {
                long at = kind == LF_UNION ? 8 : 16;
                at += Numeric.read(p, at).length();
                name = p.cString(at);
                unique = (property & PROP_UNIQUE_NAME) != 0 ? p.cString(at + p.cStringLength(at) + 1) : null;
            }
            if (unique != null) out.putIfAbsent(kindKey(kind) + "u:" + unique, i);
            out.putIfAbsent(kindKey(kind) + "n:" + name, i);
        }
        return out;
    }

    /** {@code null} for the names compilers give anonymous records and enums. */
    static String tag(String name) {
        if (name.isEmpty() || name.startsWith("<unnamed-") || name.startsWith("<anonymous-") || name.startsWith("__unnamed")
                || name.contains("::<unnamed-") || name.contains("<anonymous")) {
            return null;
        }
        return name;
    }

    /** Reads the field-list subrecord of {@code kind} whose payload starts at {@code at}; returns where it ends. */
    private interface FieldVisitor {
        long visit(int kind, Bytes list, long at);
    }

    /** Visits each subrecord of field list {@code index} and of the lists {@code LF_INDEX} continues to. */
    private void forEachField(long index, FieldVisitor visitor) {
        var seen = new HashSet<Long>();
        long list = index;
        while (list != 0) {
            if (!seen.add(list)) throw tpi.bytes().error(tpi.offset(list), "field list 0x" + Long.toHexString(list) + " continues into itself");
            if (tpi.kind(list) != LF_FIELDLIST) {
                throw tpi.bytes().error(tpi.offset(list), "type 0x" + Long.toHexString(list) + " is not an LF_FIELDLIST");
            }
            Bytes f = tpi.payload(list);
            long at = 0;
            long next = 0;
            while (at < f.size()) {
                int kind = f.u16(at);
                if (kind == LF_INDEX) {
                    next = f.u32(at + 4);
                    at += 8;
                } else if (kind == LF_NESTTYPE) {
                    at = at + 8 + f.cStringLength(at + 8) + 1;  // a nested type's name: no member
                } else {
                    at = visitor.visit(kind, f, at + 2);
                }
                while (at < f.size() && f.u8(at) >= 0xf0) at++;  // LF_PAD bytes align the next subrecord
            }
            list = next;
        }
    }

    /** A member as read, before its type is laid out. */
    private record Member(String name, int type, long bitOffset, int bitSize) {
    }

    /** Defines every record reserved so far, and those their members reach. */
    void finish() {
        var stack = new ArrayDeque<Integer>(fresh);
        fresh.clear();
        var members = new HashMap<Integer, List<Member>>();
        // Records waiting for a member record to be defined first: the chain down the stack.
        var waiting = new HashSet<Integer>();
        while (!stack.isEmpty()) {
            int id = stack.peek();
            if (b.isDefined(id)) {
                stack.pop();
                continue;
            }
            long def = pending.get(id);
            List<Member> ms = members.get(id);
            if (ms == null) {
                try {
                    ms = members(def);
                } catch (UnsupportedCodeViewException e) {
                    // A C++ class (bases, methods): kept as an opaque type, usable through pointers.
                    int kind = tpi.kind(def);
                    b.define(id, RecordType.opaque(kind == LF_UNION ? RecordKind.UNION : RecordKind.STRUCT, tag(head(kind, tpi.payload(def)).name())));
                    pending.remove(id);
                    stack.pop();
                    continue;
                }
                members.put(id, ms);
                while (!fresh.isEmpty()) stack.addLast(fresh.poll());
            }
            Integer missing = null;
            for (Member m : ms) {
                Integer r = byValueRecord(m.type);
                if (r != null && r != id && !b.isDefined(r)) missing = r;
            }
            if (missing != null) {
                if (waiting.contains(missing)) {
                    throw tpi.bytes().error(tpi.offset(def), "record 0x" + Long.toHexString(def) + " contains itself by value");
                }
                waiting.add(id);
                stack.push(missing);
                continue;
            }
            stack.pop();
            waiting.remove(id);
            define(id, def, ms);
            pending.remove(id);
        }
    }

    /** The reserved record a member of type {@code id} holds by value (through arrays and qualifiers), if any. */
    private Integer byValueRecord(int id) {
        for (int hops = 0; hops < TypeSystemBuilder.MAX_NESTING + 2; hops++) {
            CType t = b.get(id);
            switch (t) {
                case null -> {
                    return id;
                }
                case ArrayType a -> id = a.element();
                case QualifiedType q -> id = q.type();
                case dev.dwarfbind.types.TypedefType td -> id = td.target();
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private List<Member> members(long def) {
        int kind = tpi.kind(def);
        Bytes p = tpi.payload(def);
        if (kind != LF_UNION && p.u32(8) != 0) throw new UnsupportedCodeViewException("C++ class with base classes");
        Head h = head(kind, p);
        var out = new ArrayList<Member>();
        if (h.fieldList() == 0) return out;
        forEachField(h.fieldList(), (k, f, at) -> {
            if (k != LF_MEMBER) {
                throw new UnsupportedCodeViewException("C++ class member of kind 0x" + Integer.toHexString(k) + " in " + h.name());
            }
            long type = f.u32(at + 2);
            Numeric off = Numeric.read(f, at + 6);
            long offset = off.size(f, at + 6, maxObject());
            long nameAt = at + 6 + off.length();
            String name = f.cString(nameAt);
            if (type == 0) {
                // clang records _Atomic members without a type: left out, the others keep their offsets.
            } else if (tpi.contains(type) && tpi.kind(type) == LF_BITFIELD) {
                Bytes bf = tpi.payload(type);
                int width = bf.u8(4);
                int position = bf.u8(5);
                out.add(new Member(name, convert(bf.u32(0)), offset * 8 + position, width));
            } else {
                out.add(new Member(tag(name) == null ? null : name, convert(type), offset * 8, 0));
            }
            return nameAt + f.cStringLength(nameAt) + 1;
        });
        return out;
    }

    private void define(int id, long def, List<Member> ms) {
        int kind = tpi.kind(def);
        Head h = head(kind, tpi.payload(def));
        var fields = new ArrayList<Field>();
        var inference = new AlignmentInference();
        for (Member m : ms) {
            long size = b.sizeOf(m.type);
            int align = b.alignOf(m.type);
            if (m.bitSize > 0) {
                if (m.bitSize > size * 8) {
                    throw tpi.bytes().error(tpi.offset(def), "bitfield " + m.name + " of " + m.bitSize + " bits in a " + size + "-byte type");
                }
                inference.bitfield(m.bitOffset, m.bitSize, align);
            } else {
                inference.member(m.bitOffset, size, align);
            }
            if (m.bitOffset / 8 + (m.bitSize > 0 ? 0 : size) > h.size() && size > 0) {
                throw tpi.bytes().error(tpi.offset(def), "member " + m.name + " lies past the end of " + h.name() + " (" + h.size() + " bytes)");
            }
            fields.add(new Field(m.name, m.type, m.bitOffset, m.bitSize));
        }
        int alignment = inference.alignment(h.size());
        boolean packed = inference.packed() || (h.property() & PROP_PACKED) != 0;
        RecordKind rk = kind == LF_UNION ? RecordKind.UNION : RecordKind.STRUCT;
        var grouped = anonymous.group(fields, rk == RecordKind.UNION);
        b.define(id, new RecordType(rk, tag(h.name()), h.size(), alignment, grouped, true, packed));
    }
}
