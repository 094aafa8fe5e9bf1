package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.VoidType;

import java.util.HashMap;
import java.util.Map;

/**
 * The C source of one call wrapper, written from the type system:
 * <pre>{@code
 * typedef long double (__attribute__((ms_abi)) *dwb_fn)(struct dwb_r0, __int128, double);
 * void dwb_w(void *fn, char *f, unsigned long long a1, unsigned long long h1, double a2) {
 *     *(long double *)(f + 0) = ((dwb_fn)fn)(*(struct dwb_r0 *)(f + 16), dwb_i128(a1, h1), a2);
 * }
 * }</pre>
 * clang then lowers the call for the target and convention, which is what makes it right by
 * construction: the ABI rules live in one place, the compiler that also builds the libraries.
 *
 * <p>Types are spelled by what the ABI sees: pointers of any kind as {@code void *}, enums as their
 * integer type, typedefs and qualifiers dropped, records redefined under generated tags with the
 * size, alignment and member offsets of the debug info, checked by {@code _Static_assert}s, so a
 * record the compiler would lay out differently fails to compile (and the call is refused) rather
 * than being miscalled. Bitfield positions are not checked that way ({@code offsetof} cannot name
 * them); the record's size and alignment are.
 */
final class WrapperSource {
    private final TypeSystem ts;
    private final StringBuilder definitions = new StringBuilder();
    private final Map<Integer, String> records = new HashMap<>();

    /** An {@code __int128} argument as clang-19 passes it the psABI way (see {@link Int128Passing}). */
    private static final String I128_WRAPPER = "struct dwb_i128w";
    private boolean i128WrapperDefined;

    private WrapperSource(TypeSystem ts) {
        this.ts = ts;
    }

    /**
     * Whether {@code p}, an {@code __int128} passed to psABI code, goes inside {@link #I128_WRAPPER};
     * the first time, the struct is defined.
     */
    private boolean wrapsInt128(CallType p, CallingConvention cc, Int128Passing int128) {
        // Only x86-64 System V calls differ (gcc knows no other convention clang splits __int128 in).
        boolean windows = ts.target().os().equals("windows");
        boolean systemV = ts.target().arch().equals("x86_64")
                && (cc == CallingConvention.SYSV_ABI || cc == CallingConvention.DEFAULT && !windows);
        if (int128 != Int128Passing.PSABI || p.kind() != CallType.Kind.INT128 || !systemV) return false;
        if (!i128WrapperDefined) {
            definitions.append(I128_WRAPPER).append(" { unsigned __int128 v; };\n");
            i128WrapperDefined = true;
        }
        return true;
    }

    /**
     * The wrapper of a call of {@code ret (cc *)(params)}, defining function {@code symbol}: its
     * parameters are the function's address, the frame, then each argument as {@code passing} says
     * (one or two registers, or nothing when it is in the frame at {@code frame}'s offset); the result
     * is returned as {@code resultPassing} says or stored at the start of the frame.
     *
     * @throws Unsupported if a type or the convention cannot be written in C
     */
    static String of(TypeSystem ts, CallType ret, CallType[] params, int fixed, CallingConvention cc, Frame frame, String symbol,
                     Passing resultPassing, Passing[] passing, Int128Passing int128) {
        var w = new WrapperSource(ts);
        String r = ret.kind() == CallType.Kind.VOID ? "void" : w.spell(ret.typeId(), "");
        int declared = fixed < 0 ? params.length : fixed;
        var types = new StringBuilder();
        var formals = new StringBuilder("void *fn, char *f");
        var args = new StringBuilder();
        for (int i = 0; i < params.length; i++) {
            String t = params[i].typeId() < 0 ? promoted(params[i]) : w.spell(params[i].typeId(), "");
            boolean wrap = w.wrapsInt128(params[i], cc, int128);
            if (i > 0) args.append(", ");
            if (i < declared) types.append(i > 0 ? ", " : "").append(wrap ? I128_WRAPPER : t);
            int start = args.length();
            String a = "a" + i;
            switch (passing[i]) {
                case DIRECT -> {
                    formals.append(", ").append(direct(params[i])).append(' ').append(a);
                    args.append(a);
                }
                case HALF_BITS -> {
                    formals.append(", unsigned short ").append(a);
                    args.append("dwb_f16(").append(a).append(')');
                }
                case AS_DOUBLE -> {
                    formals.append(", double ").append(a);
                    args.append(a);
                }
                case X87_BITS -> {
                    formals.append(", unsigned long long ").append(a).append(", unsigned int e").append(i);
                    args.append("dwb_ld(").append(a).append(", e").append(i).append(')');
                }
                case HALVES -> {
                    formals.append(", unsigned long long ").append(a).append(", unsigned long long h").append(i);
                    args.append("dwb_i128(").append(a).append(", h").append(i).append(')');
                }
                case FRAME -> args.append("*(").append(t).append(" *)(f + ").append(frame.offsets()[i]).append(')');
                case NONE -> throw new IllegalArgumentException("a void parameter");
            }
            if (wrap) args.insert(start, "(" + I128_WRAPPER + "){ ").append(" }");
        }
        if (fixed >= 0) types.append(declared > 0 ? ", ..." : "...");
        else if (params.length == 0) types.append("void");
        String wrapperResult = switch (resultPassing) {
            case DIRECT -> direct(ret);
            case HALF_BITS -> "unsigned short";
            case AS_DOUBLE -> "double";
            case NONE, FRAME -> "void";
            case X87_BITS, HALVES -> throw new IllegalArgumentException(resultPassing + " is no way to return");
        };
        var s = new StringBuilder("/* dwarfbind call wrapper */\n");
        s.append(HELPERS);
        s.append(w.definitions);
        s.append("typedef ").append(r).append(" (").append(attribute(cc)).append("*dwb_fn)(").append(types).append(");\n");
        s.append(wrapperResult).append(' ').append(symbol).append('(').append(formals).append(") {\n    ");
        switch (resultPassing) {
            case FRAME -> s.append("*(").append(r).append(" *)(f + ").append(frame.result()).append(") = ");
            case HALF_BITS -> s.append("return dwb_f16_bits(");
            case NONE -> { }
            default -> s.append("return ");
        }
        s.append("((dwb_fn)fn)(").append(args).append(resultPassing == Passing.HALF_BITS ? "));\n}\n" : ");\n}\n");
        return s.toString();
    }

    /**
     * The C source of {@code count} callback thunks of {@code ret (cc *)(params)}, named {@code prefix_0}
     * and up: each stores its arguments in a frame on its own stack at {@code frame}'s offsets, calls the
     * Java upcall whose address is in its slot of {@code void *prefix_slots[count]} with the frame, and
     * returns what Java stored at the frame's start (so a thunk has the real signature and convention, and
     * the upcall one that {@code java.lang.foreign} can make: {@code void (char *)}). The thunks of one
     * signature share their code; each hands C a distinct function pointer.
     *
     * @throws Unsupported if a type or the convention cannot be written in C
     */
    static String thunks(TypeSystem ts, CallType ret, CallType[] params, CallingConvention cc, Frame frame, String prefix,
                         int count, Int128Passing int128) {
        var w = new WrapperSource(ts);
        String r = ret.kind() == CallType.Kind.VOID ? "void" : w.spell(ret.typeId(), "");
        var formals = new StringBuilder();
        var names = new StringBuilder();
        var stores = new StringBuilder();
        for (int i = 0; i < params.length; i++) {
            String t = w.spell(params[i].typeId(), "");
            boolean wrap = w.wrapsInt128(params[i], cc, int128);
            formals.append(", ").append(wrap ? I128_WRAPPER + " a" + i : w.spell(params[i].typeId(), "a" + i));
            names.append(i > 0 ? ", " : "").append('a').append(i);
            stores.append("    *(").append(t).append(" *)(f + ").append(frame.offsets()[i]).append(") = a").append(i)
                    .append(wrap ? ".v;\n" : ";\n");
        }
        String declared = params.length == 0 ? "void" : formals.substring(2);
        var s = new StringBuilder("/* dwarfbind callback thunks */\n");
        s.append(w.definitions);
        s.append("void *").append(prefix).append("_slots[").append(count).append("];\n");
        s.append("static inline ").append(r).append(' ').append(prefix).append("_body(void *up").append(formals).append(") {\n");
        s.append("    char f[").append(frame.size()).append("] __attribute__((aligned(").append(frame.alignment())
                .append("))) = {0};\n");
        s.append(stores);
        s.append("    ((void (*)(char *)) up)(f);\n");
        if (ret.kind() != CallType.Kind.VOID) s.append("    return *(").append(r).append(" *)(f + ").append(frame.result()).append(");\n");
        s.append("}\n");
        for (int k = 0; k < count; k++) {
            String name = prefix + "_" + k;
            // The asm label, \001 first, keeps the symbol as written: clang and LLVM mangle some conventions'
            // names (regcall's __regcall3__ prefix, vectorcall's @@bytes suffix).
            s.append(attribute(cc)).append(r).append(' ').append(name).append('(').append(declared).append(") __asm__(\"\\001")
                    .append(name).append("\");\n");
            s.append(attribute(cc)).append(r).append(' ').append(name).append('(').append(declared).append(") {\n    ");
            if (ret.kind() != CallType.Kind.VOID) s.append("return ");
            s.append(prefix).append("_body(").append(prefix).append("_slots[").append(k).append(']')
                    .append(params.length == 0 ? "" : ", ").append(names).append(");\n}\n");
        }
        return s.toString();
    }

    /** Rebuild a long double, a _Float16 and an __int128 from the registers Java passes them in, and a _Float16 result's bits. */
    private static final String HELPERS = """
            static inline long double dwb_ld(unsigned long long m, unsigned int e) {
                union { long double v; struct { unsigned long long m; unsigned short e; } b; } u = {0};
                u.b.m = m;
                u.b.e = (unsigned short) e;
                return u.v;
            }
            static inline _Float16 dwb_f16(unsigned short b) {
                union { _Float16 v; unsigned short b; } u;
                u.b = b;
                return u.v;
            }
            static inline unsigned short dwb_f16_bits(_Float16 v) {
                union { _Float16 v; unsigned short b; } u;
                u.v = v;
                return u.b;
            }
            static inline unsigned __int128 dwb_i128(unsigned long long lo, unsigned long long hi) {
                return (unsigned __int128) hi << 64 | lo;
            }
            """;

    /** The C type of a value the linker passes itself, as its carrier holds it (narrow integers arrive widened). */
    private static String direct(CallType ct) {
        return switch (ct.kind()) {
            case INT -> integer((int) ct.layout().byteSize(), !ct.unsigned());
            case BOOL -> "_Bool";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case POINTER, FUNCTION_POINTER -> "void *";
            default -> throw new IllegalArgumentException(ct.kind() + " is not passed directly");
        };
    }

    /** A variadic argument's type, which has no type id: C's promoted types, by kind and size. */
    private static String promoted(CallType ct) {
        return switch (ct.kind()) {
            case INT -> integer((int) ct.layout().byteSize(), !ct.unsigned());
            case DOUBLE -> "double";
            case FLOAT -> "float";
            case BOOL -> "_Bool";
            case POINTER, FUNCTION_POINTER -> "void *";
            default -> throw new Unsupported("a variadic " + ct.cName() + " argument");
        };
    }

    /** The attribute asking clang for convention {@code cc}, or why it cannot. */
    static String attribute(CallingConvention cc) {
        String a = switch (cc) {
            case DEFAULT -> null;
            case MS_ABI -> "ms_abi";
            case SYSV_ABI -> "sysv_abi";
            case REGCALL -> "regcall";
            case VECTORCALL -> "vectorcall";
            case PRESERVE_MOST -> "preserve_most";
            case PRESERVE_ALL -> "preserve_all";
            case PRESERVE_NONE -> "preserve_none";
            case SWIFT -> "swiftcall";
            case INTEL_OCL_BICC -> "intel_ocl_bicc";
            default -> throw new Unsupported("the " + cc + " calling convention is not one the JIT can call on "
                    + System.getProperty("os.arch") + " (it calls ms_abi, sysv_abi, regcall, vectorcall, preserve_most,"
                    + " preserve_all, preserve_none, swiftcall and intel_ocl_bicc)");
        };
        return a == null ? "" : "__attribute__((" + a + ")) ";
    }

    /** {@code id} spelled as a declaration of {@code declarator} (empty for an abstract one). */
    private String spell(int id, String declarator) {
        int s = ts.strip(id);
        CType t = ts.type(s);
        String sep = declarator.isEmpty() ? "" : " ";
        return switch (t) {
            case VoidType v -> "void" + sep + declarator;
            case ScalarType sc -> scalar(sc) + sep + declarator;
            case EnumType e -> integer(e.byteSize(), e.signed()) + sep + declarator;
            case PointerType p -> "void *" + declarator;
            case FunctionType f -> throw new Unsupported("a function type is not a value");
            case ArrayType a -> {
                if (a.isFlexible()) throw new Unsupported("a flexible array cannot be passed by value");
                yield spell(a.element(), declarator + "[" + a.count() + "]");
            }
            case RecordType r -> record(s, r) + sep + declarator;
            default -> throw new Unsupported("cannot spell " + t + " in a wrapper");
        };
    }

    private String scalar(ScalarType sc) {
        return switch (sc.kind()) {
            case BOOL -> "_Bool";
            case CHAR, SIGNED_CHAR, UNSIGNED_CHAR, SIGNED, UNSIGNED, UNICODE_CHAR ->
                    integer(sc.byteSize(), sc.signed() && sc.kind() != ScalarKind.UNICODE_CHAR);
            case FLOAT -> switch (sc.byteSize()) {
                case 2 -> "_Float16";
                case 4 -> "float";
                case 8 -> "double";
                default -> sc.name().contains("long double") ? "long double" : "__float128";
            };
            case COMPLEX -> switch (sc.byteSize()) {
                case 8 -> "_Complex float";
                case 16 -> "_Complex double";
                default -> "_Complex long double";
            };
            case DECIMAL_FLOAT -> throw new Unsupported(sc.name() + ": clang has no decimal floating point");
        };
    }

    private static String integer(int size, boolean signed) {
        String base = switch (size) {
            case 1 -> "char";
            case 2 -> "short";
            case 4 -> "int";
            case 8 -> "long long";
            case 16 -> "__int128";
            default -> throw new Unsupported("no C integer type has " + size + " bytes");
        };
        return (signed ? "signed " : "unsigned ") + base;
    }

    /** The generated tag of record {@code id}, defining it (and the records it holds) first. */
    private String record(int id, RecordType r) {
        String known = records.get(id);
        if (known != null) return known;
        if (!r.complete()) throw new Unsupported("an incomplete struct cannot be passed by value");
        String kw = r.kind() == RecordKind.UNION ? "union" : "struct";
        String name = kw + " dwb_r" + records.size();
        records.put(id, name);
        var body = new StringBuilder();
        var asserts = new StringBuilder();
        long at = 0;
        int i = 0;
        for (Field f : r.fields()) {
            String member = "m" + i++;
            if (f.isBitfield()) {
                body.append("    ").append(spell(f.type(), f.name() == null ? "" : member)).append(" : ").append(f.bitSize()).append(";\n");
                at = (f.bitOffset() + f.bitSize() + 7) / 8;
                continue;
            }
            long offset = f.byteOffset();
            long size = ts.sizeOf(f.type());
            long align = r.packed() ? 1 : Math.max(1, ts.alignOf(f.type()));
            long placed = r.kind() == RecordKind.UNION ? 0 : (at + align - 1) / align * align;
            String attr = "";
            if (placed < offset) {
                long low = offset & -offset;   // the largest power of two dividing offset
                attr = " __attribute__((aligned(" + low + ")))";
            } else if (placed > offset) {
                attr = " __attribute__((packed))";
            }
            body.append("    ").append(spell(f.type(), member)).append(attr).append(";\n");
            asserts.append("_Static_assert(__builtin_offsetof(").append(name).append(", ").append(member).append(") == ")
                    .append(offset).append(", \"offset of ").append(f.name()).append("\");\n");
            at = Math.max(at, offset + size);
        }
        // Packed when DWARF says so, or when the record is less aligned than a member (packed with a
        // single member at offset 0 shows only that way); aligned(N) then gives the alignment DWARF has.
        int natural = 1;
        for (Field f : r.fields()) natural = Math.max(natural, ts.alignOf(f.type()));
        boolean packed = r.packed() || r.alignment() < natural;
        var def = new StringBuilder(name).append(" {\n").append(body).append("} __attribute__((")
                .append(packed ? "packed, " : "").append("aligned(").append(r.alignment()).append(")));\n");
        def.append("_Static_assert(sizeof(").append(name).append(") == ").append(r.byteSize()).append(", \"size\");\n");
        def.append("_Static_assert(_Alignof(").append(name).append(") == ").append(r.alignment()).append(", \"alignment\");\n");
        def.append(asserts);
        definitions.append(def);
        return name;
    }
}
