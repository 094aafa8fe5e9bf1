package dev.dwarfbind.cprint;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders declarations, type names and definitions as C text.
 *
 * <p>C declarators read inside out: the name sits in the middle, pointers are prefixes, arrays
 * and parameter lists are suffixes that bind tighter than pointers. So a declaration is built from
 * the name outwards: each type wraps the declarator built so far ({@code *} in front for a pointer,
 * {@code [n]} or {@code (...)} behind for an array or function, with parentheses when a suffix
 * follows a {@code *}) and the innermost non-derived type becomes the specifier in front. Qualifiers
 * travel down to where C spells them: after the {@code *} of a qualified pointer, in front of a
 * base type, onto the element of a qualified array.
 *
 * <p>Not thread-safe and single-use per top-level declaration: it numbers padding members and
 * tracks anonymous records being printed.
 */
final class DeclaratorWriter {
    private static final String STEP = "    ";

    private final TypeSystem ts;
    private final CNames names;
    private final LayoutPlanner planner;
    /** Anonymous records being printed inline: guards against a record reaching itself. */
    private final Set<Integer> open = new HashSet<>();
    private int padding;

    DeclaratorWriter(CNames names) {
        this.ts = names.typeSystem();
        this.names = names;
        this.planner = new LayoutPlanner(names);
    }

    /** {@code type name}, or the abstract declarator when {@code name} is empty. */
    String declare(int id, String name, String indent) {
        var leading = new StringBuilder();
        String text = render(id, EnumSet.noneOf(Qualifier.class), name, indent, leading);
        return leading.isEmpty() ? text : leading + " " + text;
    }

    /** {@code int add(int a, int b);} */
    String functionDeclaration(FunctionDecl f) {
        String name = CNames.identifier(f.name());
        return (f.noreturn() ? "_Noreturn " : "") + declare(f.type(), name, "") + asmLabel(name, f.name()) + ";";
    }

    /** {@code extern const int table[4][8];} */
    String variableDeclaration(VariableDecl v) {
        String name = CNames.identifier(v.name());
        return "extern " + declare(v.type(), name, "") + asmLabel(name, v.name()) + ";";
    }

    /** The definition of a struct, union, enum or typedef, ending in {@code ;}. */
    String definition(int id) {
        CType t = ts.type(id);
        if (t instanceof RecordType r) {
            return r.complete() ? recordBody(id, "", new HashSet<>()) + ";" : r.kind().keyword() + " " + tagOf(id) + ";";
        }
        if (t instanceof EnumType e) return e.complete() ? enumBody(id, "") + ";" : "enum " + tagOf(id) + ";";
        if (t instanceof TypedefType td) return "typedef " + declare(td.target(), names.typedefName(id), "") + ";";
        throw new IllegalArgumentException("type " + id + " is a " + t.getClass().getSimpleName()
                + "; only structs, unions, enums and typedefs have definitions");
    }

    private String tagOf(int id) {
        String tag = names.tag(id);
        if (tag == null) throw new IllegalArgumentException("type " + id + " is an anonymous incomplete type; it has no C declaration");
        return tag;
    }

    /**
     * An exported name that is not a C identifier is declared under a sanitized one, bound to the
     * real symbol with an assembler label.
     */
    private static String asmLabel(String cName, String symbol) {
        if (cName.equals(symbol)) return "";
        return " __asm__(\"" + symbol.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
    }

    private String render(int id, Set<Qualifier> quals, String inner, String indent, StringBuilder leading) {
        CType t = ts.type(id);
        if (t instanceof QualifiedType q) {
            Set<Qualifier> all = EnumSet.noneOf(Qualifier.class);
            all.addAll(quals);
            all.addAll(q.qualifiers());
            return render(q.type(), all, inner, indent, leading);
        }
        if (t instanceof PointerType p) {
            String qs = spell(quals);
            String declarator = "*" + qs + (inner.isEmpty() ? "" : (qs.isEmpty() ? "" : " ") + inner);
            return render(p.pointee(), EnumSet.noneOf(Qualifier.class), declarator, indent, leading);
        }
        if (t instanceof ArrayType a) {
            // C has no qualified arrays: the qualifiers belong to the elements.
            return render(a.element(), quals, parenthesize(inner) + "[" + (a.isFlexible() ? "" : a.count()) + "]",
                    indent, leading);
        }
        if (t instanceof FunctionType f) {
            // A qualified function type is undefined in C; its qualifiers are dropped.
            String declarator = parenthesize(inner);
            String attribute = conventionAttribute(f.convention());
            if (attribute != null) {
                // Inside a pointer the attribute opens the parenthesized declarator, where it
                // applies to the function type; on a plain function it leads the declaration.
                if (declarator.startsWith("(")) {
                    declarator = "(" + attribute + " " + declarator.substring(1);
                } else {
                    leading.append(attribute);
                }
            }
            return render(f.returnType(), EnumSet.noneOf(Qualifier.class),
                    declarator + "(" + parameters(f, indent) + ")", indent, leading);
        }
        Set<Qualifier> applicable = EnumSet.noneOf(Qualifier.class);
        applicable.addAll(quals);
        // restrict is only valid on pointers (a typedef of a pointer included).
        if (!(ts.type(ts.strip(id)) instanceof PointerType)) applicable.remove(Qualifier.RESTRICT);
        String qs = spell(applicable);
        String specifier = (qs.isEmpty() ? "" : qs + " ") + specifier(id, indent);
        return inner.isEmpty() ? specifier : specifier + (inner.startsWith("[") ? "" : " ") + inner;
    }

    private static String parenthesize(String declarator) {
        return declarator.startsWith("*") ? "(" + declarator + ")" : declarator;
    }

    private static String spell(Set<Qualifier> quals) {
        var out = new ArrayList<String>();
        for (Qualifier q : Qualifier.values()) {
            if (quals.contains(q)) out.add(q.spelling());
        }
        return String.join(" ", out);
    }

    private String parameters(FunctionType f, String indent) {
        if (!f.prototyped()) return "";
        // Before C23 a "..." needs a named parameter in front; a variadic function without one
        // can only be declared unprototyped, which calls it the same way.
        if (f.parameters().isEmpty()) return f.variadic() ? "" : "void";
        var seen = new HashSet<String>();
        var parts = new ArrayList<String>();
        for (Parameter p : f.parameters()) {
            String name = p.name() == null ? "" : CNames.identifier(p.name());
            // A parameter named like a typedef would hide the typedef from later parameters.
            if (!name.isEmpty() && (names.isTypeName(name) || !seen.add(name))) name = "";
            parts.add(declare(p.type(), name, indent));
        }
        if (f.variadic()) parts.add("...");
        return String.join(", ", parts);
    }

    /** The attribute GCC and Clang spell a calling convention with, or {@code null} for the default. */
    static String conventionAttribute(CallingConvention c) {
        String name = switch (c) {
            case DEFAULT -> null;
            case MS_ABI -> "ms_abi";
            case SYSV_ABI -> "sysv_abi";
            case STDCALL -> "stdcall";
            case FASTCALL -> "fastcall";
            case THISCALL -> "thiscall";
            case VECTORCALL -> "vectorcall";
            case PASCAL -> "pascal";
            case REGCALL -> "regcall";
            case AAPCS -> "pcs(\"aapcs\")";
            case AAPCS_VFP -> "pcs(\"aapcs-vfp\")";
            case INTEL_OCL_BICC -> "intel_ocl_bicc";
            case SWIFT -> "swiftcall";
            case SWIFT_ASYNC -> "swiftasynccall";
            case PRESERVE_MOST -> "preserve_most";
            case PRESERVE_ALL -> "preserve_all";
            case PRESERVE_NONE -> "preserve_none";
            case M68K_RTD -> "m68k_rtd";
            case RISCV_VECTOR -> "riscv_vector_cc";
            case UNKNOWN -> null;
        };
        return name == null ? null : "__attribute__((" + name + "))";
    }

    private String specifier(int id, String indent) {
        CType t = ts.type(id);
        if (t instanceof VoidType) return "void";
        if (t instanceof ScalarType) return names.scalar(id);
        if (t instanceof TypedefType) return names.typedefName(id);
        if (t instanceof RecordType r) {
            return names.tag(id) != null ? r.kind().keyword() + " " + names.tag(id) : recordBody(id, indent, new HashSet<>());
        }
        if (t instanceof EnumType e) {
            if (names.tag(id) != null) return "enum " + names.tag(id);
            if (e.complete()) return enumBody(id, indent);
            // An anonymous enum never defined has no C spelling; its storage type stands in.
            return e.byteSize() == 8 ? "long long" : "int";
        }
        throw new AssertionError("not a specifier: " + t);
    }

    /**
     * {@code struct tag { ... }} with its members, attributes and padding. {@code scope} holds the
     * member names already used in the enclosing record when this is an anonymous member, whose
     * names C places in its parent.
     */
    private String recordBody(int id, String indent, Set<String> scope) {
        RecordType r = ts.type(id, RecordType.class);
        RecordPlan plan = planner.plan(r);
        String tag = names.tag(id);
        String head = r.kind().keyword() + attributes(plan.packed(), plan.alignment()) + (tag == null ? "" : " " + tag);
        if (!r.complete()) return head;
        if (!open.add(id)) {
            // Only possible through a pointer, where void stands in for a type C cannot name.
            return "void /* recursive anonymous " + r.kind().keyword() + " */";
        }
        var sb = new StringBuilder(head).append(" {\n");
        String inner = indent + STEP;
        for (RecordPlan.Item item : plan.items()) {
            sb.append(inner).append(member(item, inner, scope)).append(";\n");
        }
        open.remove(id);
        return sb.append(indent).append('}').toString();
    }

    private String member(RecordPlan.Item item, String indent, Set<String> scope) {
        if (item instanceof RecordPlan.BytePadding p) return "unsigned char __dwarfbind_pad" + padding++ + "[" + p.bytes() + "]";
        if (item instanceof RecordPlan.BitPadding p) {
            return (p.type() == TypeSystem.NO_TYPE ? "unsigned char" : declare(p.type(), "", indent)) + " : " + p.bits();
        }
        RecordPlan.Member m = (RecordPlan.Member) item;
        Field f = m.field();
        String text;
        if (LayoutPlanner.isInlineMember(names, f)) {
            text = recordBody(f.type(), indent, scope);
        } else if (f.name() == null && f.isBitfield()) {
            text = declare(f.type(), "", indent);
        } else {
            String name = unique(f.name() == null ? "__dwarfbind_unnamed" : CNames.identifier(f.name()), scope);
            text = m.zeroLengthArray() ? zeroLengthArray(f.type(), name, indent) : declare(f.type(), name, indent);
        }
        if (f.isBitfield()) text += " : " + f.bitSize();
        return text + attributes(m.packed(), m.alignment());
    }

    /** A flexible array written as {@code name[0]}. */
    private String zeroLengthArray(int id, String name, String indent) {
        CType t = ts.type(id);
        Set<Qualifier> quals = EnumSet.noneOf(Qualifier.class);
        if (t instanceof QualifiedType q) {
            quals.addAll(q.qualifiers());
            t = ts.type(q.type());
        }
        if (!(t instanceof ArrayType a)) return declare(id, name, indent);
        return render(a.element(), quals, name + "[0]", indent, new StringBuilder());
    }

    private static String unique(String name, Set<String> scope) {
        String candidate = name;
        for (int i = 2; !scope.add(candidate); i++) candidate = name + "_" + i;
        return candidate;
    }

    private static String attributes(boolean packed, int alignment) {
        if (!packed && alignment == 0) return "";
        var parts = new ArrayList<String>(2);
        if (packed) parts.add("packed");
        if (alignment != 0) parts.add("aligned(" + alignment + ")");
        return " __attribute__((" + String.join(", ", parts) + "))";
    }

    /** {@code enum tag { A = 0, B = 1 }}. */
    private String enumBody(int id, String indent) {
        EnumType e = ts.type(id, EnumType.class);
        List<String> constants = names.constants(names.canonical(id));
        String tag = names.tag(id);
        var sb = new StringBuilder("enum").append(enumAttribute(e)).append(tag == null ? "" : " " + tag).append(" {\n");
        List<Enumerator> values = e.values();
        if (values.isEmpty()) {
            // C forbids an empty enumerator list; one placeholder keeps the type complete.
            sb.append(indent).append(STEP).append("__dwarfbind_empty_enum_").append(id).append('\n');
        }
        for (int i = 0; i < values.size(); i++) {
            String name = constants != null ? constants.get(i) : CNames.identifier(values.get(i).name());
            sb.append(indent).append(STEP).append(name).append(" = ").append(literal(values.get(i).value()))
                    .append(i + 1 < values.size() ? ",\n" : "\n");
        }
        return sb.append(indent).append('}').toString();
    }

    /**
     * The attribute that gives an enum its recorded size when that is not the compiler's default
     * ({@code int}, or a 64-bit type when the values need one): {@code packed} when that gives the
     * size (as {@code -fshort-enums} would), otherwise an explicit integer {@code mode}.
     */
    private static String enumAttribute(EnumType e) {
        int size = e.byteSize();
        if (size == 0) return "";
        List<Enumerator> values = e.values();
        int natural = fits(values, 4) ? 4 : 8;
        if (size == natural) return "";
        int smallest = 1;
        while (smallest < 16 && !fits(values, smallest)) smallest *= 2;
        if (size == smallest) return " __attribute__((packed))";
        String mode = switch (size) {
            case 1 -> "QI";
            case 2 -> "HI";
            case 4 -> "SI";
            case 8 -> "DI";
            case 16 -> "TI";
            default -> null;
        };
        return mode == null ? "" : " __attribute__((mode(" + mode + ")))";
    }

    /** Whether all values fit an integer of {@code bytes} bytes, signed if any value is negative. */
    private static boolean fits(List<Enumerator> values, int bytes) {
        boolean negative = values.stream().anyMatch(v -> v.value().signum() < 0);
        int bits = bytes * 8;
        for (Enumerator v : values) {
            if (v.value().bitLength() > (negative ? bits - 1 : bits)) return false;
        }
        return true;
    }

    /**
     * A C integer constant of value {@code v}. A decimal literal takes the first of int, long,
     * long long that holds it, so most values need nothing more; the largest unsigned 64-bit
     * values need {@code ULL}, and the most negative 64-bit value has no literal of its own.
     */
    static String literal(BigInteger v) {
        if (v.signum() >= 0) {
            if (v.bitLength() <= 63) return v.toString();
            if (v.bitLength() <= 64) return v + "ULL";
            BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
            return "(((unsigned __int128)" + v.shiftRight(64) + "ULL << 64) | " + v.and(mask) + "ULL)";
        }
        if (v.bitLength() <= 63) {
            return v.equals(BigInteger.valueOf(Long.MIN_VALUE)) ? "(-9223372036854775807LL - 1)" : v.toString();
        }
        return "(-(__int128)" + literal(v.negate()) + ")";
    }
}
