package dev.dwarfbind.headers;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Compares the type system a library's debug info gives with the one its headers give: every
 * function both type, every variable, every tagged struct, union and enum both define completely.
 * What a C caller cannot tell apart is not a difference: typedef names (a type is compared with its
 * typedefs resolved), the spelling of base types ({@code long unsigned int} and {@code unsigned long}
 * are one 8-byte unsigned integer), parameter names, the size an {@code extern T x[];}
 * declaration leaves open, {@code restrict}, and {@code _Atomic} (which
 * clang-19 does not write into DWARF; an atomic member's size and offset are still compared). Everything else is:
 * sizes, alignments, member names, offsets and bitfields, parameter and return types, qualifiers,
 * variadic-ness, prototypes and calling conventions.
 */
public final class TypeComparison {
    private static final int MAX_DEPTH = 64;

    private TypeComparison() {
    }

    /** Every difference between {@code dwarf} and {@code headers}, functions first, then records and enums. */
    public static List<TypeDifference> compare(TypeSystem dwarf, TypeSystem headers) {
        List<TypeDifference> out = new ArrayList<>();
        for (FunctionDecl f : dwarf.functions().values()) {
            var h = headers.function(f.name());
            String d = signature(dwarf, f);
            if (h.isEmpty()) {
                out.add(new TypeDifference(TypeDifference.Kind.MISSING_FROM_HEADERS, f.name(), d, ""));
                continue;
            }
            String hs = signature(headers, h.get());
            if (!d.equals(hs)) out.add(new TypeDifference(TypeDifference.Kind.SIGNATURE, f.name(), d, hs));
        }
        for (FunctionDecl f : headers.functions().values()) {
            if (dwarf.function(f.name()).isEmpty() && dwarf.untypedSymbol(f.name()).isPresent()) {
                out.add(new TypeDifference(TypeDifference.Kind.MISSING_FROM_DWARF, f.name(), "", signature(headers, f)));
            }
        }
        for (VariableDecl v : dwarf.variables().values()) {
            var h = headers.variable(v.name());
            if (h.isEmpty()) continue;
            String d = shape(dwarf, v.type(), 0);
            String hs = shape(headers, h.get().type(), 0);
            // extern int table[]; declares the table int table[8]; defines: compatible types.
            boolean completes = hs.endsWith("[]") && d.replaceFirst("\\[\\d+]$", "[]").equals(hs);
            if (!d.equals(hs) && !completes) out.add(new TypeDifference(TypeDifference.Kind.VARIABLE, v.name(), d, hs));
        }
        for (var e : new TreeMap<>(headers.namedTypes()).entrySet()) {
            CType ht = headers.type(e.getValue());
            var did = dwarf.typeNamed(e.getKey());
            if (did.isEmpty()) continue;
            CType dt = dwarf.type(did.getAsInt());
            if (ht instanceof RecordType hr && dt instanceof RecordType dr && hr.complete() && dr.complete()) {
                String d = layout(dwarf, dr);
                String hs = layout(headers, hr);
                if (!d.equals(hs)) out.add(new TypeDifference(TypeDifference.Kind.LAYOUT, e.getKey(), d, hs));
            } else if (ht instanceof EnumType he && dt instanceof EnumType de && he.complete() && de.complete()) {
                String d = enumeration(de);
                String hs = enumeration(he);
                if (!d.equals(hs)) out.add(new TypeDifference(TypeDifference.Kind.ENUM, e.getKey(), d, hs));
            }
        }
        return out;
    }

    /** A function's type as compared: {@code int(int*,...)} with typedefs resolved. */
    public static String signature(TypeSystem ts, FunctionDecl f) {
        return shape(ts, f.type(), 0) + (f.noreturn() ? " noreturn" : "");
    }

    /** A record's layout as compared: size, alignment, then each member's name, offset, width and type. */
    public static String layout(TypeSystem ts, RecordType r) {
        StringJoiner j = new StringJoiner("; ", r.kind().keyword() + " size " + r.byteSize() + " align " + r.alignment() + " { ", " }");
        for (Field f : r.fields()) {
            j.add((f.name() == null ? "<anonymous>" : f.name()) + " @" + bitPosition(f) + " " + shape(ts, f.type(), 1));
        }
        return j.toString();
    }

    private static String bitPosition(Field f) {
        return f.isBitfield() ? f.bitOffset() + "b:" + f.bitSize() : String.valueOf(f.byteOffset());
    }

    private static String enumeration(EnumType e) {
        StringJoiner j = new StringJoiner(", ", "enum size " + e.byteSize() + " { ", " }");
        Map<String, Object> sorted = new TreeMap<>();
        e.values().forEach(v -> sorted.put(v.name(), v.value()));
        sorted.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** A type as compared: typedefs resolved, base types by kind and size, tagged records by tag. */
    static String shape(TypeSystem ts, int id, int depth) {
        if (id == TypeSystem.NO_TYPE) return "?";
        if (depth > MAX_DEPTH) return "...";
        CType t = ts.type(id);
        return switch (t) {
            case VoidType v -> "void";
            case TypedefType td -> shape(ts, td.target(), depth);
            case ScalarType s -> s.kind().name().toLowerCase(java.util.Locale.ROOT) + (s.byteSize() * 8)
                    + (s.kind().isInteger() && !s.signed() ? "u" : "");
            case QualifiedType q -> {
                StringBuilder sb = new StringBuilder();
                for (Qualifier x : Qualifier.values()) {
                    if (x != Qualifier.RESTRICT && x != Qualifier.ATOMIC && q.has(x)) sb.append(x.spelling()).append(' ');
                }
                yield sb + shape(ts, q.type(), depth + 1);
            }
            case PointerType p -> shape(ts, p.pointee(), depth + 1) + "*";
            case ArrayType a -> shape(ts, a.element(), depth + 1) + "[" + (a.isFlexible() ? "" : a.count()) + "]";
            case RecordType r -> r.tag() != null ? r.kind().keyword() + " " + r.tag()
                    : depth > MAX_DEPTH / 2 ? r.kind().keyword() + "{...}" : untagged(ts, r, depth);
            case EnumType e -> e.tag() != null ? "enum " + e.tag() : "enum" + (e.byteSize() * 8);
            case FunctionType f -> {
                StringJoiner j = new StringJoiner(",", "(", ")");
                for (Parameter p : f.parameters()) j.add(shape(ts, p.type(), depth + 1));
                if (f.variadic()) j.add("...");
                if (!f.prototyped()) j.add("unprototyped");
                yield shape(ts, f.returnType(), depth + 1) + j + (f.convention() == dev.dwarfbind.types.CallingConvention.DEFAULT
                        ? "" : " " + f.convention().name().toLowerCase(java.util.Locale.ROOT));
            }
        };
    }

    private static String untagged(TypeSystem ts, RecordType r, int depth) {
        StringJoiner j = new StringJoiner(";", r.kind().keyword() + "{", "}");
        for (Field f : r.fields()) j.add((f.name() == null ? "" : f.name()) + "@" + bitPosition(f) + ":" + shape(ts, f.type(), depth + 1));
        return j.toString();
    }
}
