package dev.dwarfbind.pe;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

import java.util.HashSet;
import java.util.Set;

/**
 * Layout descriptions of types, for comparing the type systems two builds of the same source
 * give: sizes, alignments, member names, bit offsets and widths, and member types down to names
 * (a named record is described by its tag, so recursion stops there).
 */
final class Shapes {
    private Shapes() {
    }

    /** The full layout of type {@code id}: a named record is expanded one level. */
    static String layout(TypeSystem ts, int id) {
        return describe(ts, id, true);
    }

    private static String describe(TypeSystem ts, int id, boolean expand) {
        if (id == TypeSystem.NO_TYPE) return "void";
        CType t = ts.type(id);
        return switch (t) {
            case ScalarType s -> s.kind().name() + s.byteSize();
            case PointerType p -> "*" + p.byteSize();
            case QualifiedType q -> describe(ts, q.type(), expand);
            case TypedefType td -> describe(ts, td.target(), expand);
            case ArrayType a -> "[" + a.count() + "]" + describe(ts, a.element(), expand);
            case EnumType e -> "enum" + e.byteSize() + e.values().stream().map(v -> v.name() + "=" + v.value()).toList();
            case FunctionType f -> "fn";
            case VoidType v -> "void";
            case RecordType r -> {
                if (r.tag() != null && !expand) yield r.kind() + " " + r.tag();
                var sb = new StringBuilder().append(r.kind()).append(' ').append(r.tag()).append(' ').append(r.byteSize())
                        .append('/').append(r.alignment()).append('{');
                for (Field f : r.fields()) {
                    sb.append(f.name()).append('@').append(f.bitOffset());
                    if (f.isBitfield()) sb.append(':').append(f.bitSize());
                    sb.append(' ').append(describe(ts, f.type(), false)).append("; ");
                }
                yield sb.append('}').toString();
            }
            default -> t.toString();
        };
    }

    /**
     * Whether a value of type {@code id} holds (not through a pointer) a {@code long} or a
     * {@code wchar_t}: the types whose size LLP64 Windows and LP64 Linux disagree on.
     */
    static boolean dependsOnDataModel(TypeSystem ts, int id) {
        return holds(ts, id, s -> isLong(s.name()), true, new HashSet<>());
    }

    /**
     * Whether a value of type {@code id} holds (not through a pointer) a {@code long double},
     * which is a {@code double} under the Microsoft ABI (clang's {@code -windows-msvc}) and the
     * x87 format on x86-64 Linux.
     */
    static boolean holdsLongDouble(TypeSystem ts, int id) {
        return holds(ts, id, s -> s.name().equals("long double") || s.name().equals("_Complex long double")
                || s.name().equals("complex long double"), false, new HashSet<>());
    }

    /**
     * Whether a value of type {@code id} holds an enum of other than 4 bytes: the Microsoft ABI
     * makes every enum without a fixed underlying type an {@code int} (values beyond it
     * truncated), where GNU C widens it to {@code long} or narrows a packed one.
     */
    static boolean holdsEnumOtherThanInt(TypeSystem ts, int id) {
        return holdsEnum(ts, id, new HashSet<>());
    }

    private static boolean holdsEnum(TypeSystem ts, int id, Set<Integer> seen) {
        if (id == TypeSystem.NO_TYPE || !seen.add(id)) return false;
        return switch (ts.type(id)) {
            case dev.dwarfbind.types.EnumType e -> e.byteSize() != 4;
            case TypedefType td -> holdsEnum(ts, td.target(), seen);
            case QualifiedType q -> holdsEnum(ts, q.type(), seen);
            case ArrayType a -> holdsEnum(ts, a.element(), seen);
            case RecordType r -> r.fields().stream().anyMatch(f -> holdsEnum(ts, f.type(), seen));
            default -> false;
        };
    }

    private static boolean holds(TypeSystem ts, int id, java.util.function.Predicate<ScalarType> scalar, boolean wideChars,
                                 Set<Integer> seen) {
        if (id == TypeSystem.NO_TYPE || !seen.add(id)) return false;
        return switch (ts.type(id)) {
            case ScalarType s -> scalar.test(s);
            case TypedefType td -> wideChars && (td.name().equals("wchar_t") || td.name().equals("wint_t"))
                    || holds(ts, td.target(), scalar, wideChars, seen);
            case QualifiedType q -> holds(ts, q.type(), scalar, wideChars, seen);
            case ArrayType a -> holds(ts, a.element(), scalar, wideChars, seen);
            case RecordType r -> r.fields().stream().anyMatch(f -> holds(ts, f.type(), scalar, wideChars, seen));
            default -> false;
        };
    }

    /**
     * The layout of record {@code id} with anonymous members flattened into it (as CodeView
     * stores them): size, then each member's name, bit offset, width and type, sorted; a
     * zero-length array reads as flexible.
     */
    static String flatLayout(TypeSystem ts, int id) {
        RecordType r = (RecordType) ts.type(ts.strip(id));
        var members = new java.util.ArrayList<String>();
        flatten(ts, r, 0, members);
        members.sort(null);
        // CodeView does not tell a[0] from a[] (both 0 bytes): both read as flexible.
        return (r.kind() + " " + r.byteSize() + " " + members).replace("[0]", "[-1]");
    }

    private static void flatten(TypeSystem ts, RecordType r, long base, java.util.List<String> out) {
        for (Field f : r.fields()) {
            if (f.name() == null && ts.type(ts.strip(f.type())) instanceof RecordType inner) {
                flatten(ts, inner, base + f.bitOffset(), out);
            } else {
                out.add(f.name() + "@" + (base + f.bitOffset()) + (f.isBitfield() ? ":" + f.bitSize() : "") + " " + describe(ts, f.type(), false));
            }
        }
    }

    /** Whether record {@code id} has an {@code _Atomic} member, which CodeView records without a type. */
    static boolean hasAtomicMember(TypeSystem ts, int id) {
        return ts.type(ts.strip(id)) instanceof RecordType r && r.fields().stream().anyMatch(f ->
                ts.type(f.type()) instanceof QualifiedType q && q.has(dev.dwarfbind.types.Qualifier.ATOMIC));
    }

    /** Whether type {@code id} is a record with a bitfield member of its own. */
    static boolean hasBitfields(TypeSystem ts, int id) {
        return ts.type(ts.strip(id)) instanceof RecordType r && r.fields().stream().anyMatch(Field::isBitfield);
    }

    /** {@code long}, {@code unsigned long} in either compiler's spelling; not {@code long long} or {@code long double}. */
    static boolean isLong(String scalarName) {
        return scalarName.matches("(unsigned |signed )?long( int| unsigned int)?|long (unsigned )?int|unsigned long");
    }
}
