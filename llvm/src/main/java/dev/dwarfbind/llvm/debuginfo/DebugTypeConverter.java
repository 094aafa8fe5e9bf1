package dev.dwarfbind.llvm.debuginfo;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns LLVM's debug-info types ({@code DIType} nodes) into types of a {@link TypeSystemBuilder}: what the
 * DWARF reader builds from the DIEs the backend would write for the same nodes, built here from the nodes
 * themselves. The mapping follows the DWARF reader's, DIE for node: a {@code DIBasicType} is a
 * {@code DW_TAG_base_type}, a {@code DIDerivedType} a pointer, typedef, qualifier or member, a
 * {@code DICompositeType} a struct, union, enum or array, a {@code DISubroutineType} a subroutine type.
 * Memoised per node; tagged records are reserved before their members are converted, so a record that
 * points to itself finds its own id.
 */
final class DebugTypeConverter {
    // DW_TAG_* values of the nodes met in C.
    private static final int TAG_ARRAY = 0x01;
    private static final int TAG_CLASS = 0x02;
    private static final int TAG_ENUMERATION = 0x04;
    private static final int TAG_MEMBER = 0x0d;
    private static final int TAG_POINTER = 0x0f;
    private static final int TAG_REFERENCE = 0x10;
    private static final int TAG_STRUCTURE = 0x13;
    private static final int TAG_TYPEDEF = 0x16;
    private static final int TAG_UNION = 0x17;
    private static final int TAG_CONST = 0x26;
    private static final int TAG_VOLATILE = 0x35;
    private static final int TAG_RESTRICT = 0x37;
    private static final int TAG_UNSPECIFIED_TYPE = 0x3b;
    private static final int TAG_RVALUE_REFERENCE = 0x42;
    private static final int TAG_ATOMIC = 0x47;
    // LLVMDIFlags
    static final int FLAG_FWD_DECL = 1 << 2;
    static final int FLAG_BIT_FIELD = 1 << 19;
    /** Derived types nest at most this deep while converting; the builder refuses deeper ones anyway. */
    private static final int MAX_DEPTH = TypeSystemBuilder.MAX_NESTING + 16;

    private final TypeSystemBuilder b;
    private final Target target;
    private final int voidId;
    private final Map<DiNode, Integer> done = new HashMap<>();
    private final Map<DiNode, UnsupportedMetadataTypeException> failures = new HashMap<>();
    private final Set<DiNode> inProgress = new HashSet<>();
    private int depth;

    DebugTypeConverter(TypeSystemBuilder b) {
        this.b = b;
        this.target = b.target();
        this.voidId = b.add(new VoidType());
    }

    /** The id of type {@code t}; {@code null} is {@code void}, as a missing DW_AT_type is. */
    int convert(DiNode t) {
        if (t == null) return voidId;
        Integer id = done.get(t);
        if (id != null) return id;
        UnsupportedMetadataTypeException failed = failures.get(t);
        if (failed != null) throw failed;
        if (!inProgress.add(t)) throw new DebugMetadataException("a type refers to itself other than through a pointer: " + t);
        try {
            if (++depth > MAX_DEPTH) {
                throw new UnsupportedMetadataTypeException("types nest more than " + TypeSystemBuilder.MAX_NESTING
                        + " levels deep, the most dwarfbind supports");
            }
            int result = switch (t.kind()) {
                case DiNode.DI_BASIC_TYPE -> t.tag() == TAG_UNSPECIFIED_TYPE ? voidId : scalar(t);
                case DiNode.DI_DERIVED_TYPE -> derived(t);
                case DiNode.DI_COMPOSITE_TYPE -> composite(t);
                case DiNode.DI_SUBROUTINE_TYPE -> function(t, null, false);
                default -> throw new DebugMetadataException("expected a type, found " + t);
            };
            done.put(t, result);
            return result;
        } catch (UnsupportedMetadataTypeException e) {
            failures.put(t, e);
            throw e;
        } finally {
            depth--;
            inProgress.remove(t);
        }
    }

    private int add(CType type) {
        if (b.nestingOf(type) > TypeSystemBuilder.MAX_NESTING) {
            throw new UnsupportedMetadataTypeException("types nest more than " + TypeSystemBuilder.MAX_NESTING
                    + " levels deep, the most dwarfbind supports");
        }
        return b.add(type);
    }

    // ---- scalars ----

    private int scalar(DiNode t) {
        String name = t.typeName();
        long bits = t.sizeInBits();
        int size = (int) Math.min((bits + 7) / 8, Integer.MAX_VALUE);
        // The C API has no accessor for DIBasicType's encoding: read from the printed node.
        String encoding = t.field("encoding");
        if (encoding == null) throw new DebugMetadataException("basic type " + name + " has no encoding: " + t);
        ScalarKind kind;
        boolean signed;
        switch (encoding) {
            case "DW_ATE_boolean" -> { kind = ScalarKind.BOOL; signed = false; }
            case "DW_ATE_complex_float" -> { kind = ScalarKind.COMPLEX; signed = true; }
            case "DW_ATE_float", "DW_ATE_imaginary_float" -> { kind = ScalarKind.FLOAT; signed = true; }
            case "DW_ATE_signed" -> { kind = ScalarKind.SIGNED; signed = true; }
            case "DW_ATE_signed_char" -> { kind = "char".equals(name) ? ScalarKind.CHAR : ScalarKind.SIGNED_CHAR; signed = true; }
            case "DW_ATE_unsigned" -> { kind = ScalarKind.UNSIGNED; signed = false; }
            case "DW_ATE_unsigned_char" -> { kind = "char".equals(name) ? ScalarKind.CHAR : ScalarKind.UNSIGNED_CHAR; signed = false; }
            case "DW_ATE_decimal_float" -> { kind = ScalarKind.DECIMAL_FLOAT; signed = true; }
            case "DW_ATE_UTF" -> { kind = ScalarKind.UNICODE_CHAR; signed = false; }
            default -> throw new UnsupportedMetadataTypeException("basic type " + name + " has encoding " + encoding
                    + ", which dwarfbind does not support");
        }
        if (size <= 0 || size > 64) throw new DebugMetadataException("basic type " + name + " has " + bits + " bits: " + t);
        if ((kind == ScalarKind.SIGNED || kind == ScalarKind.UNSIGNED) && Integer.bitCount(size) != 1) {
            // C23's _BitInt of an odd width, as the DWARF reader also refuses it.
            throw new UnsupportedMetadataTypeException("base type " + name + " has size " + size
                    + "; dwarfbind supports integers of 1, 2, 4, 8 and 16 bytes (not _BitInt)");
        }
        if (name == null) name = kind.name().toLowerCase(java.util.Locale.ROOT) + size * 8;
        return b.add(new ScalarType(name, kind, size, target.scalarAlignment(kind, size), signed));
    }

    // ---- pointers, typedefs, qualifiers ----

    private int derived(DiNode t) {
        int tag = t.tag();
        return switch (tag) {
            case TAG_POINTER, TAG_REFERENCE, TAG_RVALUE_REFERENCE -> {
                int pointee = convert(baseType(t));
                long bits = t.sizeInBits();
                long size = bits == 0 ? target.pointerSize() : bits / 8;
                if (size != 2 && size != 4 && size != 8) throw new DebugMetadataException("pointer of " + bits + " bits: " + t);
                yield add(new PointerType(pointee, (int) size));
            }
            case TAG_TYPEDEF -> {
                String name = t.typeName();
                int target = convert(baseType(t));
                yield name == null ? target : add(new TypedefType(name, target));
            }
            case TAG_CONST, TAG_VOLATILE, TAG_RESTRICT, TAG_ATOMIC -> qualified(t);
            default -> throw new UnsupportedMetadataTypeException("derived type with DWARF tag 0x" + Integer.toHexString(tag)
                    + " has no C equivalent that dwarfbind supports: " + t);
        };
    }

    /** A derived type's or composite's base type: operand 3 of both ({@code DIType}'s layout: file, scope, name, base type). */
    private static DiNode baseType(DiNode t) {
        return t.node(3);
    }

    private int qualified(DiNode t) {
        var qs = EnumSet.noneOf(Qualifier.class);
        DiNode cur = t;
        // A chain of qualifier nodes (const volatile int is two) folds into one type, as the DWARF reader folds DIEs.
        for (int hops = 0; ; hops++) {
            switch (cur.tag()) {
                case TAG_CONST -> qs.add(Qualifier.CONST);
                case TAG_VOLATILE -> qs.add(Qualifier.VOLATILE);
                case TAG_RESTRICT -> qs.add(Qualifier.RESTRICT);
                case TAG_ATOMIC -> qs.add(Qualifier.ATOMIC);
                default -> throw new AssertionError();
            }
            DiNode next = baseType(cur);
            if (next == null) return add(new QualifiedType(qs, voidId));
            if (!isQualifier(next) || hops > 8) {
                int base = convert(next);
                if (b.get(base) instanceof QualifiedType inner) {
                    qs.addAll(inner.qualifiers());
                    base = inner.type();
                }
                return add(new QualifiedType(qs, base));
            }
            cur = next;
        }
    }

    private static boolean isQualifier(DiNode n) {
        if (n.kind() != DiNode.DI_DERIVED_TYPE) return false;
        int tag = n.tag();
        return tag == TAG_CONST || tag == TAG_VOLATILE || tag == TAG_RESTRICT || tag == TAG_ATOMIC;
    }

    // ---- structs, unions, enums, arrays ----

    private int composite(DiNode t) {
        return switch (t.tag()) {
            case TAG_STRUCTURE, TAG_CLASS -> record(t, RecordKind.STRUCT);
            case TAG_UNION -> record(t, RecordKind.UNION);
            case TAG_ENUMERATION -> enumeration(t);
            case TAG_ARRAY -> array(t);
            default -> throw new UnsupportedMetadataTypeException("composite type with DWARF tag 0x" + Integer.toHexString(t.tag())
                    + " has no C equivalent that dwarfbind supports: " + t);
        };
    }

    /** A composite's elements (operand 4): members, enumerators or subranges. */
    private static List<DiNode> elements(DiNode t) {
        DiNode tuple = t.node(4);
        if (tuple == null) return List.of();
        var out = new ArrayList<DiNode>();
        for (Object o : tuple.operands()) {
            if (o instanceof DiNode n) out.add(n);
        }
        return out;
    }

    private int record(DiNode t, RecordKind kind) {
        String tag = t.typeName();
        if ((t.flags() & FLAG_FWD_DECL) != 0) {
            // A module has one node per tag; a declaration is a record this unit never defines.
            int id = b.reserve(List.of("opaque", kind, String.valueOf(tag)));
            if (!b.isDefined(id)) b.define(id, RecordType.opaque(kind, tag));
            return id;
        }
        long size = t.sizeInBits() / 8;
        List<DiNode> members = new ArrayList<>();
        for (DiNode m : elements(t)) {
            if (m.kind() == DiNode.DI_DERIVED_TYPE && m.tag() == TAG_MEMBER) members.add(m);
        }
        if (tag == null) {
            // An anonymous record cannot be part of a cycle (nothing can name it before it is complete): its
            // members convert now, and equal anonymous records intern to one type, as the DWARF reader's do.
            int[] types = new int[members.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = convert(baseType(members.get(i)));
                completeBehind(types[i]);
            }
            return b.add(layout(t, kind, null, size, members, types));
        }
        // Reserved under the node; the members are converted later (completeAll), so that a cycle through a
        // typedef or a function pointer (typedef int (*cb)(struct ctx *); struct ctx { cb f; };) finds this id.
        int id = b.reserve(List.of("record", t.address()));
        done.put(t, id);
        if (!b.isDefined(id) && !defining.contains(id)) pending.putIfAbsent(id, new PendingRecord(t, kind, tag, size, members));
        return id;
    }

    private record PendingRecord(DiNode node, RecordKind kind, String tag, long size, List<DiNode> members) {
    }

    private final Map<Integer, PendingRecord> pending = new java.util.LinkedHashMap<>();
    private final Set<Integer> defining = new HashSet<>();

    /**
     * Defines every record whose members have not been converted yet. One that cannot be (a member of a
     * type dwarfbind cannot hold) is left opaque, as the DWARF reader leaves it, and the next is tried.
     */
    void completeAll() {
        while (!pending.isEmpty()) {
            try {
                complete(pending.keySet().iterator().next());
            } catch (UnsupportedMetadataTypeException ignored) {
                // Now opaque: pointers to it still work, by-value use fails at bind time.
            }
        }
    }

    /** Lays out record {@code id}, after the records it holds by value. */
    private void complete(int id) {
        PendingRecord p = pending.remove(id);
        if (p == null) return;
        defining.add(id);
        try {
            int[] types = new int[p.members.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = convert(baseType(p.members.get(i)));
                completeBehind(types[i]);
            }
            b.define(id, layout(p.node, p.kind, p.tag, p.size, p.members, types));
        } catch (RuntimeException e) {
            if (!b.isDefined(id)) b.define(id, RecordType.opaque(p.kind, p.tag));
            throw e;
        } finally {
            defining.remove(id);
        }
    }

    /** Completes the pending record that {@code id} is or holds by value (through typedefs, qualifiers, arrays). */
    private void completeBehind(int id) {
        for (int hops = 0; hops <= TypeSystemBuilder.MAX_NESTING; hops++) {
            switch (b.get(id)) {
                case TypedefType td -> id = td.target();
                case QualifiedType q -> id = q.type();
                case ArrayType a -> id = a.element();
                case null -> {
                    if (defining.contains(id)) throw new DebugMetadataException("a struct or union contains itself by value (type " + id + ")");
                    complete(id);
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    private RecordType layout(DiNode t, RecordKind kind, String tag, long size, List<DiNode> members, int[] types) {
        var fields = new ArrayList<Field>(members.size());
        var inference = new AlignmentInference();
        for (int i = 0; i < types.length; i++) {
            DiNode m = members.get(i);
            String name = m.typeName();
            boolean bitfield = (m.flags() & FLAG_BIT_FIELD) != 0;
            int bitSize = bitfield ? (int) m.sizeInBits() : 0;
            long bitOffset = m.offsetInBits();
            int type = types[i];
            checkFits(kind, tag, size, name, type, bitOffset, bitSize, m);
            fields.add(new Field(name, type, bitOffset, bitSize));
            int align = b.alignOf(type);
            // clang records aligned(N) on a member as its alignment (DW_AT_alignment in DWARF).
            long alignAttr = m.alignInBits() / 8;
            if (alignAttr > 0) align = (int) Math.max(align, Math.min(alignAttr, 1L << 29));
            if (bitSize == 0) inference.member(bitOffset, b.sizeOf(type), align);
            else inference.bitfield(bitOffset, bitSize, align);
        }
        long alignAttr = t.alignInBits() / 8;
        int alignment = alignAttr > 0 && Long.bitCount(alignAttr) == 1 && alignAttr <= 1L << 29
                ? (int) alignAttr
                // No explicit alignment: inferred from the members and trailing padding, as for DWARF.
                : inference.alignment(size);
        return new RecordType(kind, tag, size, alignment, fields, true, inference.packed());
    }

    private void checkFits(RecordKind kind, String tag, long size, String name, int type, long bitOffset, int bitSize, DiNode m) {
        String where = "member " + name + " of " + kind.keyword() + " " + tag + " (" + size + " bytes)";
        long typeSize = b.sizeOf(type);
        if (bitSize > 0) {
            if (typeSize > 0 && bitSize > typeSize * 8) {
                throw new DebugMetadataException(where + " is a bitfield of " + bitSize + " bits, wider than its type: " + m);
            }
            if (bitOffset + bitSize > size * 8) throw new DebugMetadataException(where + " lies past the end of the record: " + m);
        } else if (typeSize > size || bitOffset / 8 > size - typeSize) {
            throw new DebugMetadataException(where + " at byte " + bitOffset / 8 + " with " + typeSize
                    + " bytes extends past the end of the record: " + m);
        }
    }

    private int enumeration(DiNode t) {
        String tag = t.typeName();
        if ((t.flags() & FLAG_FWD_DECL) != 0) {
            return b.add(new EnumType(tag, TypeSystem.NO_TYPE, 0, 1, false, List.of(), false));
        }
        long byteSize = t.sizeInBits() / 8;
        if (byteSize == 16) throw new UnsupportedMetadataTypeException("enum " + tag + " has 16 bytes; dwarfbind supports enums of up to 8");
        if (byteSize != 1 && byteSize != 2 && byteSize != 4 && byteSize != 8) {
            throw new DebugMetadataException("enum " + tag + " has " + byteSize + " bytes: " + t);
        }
        int underlying = TypeSystem.NO_TYPE;
        boolean signed = false;
        DiNode base = baseType(t);
        if (base != null) {
            underlying = convert(base);
            if (b.get(strip(underlying)) instanceof ScalarType s) signed = s.signed();
        }
        var values = new ArrayList<Enumerator>();
        for (DiNode e : elements(t)) {
            if (e.kind() != DiNode.DI_ENUMERATOR) continue;
            // DIEnumerator's value has no C accessor: read from the printed node (unsigned values print unsigned).
            String v = e.field("value");
            if (v == null) throw new DebugMetadataException("enumerator without a value: " + e);
            String name = e.string(0);
            try {
                values.add(new Enumerator(name, new BigInteger(v)));
            } catch (NumberFormatException ex) {
                throw new DebugMetadataException("enumerator " + name + " has value " + v + ": " + e);
            }
        }
        int size = (int) byteSize;
        return b.add(new EnumType(tag, underlying, size, target.scalarAlignment(ScalarKind.SIGNED, size), signed, values, true));
    }

    private int strip(int id) {
        for (int hops = 0; hops <= TypeSystemBuilder.MAX_NESTING; hops++) {
            switch (b.get(id)) {
                case TypedefType td -> id = td.target();
                case QualifiedType q -> id = q.type();
                case null, default -> {
                    return id;
                }
            }
        }
        return id;
    }

    private int array(DiNode t) {
        int element = convert(baseType(t));
        if (b.get(strip(element)) instanceof FunctionType) throw new DebugMetadataException("array of functions: " + t);
        var counts = new ArrayList<Long>();
        for (DiNode sub : elements(t)) {
            if (sub.kind() != DiNode.DI_SUBRANGE) continue;
            // DISubrange's operands: count, lower bound, upper bound, stride. A count that is not a constant
            // (a variable-length array's) or -1 (a flexible array member) leaves the size open.
            Object count = sub.operand(0);
            counts.add(count instanceof Long n && n >= 0 ? n : ArrayType.UNKNOWN_COUNT);
            if (counts.size() > TypeSystemBuilder.MAX_NESTING) {
                throw new UnsupportedMetadataTypeException("an array of more than " + TypeSystemBuilder.MAX_NESTING + " dimensions");
            }
        }
        if (counts.isEmpty()) counts.add(ArrayType.UNKNOWN_COUNT);
        int id = element;
        for (int i = counts.size() - 1; i >= 0; i--) id = add(new ArrayType(id, counts.get(i)));
        return id;
    }

    // ---- functions ----

    /**
     * The function type of subroutine type {@code t}. For a function's definition, {@code parameters} are its
     * parameters' variables in argument order (the DWARF writer types a definition's parameters by them),
     * with their names; {@code null} for a function pointer's type, whose parameters have no names.
     * {@code prototyped} is the subprogram's own flag for a definition.
     */
    int function(DiNode t, List<DiNode> parameters, boolean prototypedDefinition) {
        // DISubroutineType's operand 3 is its type array: the return type (null: void), then the parameters,
        // then a null for "..." when variadic.
        DiNode typeArray = t.node(3);
        List<Object> types = typeArray == null ? List.of() : typeArray.operands();
        // The DWARF writer calls a subroutine type unprototyped exactly when its only parameter is "...",
        // which is how clang writes int (*)(); a definition carries its own flag.
        boolean prototyped = parameters != null ? prototypedDefinition : !(types.size() == 2 && types.get(1) == null);
        int returnType = types.isEmpty() ? voidId : convert((DiNode) types.getFirst());
        var params = new ArrayList<Parameter>();
        boolean variadic = false;
        for (int i = 1; i < types.size(); i++) {
            Object o = types.get(i);
            if (o == null) {
                variadic = true;
                continue;
            }
            DiNode var = parameters != null && i - 1 < parameters.size() ? parameters.get(i - 1) : null;
            if (var != null) {
                params.add(new Parameter(var.string(1), convert(var.node(3))));
            } else {
                params.add(new Parameter(null, convert((DiNode) o)));
            }
        }
        if (!prototyped) variadic = false;
        // The C API has no accessor for DISubroutineType's calling convention: read from the printed node.
        CallingConvention cc = convention(t.field("cc"));
        return add(new FunctionType(returnType, params, variadic, prototyped, cc));
    }

    private static CallingConvention convention(String cc) {
        if (cc == null) return CallingConvention.DEFAULT;
        return switch (cc) {
            case "DW_CC_normal" -> CallingConvention.DEFAULT;
            case "DW_CC_BORLAND_stdcall" -> CallingConvention.STDCALL;
            case "DW_CC_BORLAND_pascal" -> CallingConvention.PASCAL;
            case "DW_CC_BORLAND_msfastcall", "DW_CC_BORLAND_fastcall", "DW_CC_GNU_borland_fastcall_i386" -> CallingConvention.FASTCALL;
            case "DW_CC_BORLAND_thiscall" -> CallingConvention.THISCALL;
            case "DW_CC_LLVM_vectorcall" -> CallingConvention.VECTORCALL;
            case "DW_CC_LLVM_Win64" -> CallingConvention.MS_ABI;
            case "DW_CC_LLVM_X86_64SysV" -> CallingConvention.SYSV_ABI;
            case "DW_CC_LLVM_AAPCS" -> CallingConvention.AAPCS;
            case "DW_CC_LLVM_AAPCS_VFP" -> CallingConvention.AAPCS_VFP;
            case "DW_CC_LLVM_IntelOclBicc" -> CallingConvention.INTEL_OCL_BICC;
            case "DW_CC_LLVM_Swift" -> CallingConvention.SWIFT;
            case "DW_CC_LLVM_PreserveMost" -> CallingConvention.PRESERVE_MOST;
            case "DW_CC_LLVM_PreserveAll" -> CallingConvention.PRESERVE_ALL;
            case "DW_CC_LLVM_X86RegCall" -> CallingConvention.REGCALL;
            case "DW_CC_LLVM_M68kRTD" -> CallingConvention.M68K_RTD;
            case "DW_CC_LLVM_PreserveNone" -> CallingConvention.PRESERVE_NONE;
            case "DW_CC_LLVM_RISCVVectorCall" -> CallingConvention.RISCV_VECTOR;
            case "DW_CC_LLVM_SwiftTail" -> CallingConvention.SWIFT_ASYNC;
            default -> CallingConvention.UNKNOWN;
        };
    }
}
