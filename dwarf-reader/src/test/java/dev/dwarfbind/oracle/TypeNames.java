package dev.dwarfbind.oracle;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

import java.util.Set;

/**
 * Spells a type of a {@link TypeSystem} the way llvm-dwarfdump 19 spells the type a DIE refers to
 * ({@code DW_AT_type (0x... "const char *")}), so the two can be compared as strings.
 *
 * <p>This mirrors LLVM's {@code DWARFTypePrinter} (llvm/lib/DebugInfo/DWARF), which prints every
 * language as if it were C++:
 * <ul>
 *   <li>a struct, union or enum is its bare tag ({@code point}, not {@code struct point}); an
 *       anonymous one is the DWARF tag's middle word and a space: {@code "structure "},
 *       {@code "union "}, {@code "enumeration "};</li>
 *   <li>base types and typedefs are their DWARF names ({@code long unsigned int} from gcc,
 *       {@code unsigned long} from clang, {@code complex} for every clang complex type): the
 *       reader keeps those names, so they are compared as they are;</li>
 *   <li>declarators are C's ({@code int (*)(const void *, const void *)}, {@code int (*)[4][5]},
 *       {@code char *const}); const/volatile lead unless they apply to a pointer;</li>
 *   <li>{@code _Atomic} and {@code restrict} are printed as {@code "atomic "} and {@code "restrict "}
 *       without the type they qualify (LLVM has no name for those DIEs and stops there), so
 *       {@code _Atomic int *} is {@code "atomic  *"} (two spaces);</li>
 *   <li>a function type lists parameter types only; an unprototyped one ({@code int ()} in C)
 *       is {@code (...)}, because compilers give its DIE a {@code DW_TAG_unspecified_parameters}
 *       child, while a prototyped one without parameters ({@code int (void)}) is {@code ()};</li>
 *   <li>a non-default calling convention of a function type follows its parameter list
 *       ({@code long (*)(long) __attribute__((ms_abi))});</li>
 *   <li>an array lists all its dimensions but not the rest of its element's declarator: an
 *       array of function pointers is printed {@code int (*[4]} (an LLVM quirk, reproduced).</li>
 * </ul>
 *
 * <p>Where the two spellings necessarily differ, because the type system folds what DWARF keeps
 * apart:
 * <ul>
 *   <li>a chain of qualifiers is one {@link QualifiedType} with a set of qualifiers, so their
 *       DWARF order is lost. const/volatile are printed first, then {@code "restrict "} or
 *       {@code "atomic "}, which is right when the const/volatile DIE is the outermost one (the
 *       order gcc and clang emit for {@code T *const restrict}). With the opposite order
 *       llvm-dwarfdump would print only {@code "restrict "};</li>
 *   <li>a multi-dimensional array is one DIE with several subranges but nested
 *       {@link ArrayType}s here; they are printed as one, which is what compilers emit for C. An
 *       array of a typedef'd array stops at the typedef, as in DWARF;</li>
 *   <li>an unprototyped function type always has an unspecified-parameters child in DWARF and
 *       none in the model (whose {@code variadic} means C's {@code ...}, which only prototypes
 *       have): {@code (...)} is printed for every unprototyped function type;</li>
 *   <li>a nested tag's scope ({@code outer::inner}) is never printed: C scopes tags at file level
 *       and neither gcc nor clang nests struct DIEs for C.</li>
 * </ul>
 */
public final class TypeNames {
    private final TypeSystem ts;
    private final StringBuilder out = new StringBuilder();
    /** LLVM's {@code Word}: whether the text so far ends in a word, so that a {@code *} needs a space. */
    private boolean word;

    private TypeNames(TypeSystem ts) {
        this.ts = ts;
    }

    /** llvm-dwarfdump's spelling of type {@code id} ({@link TypeSystem#NO_TYPE} is {@code void}). */
    public static String render(TypeSystem ts, int id) {
        var r = new TypeNames(ts);
        r.name(id);
        return r.out.toString();
    }

    /** {@code appendQualifiedName}: the part before the declarator's name, then the part after. */
    private void name(int id) {
        before(id);
        after(id);
    }

    private void before(int id) {
        word = true;
        if (id == TypeSystem.NO_TYPE) {
            out.append("void");
            return;
        }
        switch (ts.type(id)) {
            case VoidType v -> out.append("void");
            case ScalarType s -> out.append(s.name());
            case TypedefType t -> out.append(t.name());
            case RecordType r -> out.append(r.tag() != null ? r.tag() : r.kind() == RecordKind.STRUCT ? "structure " : "union ");
            case EnumType e -> out.append(e.tag() != null ? e.tag() : "enumeration ");
            case PointerType p -> {
                before(p.pointee());
                if (word) out.append(' ');
                if (needsParens(p.pointee())) out.append('(');
                out.append('*');
                word = false;
            }
            case FunctionType f -> {
                before(f.returnType());
                if (word) out.append(' ');
                word = false;
            }
            case ArrayType a -> before(innermostElement(a));
            case QualifiedType q -> qualifiedBefore(q);
        }
    }

    private void qualifiedBefore(QualifiedType q) {
        boolean c = q.has(Qualifier.CONST);
        boolean v = q.has(Qualifier.VOLATILE);
        if (!c && !v) {
            // An atomic or restrict DIE: LLVM prints the tag's word and not what it qualifies.
            out.append(q.has(Qualifier.ATOMIC) ? "atomic " : "restrict ");
            return;
        }
        boolean other = q.has(Qualifier.ATOMIC) || q.has(Qualifier.RESTRICT);
        boolean subroutine = !other && q.type() != TypeSystem.NO_TYPE && ts.type(q.type()) instanceof FunctionType;
        boolean leading = other || !isPointerThroughArrays(q.type()) && !subroutine;
        if (leading) {
            if (c) out.append("const ");
            if (v) out.append("volatile ");
        }
        if (other) {
            word = true;
            out.append(q.has(Qualifier.ATOMIC) ? "atomic " : "restrict ");
        } else {
            before(q.type());
        }
        if (!leading && !subroutine) {
            word = true;
            out.append(c && v ? "const volatile" : c ? "const" : "volatile");
        }
    }

    private void after(int id) {
        if (id == TypeSystem.NO_TYPE) return;
        switch (ts.type(id)) {
            case PointerType p -> {
                if (needsParens(p.pointee())) out.append(')');
                after(p.pointee());
            }
            case FunctionType f -> functionAfter(f, false, false);
            case ArrayType a -> {
                // All dimensions of what DWARF has as one array DIE; LLVM does not go on into the element.
                for (int cur = id; cur != TypeSystem.NO_TYPE && ts.type(cur) instanceof ArrayType arr; cur = arr.element()) {
                    out.append(arr.isFlexible() ? "[]" : "[" + arr.count() + "]");
                }
            }
            case QualifiedType q -> {
                if (q.has(Qualifier.ATOMIC) || q.has(Qualifier.RESTRICT)) return;
                if (q.type() != TypeSystem.NO_TYPE && ts.type(q.type()) instanceof FunctionType f) {
                    functionAfter(f, q.has(Qualifier.CONST), q.has(Qualifier.VOLATILE));
                } else {
                    after(q.type());
                }
            }
            default -> { }
        }
    }

    private void functionAfter(FunctionType f, boolean isConst, boolean isVolatile) {
        out.append('(');
        boolean first = true;
        for (var p : f.parameters()) {
            if (!first) out.append(", ");
            first = false;
            name(p.type());
        }
        if (f.variadic() || !f.prototyped() && f.parameters().isEmpty()) {
            if (!first) out.append(", ");
            out.append("...");
        }
        out.append(')');
        String cc = conventionSuffix(f.convention());
        if (cc == null) {
            throw new IllegalArgumentException("llvm-dwarfdump has no spelling for calling convention " + f.convention());
        }
        out.append(cc);
        if (isConst) out.append(" const");
        if (isVolatile) out.append(" volatile");
        after(f.returnType());
    }

    /**
     * What LLVM appends to a function type with this {@code DW_AT_calling_convention}, or
     * {@code null} for a convention DWARF has no constant for (then there is nothing to compare).
     */
    static String conventionSuffix(CallingConvention cc) {
        return switch (cc) {
            case DEFAULT -> "";
            case STDCALL -> " __attribute__((stdcall))";
            case FASTCALL -> " __attribute__((fastcall))";
            case THISCALL -> " __attribute__((thiscall))";
            case VECTORCALL -> " __attribute__((vectorcall))";
            case PASCAL -> " __attribute__((pascal))";
            case MS_ABI -> " __attribute__((ms_abi))";
            case SYSV_ABI -> " __attribute__((sysv_abi))";
            case AAPCS -> " __attribute__((pcs(\"aapcs\")))";
            case AAPCS_VFP -> " __attribute__((pcs(\"aapcs-vfp\")))";
            case INTEL_OCL_BICC -> " __attribute__((intel_ocl_bicc))";
            case SWIFT -> " __attribute__((swiftcall))";
            case PRESERVE_MOST -> " __attribute__((preserve_most))";
            case PRESERVE_ALL -> " __attribute__((preserve_all))";
            case PRESERVE_NONE -> " __attribute__((preserve_none))";
            case REGCALL -> " __attribute__((regcall))";
            case M68K_RTD -> " __attribute__((m68k_rtd))";
            // LLVM 19 prints nothing for these.
            case SWIFT_ASYNC, RISCV_VECTOR -> "";
            case UNKNOWN -> null;
        };
    }

    /** LLVM's {@code needsParens}: after const/volatile, a function or array needs {@code (*)}. */
    private boolean needsParens(int id) {
        int cur = id;
        while (cur != TypeSystem.NO_TYPE && ts.type(cur) instanceof QualifiedType q
                && Set.of(Qualifier.CONST, Qualifier.VOLATILE).containsAll(q.qualifiers())) {
            cur = q.type();
        }
        if (cur == TypeSystem.NO_TYPE) return false;
        return ts.type(cur) instanceof FunctionType || ts.type(cur) instanceof ArrayType;
    }

    /** Whether {@code id}, looking through arrays, is a pointer: then const/volatile trail it. */
    private boolean isPointerThroughArrays(int id) {
        int cur = id;
        while (cur != TypeSystem.NO_TYPE && ts.type(cur) instanceof ArrayType a) cur = a.element();
        return cur != TypeSystem.NO_TYPE && ts.type(cur) instanceof PointerType;
    }

    private int innermostElement(ArrayType a) {
        int cur = a.element();
        while (cur != TypeSystem.NO_TYPE && ts.type(cur) instanceof ArrayType inner) cur = inner.element();
        return cur;
    }
}
