package dev.dwarfbind.headers;

import dev.dwarfbind.clang.ClangType;
import dev.dwarfbind.clang.Cursor;
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
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns Clang's types into the type system, with the layout Clang computes for the target: what
 * the DWARF reader builds from a compiler's debug info, built here from the compiler's front end.
 * Records and enums are keyed by their USR, so every declaration of one tag (and the same tag seen
 * from two translation units) is one type, complete once any is.
 */
final class ClangTypeConverter {
    private final TypeSystemBuilder b;
    private final Target target;

    ClangTypeConverter(TypeSystemBuilder b) {
        this.b = b;
        this.target = b.target();
    }

    /** The id of {@code t}, adding it and what it refers to. */
    int convert(ClangType t) {
        EnumSet<Qualifier> qs = EnumSet.noneOf(Qualifier.class);
        if (t.isConst()) qs.add(Qualifier.CONST);
        if (t.isVolatile()) qs.add(Qualifier.VOLATILE);
        if (t.isRestrict()) qs.add(Qualifier.RESTRICT);
        if (!qs.isEmpty()) return b.add(new QualifiedType(qs, convertUnqualified(t.unqualified())));
        return convertUnqualified(t);
    }

    private int convertUnqualified(ClangType t) {
        int kind = t.kind();
        return switch (kind) {
            case ClangType.VOID -> b.add(new VoidType());
            case ClangType.ELABORATED -> convert(t.namedType());
            case ClangType.ATTRIBUTED -> convert(t.modifiedType());
            case ClangType.ATOMIC -> b.add(new QualifiedType(EnumSet.of(Qualifier.ATOMIC), convert(t.valueType())));
            case ClangType.TYPEDEF -> typedef(t);
            case ClangType.POINTER -> b.add(new PointerType(convert(t.pointee()), (int) t.sizeOf()));
            case ClangType.CONSTANT_ARRAY -> b.add(new ArrayType(convert(t.elementType()), t.arraySize()));
            case ClangType.INCOMPLETE_ARRAY -> b.add(new ArrayType(convert(t.elementType()), ArrayType.UNKNOWN_COUNT));
            case ClangType.RECORD -> record(t);
            case ClangType.ENUM -> enumeration(t);
            case ClangType.FUNCTION_PROTO, ClangType.FUNCTION_NO_PROTO -> function(t, null);
            case ClangType.COMPLEX -> complex(t);
            // A variable-length array (only a parameter can have one: int m[rows][cols]) has a
            // size known at run time only, as the compiler's DWARF says with a count expression.
            case ClangType.VARIABLE_ARRAY -> b.add(new ArrayType(convert(t.elementType()), ArrayType.UNKNOWN_COUNT));
            case ClangType.VECTOR -> throw unsupported(t, "a vector type");
            case ClangType.BLOCK_POINTER -> throw unsupported(t, "a block pointer");
            case ClangType.UNEXPOSED, ClangType.BTF_TAG_ATTRIBUTED, ClangType.AUTO -> {
                // Sugar libclang does not expose (a decayed parameter, a btf_type_tag, a deduced
                // __auto_type): the
                // canonical type is the same type without it.
                ClangType c = t.canonical();
                if (c.kind() == ClangType.UNEXPOSED) {
                    int bitInt = bitInt(c);
                    if (bitInt >= 0) yield bitInt;
                }
                if (c.kind() == ClangType.UNEXPOSED || c.kind() == ClangType.INVALID) throw unsupported(t, "a type libclang does not expose");
                yield convert(c);
            }
            default -> scalar(t);
        };
    }

    private static UnsupportedClangTypeException unsupported(ClangType t, String what) {
        return new UnsupportedClangTypeException(t.spelling() + " is " + what + ", which dwarfbind does not support");
    }

    private int typedef(ClangType t) {
        Cursor decl = t.declaration();
        String name = decl.spelling();
        int target = convert(decl.typedefUnderlyingType());
        return b.add(new TypedefType(name, target));
    }

    private int scalar(ClangType t) {
        int kind = t.kind();
        String name;
        ScalarKind sk;
        boolean signed;
        switch (kind) {
            case ClangType.BOOL -> { name = "_Bool"; sk = ScalarKind.BOOL; signed = false; }
            case ClangType.CHAR_S -> { name = "char"; sk = ScalarKind.CHAR; signed = true; }
            case ClangType.CHAR_U -> { name = "char"; sk = ScalarKind.CHAR; signed = false; }
            case ClangType.SCHAR -> { name = "signed char"; sk = ScalarKind.SIGNED_CHAR; signed = true; }
            case ClangType.UCHAR -> { name = "unsigned char"; sk = ScalarKind.UNSIGNED_CHAR; signed = false; }
            case ClangType.SHORT -> { name = "short"; sk = ScalarKind.SIGNED; signed = true; }
            case ClangType.USHORT -> { name = "unsigned short"; sk = ScalarKind.UNSIGNED; signed = false; }
            case ClangType.INT -> { name = "int"; sk = ScalarKind.SIGNED; signed = true; }
            case ClangType.UINT -> { name = "unsigned int"; sk = ScalarKind.UNSIGNED; signed = false; }
            case ClangType.LONG -> { name = "long"; sk = ScalarKind.SIGNED; signed = true; }
            case ClangType.ULONG -> { name = "unsigned long"; sk = ScalarKind.UNSIGNED; signed = false; }
            case ClangType.LONGLONG -> { name = "long long"; sk = ScalarKind.SIGNED; signed = true; }
            case ClangType.ULONGLONG -> { name = "unsigned long long"; sk = ScalarKind.UNSIGNED; signed = false; }
            case ClangType.INT128 -> { name = "__int128"; sk = ScalarKind.SIGNED; signed = true; }
            case ClangType.UINT128 -> { name = "unsigned __int128"; sk = ScalarKind.UNSIGNED; signed = false; }
            case ClangType.WCHAR -> { name = "wchar_t"; sk = ScalarKind.SIGNED; signed = true; }
            case ClangType.CHAR16 -> { name = "char16_t"; sk = ScalarKind.UNICODE_CHAR; signed = false; }
            case ClangType.CHAR32 -> { name = "char32_t"; sk = ScalarKind.UNICODE_CHAR; signed = false; }
            case ClangType.FLOAT -> { name = "float"; sk = ScalarKind.FLOAT; signed = true; }
            case ClangType.DOUBLE -> { name = "double"; sk = ScalarKind.FLOAT; signed = true; }
            case ClangType.LONGDOUBLE -> { name = "long double"; sk = ScalarKind.FLOAT; signed = true; }
            case ClangType.FLOAT16 -> { name = "_Float16"; sk = ScalarKind.FLOAT; signed = true; }
            case ClangType.HALF -> { name = "__fp16"; sk = ScalarKind.FLOAT; signed = true; }
            case ClangType.BFLOAT16 -> { name = "__bf16"; sk = ScalarKind.FLOAT; signed = true; }
            case ClangType.FLOAT128 -> { name = "__float128"; sk = ScalarKind.FLOAT; signed = true; }
            default -> throw unsupported(t, "a type of kind " + kind);
        }
        int size = (int) t.sizeOf();
        if (size <= 0) throw unsupported(t, "a type without a size");
        return b.add(new ScalarType(name, sk, size, target.scalarAlignment(sk, size), signed));
    }

    /**
     * C23's {@code _BitInt(N)} up to 64 bits, which libclang does not expose: an integer of the
     * size Clang gives it, as the compiler's DWARF describes it (a base type of that size). -1 for
     * any other type.
     */
    private int bitInt(ClangType c) {
        String s = c.spelling();
        boolean unsigned = s.startsWith("unsigned _BitInt(");
        if (!unsigned && !s.startsWith("_BitInt(")) return -1;
        int size = (int) c.sizeOf();
        if (size <= 0 || size > 8) throw unsupported(c, "an integer wider than 64 bits");
        ScalarKind kind = unsigned ? ScalarKind.UNSIGNED : ScalarKind.SIGNED;
        return b.add(new ScalarType(s, kind, size, target.scalarAlignment(kind, size), !unsigned));
    }

    private int complex(ClangType t) {
        ClangType element = t.elementType().canonical();
        int size = (int) t.sizeOf();
        String name = "complex " + element.spelling();
        return b.add(new ScalarType(name, ScalarKind.COMPLEX, size, target.scalarAlignment(ScalarKind.COMPLEX, size), true));
    }

    /**
     * The function type of {@code t}; parameter names from {@code decl}'s parameters when it is a
     * function declaration (a function pointer type has none).
     */
    int function(ClangType t, Cursor decl) {
        int result = convert(t.resultType());
        List<Parameter> params = new ArrayList<>();
        boolean prototyped = t.canonical().kind() == ClangType.FUNCTION_PROTO;
        if (prototyped && decl != null && isOldStyleDefinition(decl)) {
            // A K&R definition: Clang types it with the promoted parameter types, the compiler's
            // debug info (and the C standard) as unprototyped with the declared ones, which the
            // caller promotes.
            for (Cursor p : decl.arguments()) {
                String n = p.spelling();
                params.add(new Parameter(n.isEmpty() ? null : n, parameter(p.type())));
            }
            return b.add(new FunctionType(result, params, false, false, convention(t.callingConvention())));
        }
        if (prototyped) {
            List<ClangType> types = t.argumentTypes();
            List<Cursor> names = decl == null ? List.of() : decl.arguments();
            for (int i = 0; i < types.size(); i++) {
                String n = i < names.size() ? names.get(i).spelling() : null;
                params.add(new Parameter(n == null || n.isEmpty() ? null : n, parameter(types.get(i))));
            }
        }
        return b.add(new FunctionType(result, params, prototyped && t.isVariadic(), prototyped, convention(t.callingConvention())));
    }

    /**
     * Whether {@code decl} is an old-style definition ({@code int f(a) int a; {...}}): libclang does
     * not say so directly, but prints such a definition with an empty parameter list although
     * it has parameters.
     */
    private static boolean isOldStyleDefinition(Cursor decl) {
        // (Not isDefinition(): with function bodies skipped no function has a definition.)
        if (decl.arguments().isEmpty()) return false;
        String printed = decl.prettyPrinted();
        int open = printed.indexOf(decl.spelling() + "(");
        return open >= 0 && printed.startsWith("()", open + decl.spelling().length());
    }

    /**
     * A parameter's type as the callee receives it: C adjusts an array parameter to a pointer to
     * its element and a function parameter to a function pointer. libclang reports the type as
     * written ({@code va_list ap} is an array typedef), the compiler's debug info the adjusted one.
     */
    private int parameter(ClangType t) {
        ClangType c = t.canonical();
        return switch (c.kind()) {
            case ClangType.CONSTANT_ARRAY, ClangType.INCOMPLETE_ARRAY, ClangType.VARIABLE_ARRAY -> {
                // A canonical array carries its element's qualifiers itself (const int[4] is a
                // const-qualified array of int): they go back on the element.
                EnumSet<Qualifier> qs = EnumSet.noneOf(Qualifier.class);
                if (c.isConst()) qs.add(Qualifier.CONST);
                if (c.isVolatile()) qs.add(Qualifier.VOLATILE);
                int element = convert(c.elementType());
                if (!qs.isEmpty()) {
                    if (b.get(element) instanceof QualifiedType q) {
                        qs.addAll(q.qualifiers());
                        element = q.type();
                    }
                    element = b.add(new QualifiedType(qs, element));
                }
                yield b.add(new PointerType(element, target.pointerSize()));
            }
            case ClangType.FUNCTION_PROTO, ClangType.FUNCTION_NO_PROTO -> b.add(new PointerType(convert(t), target.pointerSize()));
            default -> convert(t);
        };
    }

    private CallingConvention convention(int cc) {
        boolean windows = target.os().equals("windows");
        return switch (cc) {
            case 0, 1 -> CallingConvention.DEFAULT;
            case 2 -> CallingConvention.STDCALL;
            case 3 -> CallingConvention.FASTCALL;
            case 4 -> CallingConvention.THISCALL;
            case 5 -> CallingConvention.PASCAL;
            case 6 -> CallingConvention.AAPCS;
            case 7 -> CallingConvention.AAPCS_VFP;
            case 8 -> CallingConvention.REGCALL;
            case 9 -> CallingConvention.INTEL_OCL_BICC;
            case 10 -> windows ? CallingConvention.DEFAULT : CallingConvention.MS_ABI;
            case 11 -> windows ? CallingConvention.SYSV_ABI : CallingConvention.DEFAULT;
            case 12 -> CallingConvention.VECTORCALL;
            case 13 -> CallingConvention.SWIFT;
            case 14 -> CallingConvention.PRESERVE_MOST;
            case 15 -> CallingConvention.PRESERVE_ALL;
            case 17 -> CallingConvention.SWIFT_ASYNC;
            case 19 -> CallingConvention.M68K_RTD;
            case 20 -> CallingConvention.PRESERVE_NONE;
            case 21 -> CallingConvention.RISCV_VECTOR;
            default -> CallingConvention.UNKNOWN;
        };
    }

    /** Whether a record or enum type has a tag of its own (not {@code typedef struct {...} name}). */
    private static String tagOf(ClangType t, String keyword) {
        String s = t.canonical().spelling();
        // Clang spells an untagged record by the typedef naming it ("anon_t") or as
        // "struct (unnamed struct at file:line:col)": only "struct tag" is a tag.
        if (!s.startsWith(keyword + " ") || s.indexOf('(') >= 0) return null;
        return s.substring(keyword.length() + 1);
    }

    private static String key(Cursor decl) {
        return "clang:" + decl.usr();
    }

    private int record(ClangType t) {
        Cursor decl = t.declaration();
        Cursor def = decl.definition().orElse(null);
        RecordKind kind = (def != null ? def : decl).kind() == Cursor.UNION_DECL ? RecordKind.UNION : RecordKind.STRUCT;
        String tag = tagOf(t, kind.keyword());
        // Tagged records are unified by tag, as the DWARF reader does; untagged ones by USR (their location).
        Object k = tag != null ? kind.keyword() + " " + tag : key(def != null ? def : decl);
        var existing = b.lookup(k);
        if (existing.isPresent()) return existing.getAsInt();
        int id = b.reserve(k);
        if (def == null) {
            b.define(id, RecordType.opaque(kind, tag));
            return id;
        }
        try {
            defineRecord(id, kind, tag, t, def.type());
        } catch (UnsupportedClangTypeException e) {
            // Left opaque rather than half-defined: it cannot be allocated or passed by value,
            // and the declarations reaching it say why.
            b.define(id, RecordType.opaque(kind, tag));
            throw new UnsupportedClangTypeException((tag == null ? "an untagged " + kind.keyword() : kind.keyword() + " " + tag)
                    + " has a member of a type dwarfbind cannot hold: " + e.getMessage());
        }
        return id;
    }

    private void defineRecord(int id, RecordKind kind, String tag, ClangType t, ClangType defType) {
        long size = defType.sizeOf();
        int alignment = (int) defType.alignOf();
        if (size < 0 || alignment <= 0) {
            throw unsupported(t, "a record Clang cannot lay out (error " + size + ")");
        }
        List<Field> fields = new ArrayList<>();
        var inference = new AlignmentInference();
        for (Cursor f : defType.fields()) {
            String name = f.spelling();
            int type = convert(f.type());
            long bitOffset = f.fieldBitOffset();
            int bitSize = f.isBitField() ? f.bitWidth() : 0;
            if (bitOffset < 0) throw unsupported(t, "a record whose member " + name + " Clang cannot place");
            // An unnamed bitfield is padding: it has no storage of its own to read (zero-width)
            // or none a caller can name, and compilers write no DWARF member for it.
            if (f.isBitField() && (bitSize == 0 || name.isEmpty())) continue;
            // An anonymous struct or union member is an unnamed field, which libclang spells as
            // "struct outer::(anonymous at file:line:col)": no identifier has a parenthesis.
            boolean unnamed = name.isEmpty() || name.indexOf('(') >= 0;
            fields.add(new Field(unnamed ? null : name, type, bitOffset, bitSize));
            int align = b.alignOf(type);
            if (bitSize == 0) inference.member(bitOffset, b.sizeOf(type), align);
            else inference.bitfield(bitOffset, bitSize, align);
        }
        inference.alignment(size);
        b.define(id, new RecordType(kind, tag, size, alignment, fields, true, inference.packed()));
    }

    private int enumeration(ClangType t) {
        Cursor decl = t.declaration();
        Cursor def = decl.definition().orElse(null);
        String tag = tagOf(t, "enum");
        Object k = tag != null ? "enum " + tag : key(def != null ? def : decl);
        var existing = b.lookup(k);
        if (existing.isPresent()) return existing.getAsInt();
        int id = b.reserve(k);
        Cursor d = def != null ? def : decl;
        ClangType integer = d.enumIntegerType();
        int underlying = convert(integer);
        CType u = b.get(underlying);
        for (int hops = 0; u instanceof TypedefType td && hops < TypeSystemBuilder.MAX_NESTING; hops++) u = b.get(td.target());
        boolean signed = !(u instanceof ScalarType s) || s.signed();
        List<Enumerator> values = new ArrayList<>();
        if (def != null) {
            for (Cursor c : def.children()) {
                if (c.kind() != Cursor.ENUM_CONSTANT_DECL) continue;
                BigInteger v = signed ? BigInteger.valueOf(c.enumValue())
                        : new BigInteger(Long.toUnsignedString(c.enumUnsignedValue()));
                values.add(new Enumerator(c.spelling(), v));
            }
        }
        long size = t.sizeOf();
        long align = t.alignOf();
        if (def == null && size <= 0) {
            b.define(id, new EnumType(tag, underlying, 0, 1, signed, List.of(), false));
        } else {
            b.define(id, new EnumType(tag, underlying, (int) size, (int) align, signed, values, def != null));
        }
        return id;
    }
}
