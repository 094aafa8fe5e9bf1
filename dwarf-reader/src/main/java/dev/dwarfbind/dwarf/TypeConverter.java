package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.BinaryFormatException;
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
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns type DIEs into types of a {@link TypeSystemBuilder}, on demand and memoised by DIE key.
 *
 * <p>Unification across units: scalars, pointers, arrays, qualified types, typedefs and function
 * types are interned by value, so they merge once what they refer to has merged. Structs and
 * unions, which may be recursive, are reserved under a key made of their kind, tag, size and the
 * name, position and <em>shape</em> of every member (the shape describes a member's type down to
 * tag and typedef names without following into records), so the same struct defined by a header
 * in many units becomes one type, and a cycle through a pointer finds the reserved id.
 *
 * <p>Cost is linear in the DWARF whatever its shape: every DIE is converted once, shapes are
 * hash-consed per DIE (an anonymous union used by twelve members of another is described once, not
 * twelve times), and records nested by value are completed with an explicit stack rather than by
 * recursion. Values no C compiler writes (sizes beyond {@link #maxObjectSize}, pointers of 3
 * bytes, bitfields wider than their type, members past the end of their record, references that do
 * not resolve) are errors naming the file, section, DIE offset and value; types that are valid but
 * beyond what dwarfbind supports (nesting deeper than {@link TypeSystemBuilder#MAX_NESTING},
 * integers of unusual sizes) make the export that needs them untyped, with the reason.
 */
final class TypeConverter {
    /**
     * Recursion through derived types stops here; {@link TypeSystemBuilder#MAX_NESTING} refuses
     * such types anyway, and this keeps the Java stack safe while finding out.
     */
    private static final int MAX_DEPTH = TypeSystemBuilder.MAX_NESTING + 16;
    /** How many levels of anonymous records a shape describes before it says "?". */
    private static final int SHAPE_LEVELS = 8;

    private final Dwarf dw;
    /** The whole library's index, built when a declaration first needs its definition. */
    private final java.util.function.Supplier<DwarfIndex> index;
    private final TypeSystemBuilder b;
    private final Target target;
    /** Type ids by DIE key. */
    private final LongIntMap done = new LongIntMap();
    /** DIE keys being converted (value unused): a key met again is a cycle. */
    private final LongIntMap inProgress = new LongIntMap();
    private final Map<Long, UnsupportedTypeException> failures = new HashMap<>();
    /** Per level, the shape id of each DIE key computed at that level. */
    private final LongIntMap[] shapes = new LongIntMap[SHAPE_LEVELS + 1];
    /** Hash-consing of shapes: equal descriptions get equal ids, so keys stay small. */
    private final Map<String, Integer> shapeIds = new HashMap<>();
    /** The DIE each array type was first made from, to name it if the array turns out too large. */
    private final Map<Integer, Die> arrayOrigins = new java.util.LinkedHashMap<>();
    private final int voidId;
    private int depth;

    TypeConverter(Dwarf dw, java.util.function.Supplier<DwarfIndex> index, TypeSystemBuilder builder) {
        this.dw = dw;
        this.index = index;
        this.b = builder;
        this.target = builder.target();
        this.voidId = b.add(new VoidType());
    }

    /** The id of the type at DIE key {@code key}. */
    int convert(long key) {
        int id = done.get(key);
        if (id != LongIntMap.ABSENT) return id;
        // Most libraries have no unsupported type at all: no boxed look-up for them.
        UnsupportedTypeException failed = failures.isEmpty() ? null : failures.get(key);
        if (failed != null) throw failed;
        Die d = dw.die(key);
        if (inProgress.get(key) != LongIntMap.ABSENT) throw dw.error(d, "reference cycle through a type that cannot contain itself");
        inProgress.put(key, 0);
        try {
            if (++depth > MAX_DEPTH) throw tooDeep(d);
            // gcc -fdebug-types-section leaves in the unit a stub holding only DW_AT_signature; the
            // type is the one its type unit defines.
            long defined = d.has(Attr.SIGNATURE) ? dw.ref(d, Attr.SIGNATURE) : -1;
            int result = defined >= 0 ? convert(defined) : convert(d);
            done.put(key, result);
            return result;
        } catch (UnsupportedTypeException e) {
            // Remembered, so that many exports reaching one unsupported type do not each walk it again.
            failures.put(key, e);
            throw e;
        } finally {
            depth--;
            inProgress.remove(key);
        }
    }

    /** The id of the type {@code DW_AT_type} of {@code d} names, {@code void} if it has none. */
    int typeOf(Die d) {
        long ref = dw.ref(d, Attr.TYPE);
        return ref < 0 ? voidId : convert(ref);
    }

    private int convert(Die d) {
        return switch (d.tag()) {
            case Tag.BASE_TYPE -> scalar(d);
            case Tag.UNSPECIFIED_TYPE -> voidId;
            case Tag.POINTER_TYPE, Tag.REFERENCE_TYPE, Tag.RVALUE_REFERENCE_TYPE -> pointer(d);
            case Tag.CONST_TYPE, Tag.VOLATILE_TYPE, Tag.RESTRICT_TYPE, Tag.ATOMIC_TYPE, Tag.IMMUTABLE_TYPE -> qualified(d);
            case Tag.TYPEDEF -> {
                String name = dw.name(d);
                int t = typeOf(d);
                yield name == null ? t : add(d, new TypedefType(name, t));
            }
            case Tag.ARRAY_TYPE -> array(d);
            case Tag.STRUCTURE_TYPE, Tag.CLASS_TYPE, Tag.UNION_TYPE -> record(d);
            case Tag.ENUMERATION_TYPE -> enumeration(d);
            case Tag.SUBROUTINE_TYPE, Tag.SUBPROGRAM -> function(List.of(d));
            default -> throw unsupported(d, "type DIE " + Tag.name(d.tag()) + " has no C equivalent that dwarfbind supports");
        };
    }

    /** An export needing {@code d} cannot be typed: the reason, naming where {@code d} is. */
    private UnsupportedTypeException unsupported(Die d, String problem) {
        return new UnsupportedTypeException(dw.error(d, problem).getMessage());
    }

    private UnsupportedTypeException tooDeep(Die d) {
        return unsupported(d, "types nest more than " + TypeSystemBuilder.MAX_NESTING
                + " levels deep (pointers, arrays, qualifiers, typedefs, functions), the most dwarfbind supports");
    }

    /** Adds a type made from {@code d}, refusing one that nests deeper than the type system allows. */
    private int add(Die d, CType type) {
        if (b.nestingOf(type) > TypeSystemBuilder.MAX_NESTING) throw tooDeep(d);
        return b.add(type);
    }

    /**
     * The largest object the target can have, in bytes: 2^60 on 64-bit targets (so that bit
     * offsets still fit a {@code long}), 2^31 - 1 on 32-bit ones. Sizes, offsets and counts beyond
     * it come only from corrupt or crafted files.
     */
    private long maxObjectSize() {
        return target.pointerSize() == 8 ? 1L << 60 : Integer.MAX_VALUE;
    }

    /** A size-like constant that must lie within {@link #maxObjectSize}, or an error naming it. */
    private long checkedSize(Die d, String what, long value) {
        if (!fitsObject(value)) throw tooLarge(d, what, value);
        return value;
    }

    /** Whether a size-like constant lies within {@link #maxObjectSize}: checked before a message is built for it. */
    private boolean fitsObject(long value) {
        return value >= 0 && value <= maxObjectSize();
    }

    private BinaryFormatException tooLarge(Die d, String what, long value) {
        return dw.error(d, what + " is " + Long.toUnsignedString(value) + ", beyond the largest object a "
                + target.pointerSize() * 8 + "-bit target can have (" + maxObjectSize() + " bytes)");
    }

    private int pointer(Die d) {
        int pointee = typeOf(d);
        long size = dw.unsignedConstant(d, Attr.BYTE_SIZE, target.pointerSize());
        if (size != 2 && size != 4 && size != 8) {
            throw dw.error(d, "pointer has DW_AT_byte_size " + Long.toUnsignedString(size) + "; pointers have 2, 4 or 8 bytes");
        }
        return add(d, new PointerType(pointee, (int) size));
    }

    private int scalar(Die d) {
        String name = dw.name(d);
        long size = dw.unsignedConstant(d, Attr.BYTE_SIZE, 0);
        if (size == 0) {
            long bits = dw.unsignedConstant(d, Attr.BIT_SIZE, 0);
            size = bits < 0 || bits > 1 << 20 ? -1 : (bits + 7) / 8;
        }
        if (size <= 0 || size > 64) throw dw.error(d, "base type " + name + " has size " + Long.toUnsignedString(size));
        int enc = (int) dw.unsignedConstant(d, Attr.ENCODING, 0);
        ScalarKind kind;
        boolean signed;
        switch (enc) {
            case 0x02 -> { kind = ScalarKind.BOOL; signed = false; }          // DW_ATE_boolean
            case 0x03 -> { kind = ScalarKind.COMPLEX; signed = true; }        // DW_ATE_complex_float
            case 0x04, 0x09 -> { kind = ScalarKind.FLOAT; signed = true; }    // DW_ATE_float, imaginary_float
            case 0x05 -> { kind = ScalarKind.SIGNED; signed = true; }         // DW_ATE_signed
            case 0x06 -> {                                                    // DW_ATE_signed_char
                kind = "char".equals(name) ? ScalarKind.CHAR : ScalarKind.SIGNED_CHAR;
                signed = true;
            }
            case 0x07 -> { kind = ScalarKind.UNSIGNED; signed = false; }      // DW_ATE_unsigned
            case 0x08 -> {                                                    // DW_ATE_unsigned_char
                kind = "char".equals(name) ? ScalarKind.CHAR : ScalarKind.UNSIGNED_CHAR;
                signed = false;
            }
            case 0x0f -> { kind = ScalarKind.DECIMAL_FLOAT; signed = true; }  // DW_ATE_decimal_float
            case 0x10 -> { kind = ScalarKind.UNICODE_CHAR; signed = false; }  // DW_ATE_UTF
            default -> throw new UnsupportedTypeException(dw.error(d, "base type " + name
                    + " has encoding 0x" + Integer.toHexString(enc) + ", which dwarfbind does not support").getMessage());
        }
        if (!ScalarSizes.valid(kind, (int) size)) {
            String problem = "base type " + name + " (" + kind.name().toLowerCase() + ") has size " + size + "; "
                    + ScalarSizes.describe(kind);
            // An integer of another size is C23's _BitInt: valid C, not supported yet.
            if (kind == ScalarKind.SIGNED || kind == ScalarKind.UNSIGNED) throw unsupported(d, problem);
            throw dw.error(d, problem);
        }
        if (name == null) name = kind.name().toLowerCase() + size * 8;
        return b.add(new ScalarType(name, kind, (int) size, target.scalarAlignment(kind, (int) size), signed));
    }

    private int qualified(Die d) {
        var qs = EnumSet.noneOf(Qualifier.class);
        Die cur = d;
        // Fold a chain of qualifier DIEs (const volatile int is two DIEs) into one node.
        for (int hops = 0; ; hops++) {
            switch (cur.tag()) {
                case Tag.CONST_TYPE, Tag.IMMUTABLE_TYPE -> qs.add(Qualifier.CONST);
                case Tag.VOLATILE_TYPE -> qs.add(Qualifier.VOLATILE);
                case Tag.RESTRICT_TYPE -> qs.add(Qualifier.RESTRICT);
                case Tag.ATOMIC_TYPE -> qs.add(Qualifier.ATOMIC);
                default -> throw new AssertionError();
            }
            long next = dw.ref(cur, Attr.TYPE);
            if (next < 0) return add(d, new QualifiedType(qs, voidId));
            Die n = dw.die(next);
            if (!isQualifier(n.tag()) || hops > 8) {
                int base = convert(next);
                if (b.get(base) instanceof QualifiedType inner) {
                    qs.addAll(inner.qualifiers());
                    base = inner.type();
                }
                return add(d, new QualifiedType(qs, base));
            }
            cur = n;
        }
    }

    private static boolean isQualifier(int tag) {
        return tag == Tag.CONST_TYPE || tag == Tag.VOLATILE_TYPE || tag == Tag.RESTRICT_TYPE
                || tag == Tag.ATOMIC_TYPE || tag == Tag.IMMUTABLE_TYPE;
    }

    private int array(Die d) {
        int element = typeOf(d);
        if (b.get(strip(element)) instanceof FunctionType) throw dw.error(d, "array of functions");
        var counts = new ArrayList<Long>();
        dw.forEachChild(d, sub -> {
            if (sub.tag() == Tag.SUBRANGE_TYPE) {
                // Each dimension nests one deeper; stop before reading thousands more.
                if (counts.size() > TypeSystemBuilder.MAX_NESTING) throw tooDeep(d);
                counts.add(count(sub));
            }
        });
        if (counts.isEmpty()) counts.add(ArrayType.UNKNOWN_COUNT);
        int id = element;
        for (int i = counts.size() - 1; i >= 0; i--) {
            id = add(d, new ArrayType(id, counts.get(i)));
            arrayOrigins.putIfAbsent(id, d);
        }
        return id;
    }

    /** The type after typedefs and qualifiers. */
    private int strip(int id) {
        for (int hops = 0; hops <= TypeSystemBuilder.MAX_NESTING; hops++) {
            CType t = b.get(id);
            if (t instanceof TypedefType td) id = td.target();
            else if (t instanceof QualifiedType q) id = q.type();
            else return id;
        }
        return id;
    }

    private long count(Die sub) {
        int c = sub.index(Attr.COUNT);
        if (c >= 0 && Dwarf.isConstant(sub.form(c))) {
            long count = sub.values[c];
            if (count == -1 && sub.form(c) == Form.SDATA) return ArrayType.UNKNOWN_COUNT;
            return checkedSize(sub, "array count", count);
        }
        int i = sub.index(Attr.UPPER_BOUND);
        if (i < 0 || !Dwarf.isConstant(sub.form(i))) return ArrayType.UNKNOWN_COUNT;
        long upper = sub.values[i];
        // gcc writes the upper bound of a flexible or zero-length array as -1 (all ones).
        if (sub.form(i) != Form.SDATA && sub.form(i) != Form.UDATA && upper == allOnes(sub.form(i))) upper = -1;
        long lower = dw.unsignedConstant(sub, Attr.LOWER_BOUND, 0);
        long n = upper - lower + 1;
        if (n < 0) return ArrayType.UNKNOWN_COUNT;
        if (!fitsObject(n)) throw tooLarge(sub, "array count (upper bound " + upper + ", lower bound " + lower + ")", n);
        return n;
    }

    private static long allOnes(int form) {
        return switch (form) {
            case Form.DATA1 -> 0xffL;
            case Form.DATA2 -> 0xffffL;
            case Form.DATA4 -> 0xffff_ffffL;
            default -> -1L;
        };
    }

    // ---- records ----

    private record Member(Die die, String name, long typeKey, long bitOffset, int bitSize, int alignAttr) {
    }

    private int record(Die d) {
        RecordKind kind = d.tag() == Tag.UNION_TYPE ? RecordKind.UNION : RecordKind.STRUCT;
        String tag = dw.name(d);
        if (d.flag(Attr.DECLARATION) || !d.hasChildren() && !d.has(Attr.BYTE_SIZE)) {
            Long def = definition(d.tag(), tag);
            if (def != null) return convert(def);
            int id = b.reserve(List.of("opaque", kind, String.valueOf(tag)));
            if (!b.isDefined(id)) b.define(id, RecordType.opaque(kind, tag));
            return id;
        }
        long size = dw.unsignedConstant(d, Attr.BYTE_SIZE, 0);
        if (!fitsObject(size)) throw tooLarge(d, "the size of " + kind.keyword() + " " + tag, size);
        var members = new ArrayList<Member>();
        dw.forEachChild(d, m -> {
            if (m.tag() == Tag.MEMBER) members.add(member(m, kind));
        });
        var key = new ArrayList<Object>(members.size() + 3);
        key.add(kind);
        key.add(String.valueOf(tag));
        key.add(size);
        key.add(dw.unsignedConstant(d, Attr.ALIGNMENT, 0));
        for (Member m : members) key.add(new MemberKey(String.valueOf(m.name), m.bitOffset, m.bitSize, m.alignAttr, shape(m.typeKey, 0)));
        int id = b.reserve(key);
        // The body is converted later (see complete): a pointer to this record needs only its id,
        // which is what breaks cycles that run through declarations in other units.
        if (!b.isDefined(id) && !pending.containsKey(id) && !defining.contains(id)) {
            pending.put(id, new PendingRecord(d, kind, tag, size, members));
        }
        return id;
    }

    /**
     * One member's part of a record's key: equal exactly when the text
     * {@code name@bitOffset:bitSize/align #shape} the key once held is equal (that text reads
     * back unambiguously from its end), without building that text for every member.
     */
    private record MemberKey(String name, long bitOffset, int bitSize, int alignAttr, int shape) {
        // Spelled out rather than generated, as the type records' are (see dev.dwarfbind.types).
        @Override
        public boolean equals(Object other) {
            return other instanceof MemberKey k && bitOffset == k.bitOffset && bitSize == k.bitSize
                    && alignAttr == k.alignAttr && shape == k.shape && name.equals(k.name);
        }

        @Override
        public int hashCode() {
            int h = name.hashCode();
            h = 31 * h + Long.hashCode(bitOffset);
            h = 31 * h + bitSize;
            h = 31 * h + alignAttr;
            return 31 * h + shape;
        }
    }

    private record PendingRecord(Die die, RecordKind kind, String tag, long size, List<Member> members) {
    }

    /**
     * Defines every record whose body has not been converted yet, then checks that every array is
     * smaller than the largest object (its element may have been a record not laid out before).
     */
    void completeAll() {
        while (!pending.isEmpty()) complete(pending.keySet().iterator().next());
        for (var e : arrayOrigins.entrySet()) {
            long size = sizeOf(e.getKey());
            if (size > maxObjectSize()) {
                ArrayType a = (ArrayType) b.get(e.getKey());
                throw dw.error(e.getValue(), "array of " + a.count() + " elements of " + sizeOf(a.element())
                        + " bytes is larger than the largest object a " + target.pointerSize() * 8 + "-bit target can have ("
                        + maxObjectSize() + " bytes)");
            }
        }
    }

    /** A record whose members are being converted: the next member to look at, and their type ids. */
    private static final class Frame {
        final int id;
        final PendingRecord record;
        final int[] types;
        int next;

        Frame(int id, PendingRecord record) {
            this.id = id;
            this.record = record;
            this.types = new int[record.members.size()];
        }
    }

    /**
     * Makes sure the type {@code id} is laid out: if it is (an array of, a typedef of) a record
     * whose body is pending, convert the body now, after the bodies of the records it holds by
     * value. Records may nest by value thousands deep, so this walks an explicit stack. A record
     * containing itself by value is corrupt input.
     */
    private void complete(int id) {
        int start = pendingBehind(id);
        if (start < 0) return;
        var stack = new ArrayDeque<Frame>();
        stack.push(open(start));
        try {
            while (!stack.isEmpty()) {
                Frame f = stack.peek();
                if (f.next < f.types.length) {
                    Member m = f.record.members.get(f.next);
                    int t = m.typeKey < 0 ? voidId : convert(m.typeKey);
                    f.types[f.next++] = t;
                    int inner = pendingBehind(t);
                    if (inner >= 0) stack.push(open(inner));
                    continue;
                }
                stack.pop();
                defineRecord(f.id, f.record, f.types);
                defining.remove(f.id);
            }
        } catch (RuntimeException e) {
            // The records being converted become opaque: pointers to them still work.
            for (Frame f : stack) {
                if (!b.isDefined(f.id)) b.define(f.id, RecordType.opaque(f.record.kind, f.record.tag));
                defining.remove(f.id);
            }
            throw e;
        }
    }

    private Frame open(int id) {
        defining.add(id);
        return new Frame(id, pending.remove(id));
    }

    /** The pending record that type {@code id} is, or holds by value through typedefs and arrays; -1 if none. */
    private int pendingBehind(int id) {
        for (int hops = 0; hops <= TypeSystemBuilder.MAX_NESTING; hops++) {
            CType t = b.get(id);
            if (t instanceof TypedefType td) {
                id = td.target();
            } else if (t instanceof QualifiedType q) {
                id = q.type();
            } else if (t instanceof ArrayType a) {
                id = a.element();
            } else if (t == null) {
                if (pending.containsKey(id)) return id;
                if (defining.contains(id)) {
                    throw new UnsupportedTypeException("a struct or union contains itself by value (type " + id + ")");
                }
                return -1;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** Lays out a record whose member types {@code types} are all laid out already. */
    private void defineRecord(int id, PendingRecord p, int[] types) {
        RecordKind kind = p.kind;
        var fields = new ArrayList<Field>(p.members.size());
        var inference = new AlignmentInference();
        for (int i = 0; i < types.length; i++) {
            Member m = p.members.get(i);
            int t = types[i];
            checkFits(p, m, t);
            fields.add(new Field(m.name, t, m.bitOffset, m.bitSize));
            int align = alignOf(t);
            // clang records aligned(N) on a member as DW_AT_alignment; gcc does not.
            if (m.alignAttr > 0) align = Math.max(align, m.alignAttr);
            if (m.bitSize == 0) inference.member(m.bitOffset, sizeOf(t), align);
            else inference.bitfield(m.bitOffset, m.bitSize, align);
        }
        long size = p.size;
        int alignment;
        long alignAttr = dw.unsignedConstant(p.die, Attr.ALIGNMENT, 0);
        if (alignAttr > 0 && Long.bitCount(alignAttr) == 1 && alignAttr <= 1L << 29) {
            alignment = (int) alignAttr;
        } else {
            // gcc does not record aligned(N) (clang does, as DW_AT_alignment): inferred from
            // trailing padding, as pahole does.
            alignment = inference.alignment(size);
        }
        boolean packed = inference.packed();
        b.define(id, new RecordType(kind, p.tag, size, alignment, fields, true, packed));
    }

    /**
     * A member must lie inside its record and a bitfield must fit its type: the loader and the
     * printer rely on both.
     */
    private void checkFits(PendingRecord p, Member m, int type) {
        long typeSize = sizeOf(type);
        if (m.bitSize > 0) {
            if (typeSize > 0 && m.bitSize > typeSize * 8) {
                throw dw.error(m.die, where(p, m) + " is a bitfield of " + m.bitSize + " bits, wider than its " + typeSize + "-byte type");
            }
            if (m.bitOffset + m.bitSize > p.size * 8) {
                throw dw.error(m.die, where(p, m) + " occupies bits " + m.bitOffset + " to " + (m.bitOffset + m.bitSize)
                        + ", past the end of the record");
            }
        } else if (typeSize > p.size || m.bitOffset / 8 > p.size - typeSize) {
            throw dw.error(m.die, where(p, m) + " at byte offset " + m.bitOffset / 8 + " with " + typeSize
                    + " bytes extends past the end of the record");
        }
    }

    /** How a member is named in the errors of {@link #checkFits}: built only when one is thrown. */
    private static String where(PendingRecord p, Member m) {
        return "member " + m.name + " of " + p.kind.keyword() + " " + p.tag + " (" + p.size + " bytes)";
    }

    private final Map<Integer, PendingRecord> pending = new java.util.LinkedHashMap<>();
    private final Set<Integer> defining = new HashSet<>();

    private Long definition(int tag, String name) {
        if (name == null) return null;
        List<Long> defs = index.get().definitions.get(DwarfIndex.tagKey(tag, name));
        return defs == null || defs.isEmpty() ? null : defs.getFirst();
    }

    private Member member(Die m, RecordKind kind) {
        String name = dw.name(m);
        long typeKey = dw.ref(m, Attr.TYPE);
        long bits = dw.unsignedConstant(m, Attr.BIT_SIZE, 0);
        // No C type is wider than 128 bits; the check against the member's type comes later.
        if (bits < 0 || bits > 1024) throw dw.error(m, "member " + name + " has a bit size of " + Long.toUnsignedString(bits));
        int bitSize = (int) bits;
        long byteOffset = memberOffset(m);
        if (!fitsObject(byteOffset)) throw tooLarge(m, "the offset of member " + name, byteOffset);
        long bitOffset;
        long dbo = dw.unsignedConstant(m, Attr.DATA_BIT_OFFSET, -1);
        if (dbo >= 0) {
            bitOffset = dbo;
        } else if (bitSize > 0 && m.has(Attr.BIT_OFFSET)) {
            // DWARF 2/3: DW_AT_bit_offset counts from the most significant bit of a storage unit
            // of DW_AT_byte_size bytes (or the member type's size) at the member's byte offset.
            long storage = dw.unsignedConstant(m, Attr.BYTE_SIZE, -1);
            if (storage < 0) storage = typeKey < 0 ? 0 : sizeOf(convert(typeKey));
            long fromMsb = m.values[m.index(Attr.BIT_OFFSET)];
            if (m.form(m.index(Attr.BIT_OFFSET)) != Form.SDATA) fromMsb = signExtend(fromMsb, m.form(m.index(Attr.BIT_OFFSET)));
            // gcc writes a negative offset for a bitfield that straddles its storage unit.
            if (storage > 16 || Math.abs(fromMsb) > 1 << 20) {
                throw dw.error(m, "bitfield " + name + " has DW_AT_bit_offset " + fromMsb + " in a storage unit of "
                        + storage + " bytes");
            }
            bitOffset = target.littleEndian()
                    ? byteOffset * 8 + storage * 8 - fromMsb - bitSize
                    : byteOffset * 8 + fromMsb;
        } else {
            bitOffset = byteOffset * 8;
        }
        if (bitOffset < 0) throw dw.error(m, "member " + name + " has negative bit offset " + bitOffset);
        int alignAttr = (int) Math.min(dw.unsignedConstant(m, Attr.ALIGNMENT, 0), 1L << 29);
        return new Member(m, name, typeKey, bitOffset, bitSize, alignAttr);
    }

    private static long signExtend(long v, int form) {
        return switch (form) {
            case Form.DATA1 -> (byte) v;
            case Form.DATA2 -> (short) v;
            case Form.DATA4 -> (int) v;
            default -> v;
        };
    }

    private long memberOffset(Die m) {
        int i = m.index(Attr.DATA_MEMBER_LOCATION);
        if (i < 0) return 0;
        int form = m.form(i);
        if (Dwarf.isConstant(form)) return m.values[i];
        if (form == Form.EXPRLOC || form == Form.BLOCK || form == Form.BLOCK1 || form == Form.BLOCK2 || form == Form.BLOCK4) {
            // DWARF 2 style: DW_OP_plus_uconst N (or DW_OP_constu N) as a location expression.
            var c = m.unit.section.cursor(m.values[i]);
            int op = c.u8();
            if (op == 0x23 || op == 0x10) return c.uleb();
        }
        throw dw.error(m, "member location is not a constant offset (form 0x" + Integer.toHexString(form) + ")");
    }

    private int alignOf(int id) {
        return b.alignOf(id);
    }

    private long sizeOf(int id) {
        return b.sizeOf(id);
    }

    /**
     * A description of the type at {@code key} that stops at names: enough to tell apart two
     * same-named records whose members differ in type, without following into records. Shapes are
     * hash-consed: the id of a description whose parts are ids, so a description is as long as
     * one DIE's children, however deeply anonymous records nest or share members. Below
     * {@value #SHAPE_LEVELS} levels a shape is "?".
     */
    private int shape(long key, int level) {
        if (key < 0) return shapeId("void");
        if (level > SHAPE_LEVELS) return shapeId("?");
        LongIntMap memo = shapes[level];
        if (memo == null) shapes[level] = memo = new LongIntMap();
        int known = memo.get(key);
        if (known != LongIntMap.ABSENT) return known;
        Die d = dw.die(key);
        String name = dw.name(d);
        String s = switch (d.tag()) {
            case Tag.BASE_TYPE, Tag.TYPEDEF -> String.valueOf(name);
            case Tag.STRUCTURE_TYPE, Tag.CLASS_TYPE, Tag.UNION_TYPE, Tag.ENUMERATION_TYPE -> name != null
                    ? DwarfIndex.tagKey(d.tag(), name)
                    : anonymousShape(d, level);
            case Tag.POINTER_TYPE, Tag.REFERENCE_TYPE -> "*#" + shape(dw.ref(d, Attr.TYPE), level + 1);
            case Tag.CONST_TYPE -> "const #" + shape(dw.ref(d, Attr.TYPE), level + 1);
            case Tag.VOLATILE_TYPE -> "volatile #" + shape(dw.ref(d, Attr.TYPE), level + 1);
            case Tag.RESTRICT_TYPE -> "restrict #" + shape(dw.ref(d, Attr.TYPE), level + 1);
            case Tag.ATOMIC_TYPE -> "_Atomic #" + shape(dw.ref(d, Attr.TYPE), level + 1);
            case Tag.ARRAY_TYPE -> "#" + shape(dw.ref(d, Attr.TYPE), level + 1) + arrayCounts(d);
            case Tag.SUBROUTINE_TYPE -> functionShape(d, level);
            default -> "tag" + d.tag();
        };
        int id = shapeId(s);
        memo.put(key, id);
        return id;
    }

    /**
     * The shape of a function's signature (a subprogram chain, or a subroutine type): its return
     * and parameter types' shapes and whether it is variadic, parameter names left out. Two
     * signatures of one shape convert to function types that differ at most in parameter names;
     * nothing is added to the builder.
     */
    int signatureShape(List<Die> chain) {
        Die withParams = null;
        long ret = -1;
        boolean prototyped = false;
        for (Die d : chain) {
            if (hasParameterChildren(d)) withParams = d;
            if (ret < 0) ret = dw.ref(d, Attr.TYPE);
            prototyped |= d.flag(Attr.PROTOTYPED);
        }
        var sb = new StringBuilder("sig #").append(shape(ret, 1)).append('(');
        if (withParams != null) {
            for (Die p : children(withParams)) {
                if (p.tag() == Tag.UNSPECIFIED_PARAMETERS && prototyped) sb.append("...");
                if (p.tag() != Tag.FORMAL_PARAMETER) continue;
                long type = dw.ref(p, Attr.TYPE);
                Die origin = p;
                for (int hops = 0; hops < 8 && type < 0; hops++) {
                    long o = dw.ref(origin, Attr.ABSTRACT_ORIGIN);
                    if (o < 0) break;
                    origin = dw.die(o);
                    type = dw.ref(origin, Attr.TYPE);
                }
                sb.append('#').append(shape(type, 1)).append(',');
            }
        }
        return shapeId(sb.append(')').toString());
    }

    private int shapeId(String description) {
        Integer id = shapeIds.get(description);
        if (id != null) return id;
        shapeIds.put(description, shapeIds.size());
        return shapeIds.size() - 1;
    }

    /** An array's dimensions, {@code [4][8]} ({@code []} for one without a count): part of its shape. */
    private String arrayCounts(Die d) {
        var sb = new StringBuilder();
        dw.forEachChild(d, sub -> {
            if (sub.tag() == Tag.SUBRANGE_TYPE) {
                long n = count(sub);
                sb.append('[').append(n == ArrayType.UNKNOWN_COUNT ? "" : Long.toString(n)).append(']');
            }
        });
        return sb.isEmpty() ? "[]" : sb.toString();
    }

    /**
     * A function type's shape: its return and parameter shapes. Without the parameters, two
     * anonymous structs whose function-pointer members differ only in what they take (GSL's
     * solver type tables) would unify into one.
     */
    private String functionShape(Die d, int level) {
        var sb = new StringBuilder("fn #").append(shape(dw.ref(d, Attr.TYPE), level + 1)).append('(');
        if (d.flag(Attr.PROTOTYPED)) sb.append('p');
        dw.forEachChild(d, p -> {
            if (p.tag() == Tag.FORMAL_PARAMETER) sb.append('#').append(shape(dw.ref(p, Attr.TYPE), level + 1)).append(',');
            else if (p.tag() == Tag.UNSPECIFIED_PARAMETERS) sb.append("...");
        });
        return sb.append(')').toString();
    }

    private String anonymousShape(Die d, int level) {
        var sb = new StringBuilder(d.tag() == Tag.UNION_TYPE ? "union{" : "{");
        sb.append(dw.unsignedConstant(d, Attr.BYTE_SIZE, 0)).append(';');
        dw.forEachChild(d, m -> {
            if (m.tag() == Tag.MEMBER || m.tag() == Tag.ENUMERATOR) {
                sb.append(dw.name(m)).append(':').append(m.tag() == Tag.MEMBER ? "#" + shape(dw.ref(m, Attr.TYPE), level + 1) : "")
                        .append(';');
            }
        });
        return sb.append('}').toString();
    }

    // ---- enums ----

    private int enumeration(Die d) {
        String tag = dw.name(d);
        if (d.flag(Attr.DECLARATION)) {
            Long def = definition(d.tag(), tag);
            if (def != null) return convert(def);
            return b.add(new EnumType(tag, TypeSystem.NO_TYPE, 0, 1, false, List.of(), false));
        }
        long byteSize = dw.unsignedConstant(d, Attr.BYTE_SIZE, 4);
        if (byteSize == 16) throw unsupported(d, "enum " + tag + " has 16 bytes; dwarfbind supports enums of up to 8");
        if (byteSize != 1 && byteSize != 2 && byteSize != 4 && byteSize != 8) {
            throw dw.error(d, "enum " + tag + " has DW_AT_byte_size " + Long.toUnsignedString(byteSize) + "; enums have 1, 2, 4 or 8 bytes");
        }
        int size = (int) byteSize;
        int underlying = TypeSystem.NO_TYPE;
        Boolean signed = null;
        if (d.has(Attr.TYPE)) {
            underlying = typeOf(d);
            int u = underlying;
            for (int hops = 0; hops < 64 && !(b.get(u) instanceof ScalarType); hops++) {
                if (b.get(u) instanceof TypedefType td) u = td.target();
                else if (b.get(u) instanceof QualifiedType q) u = q.type();
                else break;
            }
            if (b.get(u) instanceof ScalarType s) signed = s.signed();
        }
        var raw = new ArrayList<long[]>();
        var names = new ArrayList<String>();
        boolean anySdataNegative = false;
        for (Die e : children(d)) {
            if (e.tag() != Tag.ENUMERATOR) continue;
            int i = e.index(Attr.CONST_VALUE);
            if (i < 0) throw dw.error(e, "enumerator without DW_AT_const_value");
            int form = e.form(i);
            long v = e.values[i];
            if (form == Form.DATA16) throw dw.error(e, "128-bit enumerator values are not supported");
            if (form == Form.SDATA && v < 0 || form == Form.IMPLICIT_CONST && v < 0) anySdataNegative = true;
            raw.add(new long[]{v, form});
            names.add(dw.name(e));
        }
        if (signed == null) signed = anySdataNegative;
        var values = new ArrayList<Enumerator>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            long v = raw.get(i)[0];
            int form = (int) raw.get(i)[1];
            BigInteger value;
            if (form == Form.SDATA || form == Form.IMPLICIT_CONST) {
                value = signed || v >= 0 ? BigInteger.valueOf(v) : unsigned(v);
            } else if (form == Form.UDATA) {
                value = unsigned(v);
            } else {
                // DW_FORM_dataN: the bits of the value in the enum's own width.
                long bits = signed ? signExtend(v, form) : v;
                value = signed ? BigInteger.valueOf(bits) : unsigned(bits);
            }
            values.add(new Enumerator(names.get(i) == null ? "_" + i : names.get(i), value));
        }
        return b.add(new EnumType(tag, underlying, size, target.scalarAlignment(ScalarKind.SIGNED, Math.max(size, 1)),
                signed, values, true));
    }

    private static BigInteger unsigned(long v) {
        return v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64));
    }

    private List<Die> children(Die d) {
        var out = new ArrayList<Die>();
        dw.forEachChild(d, out::add);
        return out;
    }

    // ---- functions ----

    /**
     * The function type described by a chain of subprogram DIEs (a concrete instance, then its
     * abstract origin, then the declaration it specifies): each attribute is taken from the first
     * DIE of the chain that has it, the parameters from the last that lists any.
     */
    int function(List<Die> chain) {
        Die withParams = null;
        for (Die d : chain) {
            if (hasParameterChildren(d)) withParams = d;
        }
        Die first = chain.getFirst();
        boolean prototyped = false;
        int returnType = voidId;
        boolean returnFound = false;
        CallingConvention cc = CallingConvention.DEFAULT;
        for (Die d : chain) {
            if (d.flag(Attr.PROTOTYPED)) prototyped = true;
            if (!returnFound && d.has(Attr.TYPE)) {
                returnType = typeOf(d);
                returnFound = true;
            }
            if (d.has(Attr.CALLING_CONVENTION) && cc == CallingConvention.DEFAULT) {
                cc = convention((int) dw.unsignedConstant(d, Attr.CALLING_CONVENTION, 1));
            }
        }
        var params = new ArrayList<Parameter>();
        boolean variadic = false;
        if (withParams != null) {
            for (Die p : children(withParams)) {
                if (p.tag() == Tag.FORMAL_PARAMETER) {
                    params.add(parameter(p));
                } else if (p.tag() == Tag.UNSPECIFIED_PARAMETERS) {
                    variadic = true;
                }
            }
        }
        // A K&R definition has no prototype, and its "..." DIE, if any, only says so.
        if (!prototyped) variadic = false;
        if (first.tag() == Tag.SUBROUTINE_TYPE && !prototyped && params.isEmpty()) variadic = false;
        return add(first, new FunctionType(returnType, params, variadic, prototyped, cc));
    }

    private boolean hasParameterChildren(Die d) {
        return dw.findChild(d, c -> c.tag() == Tag.FORMAL_PARAMETER || c.tag() == Tag.UNSPECIFIED_PARAMETERS) != null;
    }

    private Parameter parameter(Die p) {
        String name = dw.name(p);
        long type = dw.ref(p, Attr.TYPE);
        // An out-of-line instance's parameter may carry only an abstract origin.
        Die origin = p;
        for (int hops = 0; hops < 8 && (name == null || type < 0); hops++) {
            long o = dw.ref(origin, Attr.ABSTRACT_ORIGIN);
            if (o < 0) break;
            origin = dw.die(o);
            if (name == null) name = dw.name(origin);
            if (type < 0) type = dw.ref(origin, Attr.TYPE);
        }
        if (type < 0) throw dw.error(p, "parameter " + name + " has no type");
        return new Parameter(name, convert(type));
    }

    private static CallingConvention convention(int cc) {
        return switch (cc) {
            case 0x01 -> CallingConvention.DEFAULT;         // DW_CC_normal
            case 0xb1 -> CallingConvention.STDCALL;         // DW_CC_BORLAND_stdcall
            case 0xb2 -> CallingConvention.PASCAL;          // DW_CC_BORLAND_pascal
            case 0xb3, 0xb6, 0x41 -> CallingConvention.FASTCALL; // msfastcall, BORLAND_fastcall, GNU_borland_fastcall_i386
            case 0xb5 -> CallingConvention.THISCALL;        // DW_CC_BORLAND_thiscall
            case 0xc0 -> CallingConvention.VECTORCALL;      // DW_CC_LLVM_vectorcall
            case 0xc1 -> CallingConvention.MS_ABI;          // DW_CC_LLVM_Win64
            case 0xc2 -> CallingConvention.SYSV_ABI;        // DW_CC_LLVM_X86_64SysV
            case 0xc3 -> CallingConvention.AAPCS;           // DW_CC_LLVM_AAPCS
            case 0xc4 -> CallingConvention.AAPCS_VFP;       // DW_CC_LLVM_AAPCS_VFP
            case 0xc5 -> CallingConvention.INTEL_OCL_BICC;  // DW_CC_LLVM_IntelOclBicc
            case 0xc8 -> CallingConvention.SWIFT;           // DW_CC_LLVM_Swift
            case 0xc9 -> CallingConvention.PRESERVE_MOST;   // DW_CC_LLVM_PreserveMost
            case 0xca -> CallingConvention.PRESERVE_ALL;    // DW_CC_LLVM_PreserveAll
            case 0xcb -> CallingConvention.REGCALL;         // DW_CC_LLVM_X86RegCall
            case 0xcc -> CallingConvention.M68K_RTD;        // DW_CC_LLVM_M68kRTD
            case 0xcd -> CallingConvention.PRESERVE_NONE;   // DW_CC_LLVM_PreserveNone
            case 0xce -> CallingConvention.RISCV_VECTOR;    // DW_CC_LLVM_RISCVVectorCall
            case 0xcf -> CallingConvention.SWIFT_ASYNC;     // DW_CC_LLVM_SwiftTail
            default -> CallingConvention.UNKNOWN;           // DW_CC_nocall and vendor values
        };
    }
}
