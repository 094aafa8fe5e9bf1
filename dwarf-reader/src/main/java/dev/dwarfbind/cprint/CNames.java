package dev.dwarfbind.cprint;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VariableDecl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The C names of one type system's types, chosen once so that every printed fragment agrees.
 *
 * <p>A type system may hold what one C translation unit cannot: two different {@code struct foo}
 * from two compilation units, a typedef and a function of the same name, enum constants defined
 * twice, or names that are not C identifiers at all (C++ template tags). This class resolves those
 * collisions deterministically, in id order: the first complete definition of a tag keeps it,
 * later different ones get {@code tag_<id>}; an equal later definition is an alias printed once;
 * opaque declarations share the name of the definition. Exported functions and variables keep
 * their names, since those are what a caller links against.
 *
 * <p>It also decides how anonymous enums are printed: an anonymous enum named only by one
 * typedef is written inline in that typedef; one used anywhere else gets a synthesized tag, because
 * writing its body at each use would define its constants more than once.
 *
 * <p>Likewise an anonymous struct or union is written out where it is used only if that is the one
 * place its text appears (or, as in {@code struct { int x, y; } a, b;}, a few members of one record
 * share it and it holds no anonymous record itself), at most {@value #MAX_INLINE_DEPTH} levels of
 * unnamed types below a named one. Otherwise (it is shared, through however many pointers and arrays, or nests deeper) it gets
 * a synthesized tag {@code anon_struct_<id>} and is defined once: the printed text stays linear in
 * the size of the type system, and printing recurses no deeper than that limit plus
 * {@link dev.dwarfbind.types.TypeSystemBuilder#MAX_NESTING}. An unnamed member of such a type gets
 * a synthesized name, since C cannot embed a tagged record anonymously.
 */
final class CNames {
    /** Typedef names compilers predefine; declaring them again is an error. */
    private static final String BUILTIN_PREFIX = "__builtin_";
    /** How many unnamed types (anonymous records, pointers, arrays, ...) may nest below a named one. */
    static final int MAX_INLINE_DEPTH = 64;

    private static final Set<String> KEYWORDS = Set.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
            "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
            "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic",
            "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "asm", "typeof", "__asm__",
            "__attribute__", "__typeof__", "__int128", "__float128", "_Float16", "__bf16", "__auto_type",
            "__label__", "__extension__", "__thread", "__restrict", "__inline", "__const", "__volatile__",
            "__signed__", "__alignof__", "__real__", "__imag__", "_Decimal32", "_Decimal64", "_Decimal128");

    /** Words a scalar's name may be made of for it to be printed as it is. */
    private static final Set<String> SCALAR_WORDS = Set.of(
            "char", "short", "int", "long", "signed", "unsigned", "float", "double", "_Bool", "_Complex",
            "__int128", "__float128", "_Float16", "__bf16", "__signed__", "__unsigned__");

    private final TypeSystem ts;
    /** C tag per id of a struct, union or enum that is printed with a tag. */
    private final String[] tag;
    /** Name per typedef id. */
    private final String[] typedefName;
    /** Per id of a tagged type or typedef: the id whose definition the C name stands for. */
    private final int[] canonical;
    /** Typedefs the compiler predefines. */
    private final boolean[] builtin;
    /** Anonymous enums printed inline in the one typedef that names them. */
    private final boolean[] inlineEnum;
    /** Per enum id whose constants are printed: their C names, in order. */
    private final Map<Integer, List<String>> constants = new HashMap<>();
    /** Anonymous enums nothing refers to whose constants could all keep their names. */
    private final List<Integer> freeEnums = new ArrayList<>();
    private final Map<Integer, String> scalar = new HashMap<>();

    private final Set<String> typeNames = new HashSet<>();
    private final Set<String> tags = new HashSet<>();
    private final Set<String> ordinary = new HashSet<>();

    /** Whether names are the types' own, undisambiguated (see {@link #plain}). */
    private final boolean plain;

    private CNames(TypeSystem ts, boolean plain) {
        this.ts = ts;
        this.plain = plain;
        tag = null;
        typedefName = null;
        canonical = null;
        builtin = null;
        inlineEnum = null;
    }

    /**
     * Names for a type system still being read (lazy): each type by its own tag or typedef
     * name, without looking at the whole library, which disambiguating clashes would need.
     * Right for naming one declaration or type in a message or listing; a whole header is
     * printed from a complete type system.
     */
    static CNames plain(TypeSystem ts) {
        return new CNames(ts, true);
    }

    CNames(TypeSystem ts) {
        this.ts = ts;
        this.plain = false;
        int n = ts.types().size();
        tag = new String[n];
        typedefName = new String[n];
        canonical = new int[n];
        builtin = new boolean[n];
        inlineEnum = new boolean[n];
        for (int id = 0; id < n; id++) canonical[id] = id;

        // Linked names first: a header must declare them as exported, whatever else is called so.
        for (FunctionDecl f : ts.functions().values()) ordinary.add(identifier(f.name()));
        for (VariableDecl v : ts.variables().values()) ordinary.add(identifier(v.name()));

        nameTags(true);
        nameTags(false);
        nameSharedAnonymousRecords();
        nameAnonymousEnums();
        nameTypedefs();
        nameConstants();
    }

    /** The type system named. */
    TypeSystem typeSystem() {
        return ts;
    }

    /** The tag printed for a struct, union or enum, or {@code null} for one printed inline without a tag. */
    String tag(int id) {
        if (plain) {
            CType t = ts.type(id);
            String raw = t instanceof RecordType r ? r.tag() : t instanceof EnumType e ? e.tag() : null;
            return raw == null ? null : identifier(raw);
        }
        return tag[id];
    }

    /** The name printed for a typedef. */
    String typedefName(int id) {
        if (plain) return identifier(ts.type(id, dev.dwarfbind.types.TypedefType.class).name());
        return typedefName[id];
    }

    /**
     * The id whose definition a tagged type or typedef is printed as: itself, or an earlier equal
     * type of the same name.
     */
    int canonical(int id) {
        return plain ? id : canonical[id];
    }

    /** Whether a typedef is one the compiler predefines ({@code __builtin_va_list}) and must not be declared. */
    boolean isBuiltin(int id) {
        return !plain && builtin[id];
    }

    /** Whether {@code name} is the name of a typedef. */
    boolean isTypeName(String name) {
        return typeNames.contains(name);
    }

    /** Whether an anonymous enum is printed inline in the only typedef that names it. */
    boolean isInlineEnum(int id) {
        return !plain && inlineEnum[id];
    }

    /** The printed names of an enum's constants, or {@code null} if its constants are not printed. */
    List<String> constants(int id) {
        return constants.get(id);
    }

    /** Anonymous enums that nothing refers to, printed on their own for their constants. */
    List<Integer> freeEnums() {
        return freeEnums;
    }

    /** How a scalar type is spelled in C. */
    String scalar(int id) {
        return scalar.computeIfAbsent(id, k -> spell(ts.type(k, ScalarType.class)));
    }

    /**
     * A valid C identifier for {@code name}: characters C does not allow become {@code _}, a
     * leading digit gets a {@code _} in front and a keyword a {@code _} behind.
     */
    static String identifier(String name) {
        if (name.isEmpty()) return "_";
        var sb = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
        if (KEYWORDS.contains(sb.toString())) sb.append('_');
        return sb.toString();
    }

    private void nameTags(boolean completeOnes) {
        var owner = new HashMap<String, Integer>();
        for (int id = 0; id < tag.length; id++) {
            if (tag[id] != null) owner.putIfAbsent(tag[id], canonical[id]);
        }
        List<CType> types = ts.types();
        for (int id = 0; id < types.size(); id++) {
            CType t = types.get(id);
            String raw;
            boolean complete;
            if (t instanceof RecordType r) {
                raw = r.tag();
                complete = r.complete();
            } else if (t instanceof EnumType e) {
                raw = e.tag();
                complete = e.complete();
            } else {
                continue;
            }
            if (raw == null || complete != completeOnes) continue;
            String name = identifier(raw);
            Integer prior = owner.get(name);
            if (prior == null) {
                claimTag(id, name, owner);
            } else if (sameTagged(types.get(prior), t)) {
                // The same type again (an opaque declaration, or an equal definition from another
                // compilation unit): print it under the first one's name, define it once.
                tag[id] = name;
                canonical[id] = canonical[prior];
            } else {
                claimTag(id, fresh(name + "_" + id, tags), owner);
            }
        }
    }

    private void claimTag(int id, String name, Map<String, Integer> owner) {
        tag[id] = name;
        tags.add(name);
        owner.put(name, id);
    }

    /** Whether {@code later} can be printed under the name of {@code first}. */
    private static boolean sameTagged(CType first, CType later) {
        if (later instanceof RecordType r && first instanceof RecordType f) {
            return r.kind() == f.kind() && (!r.complete() || r.equals(f));
        }
        if (later instanceof EnumType e && first instanceof EnumType f) return !e.complete() || e.equals(f);
        return false;
    }

    /**
     * Gives a tag to every anonymous struct or union whose text would otherwise appear more than
     * once, or nest more than {@link #MAX_INLINE_DEPTH} unnamed types deep (see the class comment).
     * Each type's status is found by climbing its chain of sole users up to a named type or a
     * declaration, then handing the result down that chain: every type is climbed once.
     */
    private void nameSharedAnonymousRecords() {
        List<CType> types = ts.types();
        int n = types.size();
        int[] uses = new int[n];
        int[] soleUser = new int[n];   // the only type using it, or -1 for a declaration
        for (int id = 0; id < n; id++) {
            int user = id;
            TypeSystemBuilder.forEachReference(types.get(id), ref -> {
                if (ref >= 0) {
                    uses[ref]++;
                    soleUser[ref] = user;
                }
            });
        }
        for (FunctionDecl f : ts.functions().values()) {
            uses[f.type()]++;
            soleUser[f.type()] = -1;
        }
        for (VariableDecl v : ts.variables().values()) {
            uses[v.type()]++;
            soleUser[v.type()] = -1;
        }
        int[] declaratorListParent = declaratorListParents(uses);
        // Per type: 0 not known yet, else 1 + how many unnamed types it sits below its named
        // one (1 for a named type), or SHARED when its text would appear more than once.
        final int shared = Integer.MAX_VALUE;
        int[] level = new int[n];
        boolean[] onPath = new boolean[n];
        var path = new ArrayList<Integer>();
        for (int start = 0; start < n; start++) {
            if (level[start] != 0 || !(types.get(start) instanceof RecordType r) || r.tag() != null) continue;
            path.clear();
            int t = start;
            int top;
            while (true) {
                if (level[t] != 0) {
                    top = level[t];
                    break;
                }
                if (isNamed(t) || uses[t] == 0) {
                    top = level[t] = 1; // printed once as a definition, or not at all
                    break;
                }
                if (onPath[t]) {
                    top = shared; // a cycle of unnamed types: one of them must be named
                    break;
                }
                path.add(t);
                onPath[t] = true;
                if (uses[t] > 1 && declaratorListParent[t] >= 0) {
                    t = declaratorListParent[t]; // written out at each member, inside its one parent
                    continue;
                }
                if (uses[t] > 1) {
                    top = shared;
                    break;
                }
                if (soleUser[t] < 0) {
                    top = 1; // used by one declaration, which is printed once
                    break;
                }
                t = soleUser[t];
            }
            // Down the chain: a shared or too deeply nested anonymous record gets a tag.
            for (int i = path.size() - 1; i >= 0; i--) {
                int id = path.get(i);
                onPath[id] = false;
                int below = top == shared ? shared : top + 1;
                if ((below == shared || below > MAX_INLINE_DEPTH + 1)
                        && types.get(id) instanceof RecordType rec && rec.tag() == null) {
                    tag[id] = fresh("anon_" + rec.kind().keyword() + "_" + id, tags);
                    tags.add(tag[id]);
                    below = 1;
                }
                level[id] = below;
                top = below;
            }
        }
    }

    /** How many members of one record may share an anonymous type written out at each of them. */
    private static final int MAX_DECLARATORS = 16;

    /**
     * Per anonymous record: the record whose members are its only uses, when C's
     * {@code struct { int x, y; } a, b;} explains the sharing and writing it out at each member
     * costs little (at most {@value #MAX_DECLARATORS} members, and no anonymous record inside
     * it, so such copies never multiply); -1 otherwise.
     */
    private int[] declaratorListParents(int[] uses) {
        List<CType> types = ts.types();
        int[] parent = new int[types.size()];
        int[] memberUses = new int[types.size()];
        java.util.Arrays.fill(parent, -1);
        for (int id = 0; id < types.size(); id++) {
            if (!(types.get(id) instanceof RecordType r)) continue;
            for (Field f : r.fields()) {
                int t = f.type();
                if (!(types.get(t) instanceof RecordType member) || member.tag() != null) continue;
                parent[t] = memberUses[t] == 0 || parent[t] == id ? id : -2;
                memberUses[t]++;
            }
        }
        for (int id = 0; id < types.size(); id++) {
            if (parent[id] >= 0 && (memberUses[id] != uses[id] || uses[id] > MAX_DECLARATORS || !holdsNoAnonymousRecord(id))) {
                parent[id] = -1;
            }
        }
        return parent;
    }

    /** Whether no member type of record {@code id} leads, through pointers, arrays or qualifiers, to an anonymous record. */
    private boolean holdsNoAnonymousRecord(int id) {
        for (Field f : ts.type(id, RecordType.class).fields()) {
            int t = f.type();
            for (int hops = 0; hops <= TypeSystemBuilder.MAX_NESTING; hops++) {
                CType type = ts.type(t);
                if (type instanceof PointerType p) t = p.pointee();
                else if (type instanceof ArrayType a) t = a.element();
                else if (type instanceof QualifiedType q) t = q.type();
                else if (type instanceof FunctionType || type instanceof RecordType r && r.tag() == null) return false;
                else break;
            }
        }
        return true;
    }

    /** Whether a type is printed by its name (so its text appears once, as its definition). */
    private boolean isNamed(int id) {
        CType t = ts.type(id);
        if (t instanceof RecordType) return tag[id] != null;
        return t instanceof EnumType || t instanceof TypedefType;
    }

    private void nameAnonymousEnums() {
        List<CType> types = ts.types();
        int[] fromTypedefs = new int[types.size()];
        int[] fromOthers = new int[types.size()];
        for (CType t : types) {
            int[] counter = t instanceof TypedefType ? fromTypedefs : fromOthers;
            TypeSystemBuilder.forEachReference(t, ref -> {
                if (ref >= 0) counter[ref]++;
            });
        }
        for (FunctionDecl f : ts.functions().values()) fromOthers[f.type()]++;
        for (VariableDecl v : ts.variables().values()) fromOthers[v.type()]++;
        for (int id = 0; id < types.size(); id++) {
            if (!(types.get(id) instanceof EnumType e) || e.tag() != null) continue;
            if (fromTypedefs[id] == 1 && fromOthers[id] == 0) {
                inlineEnum[id] = true;
            } else if (fromTypedefs[id] + fromOthers[id] > 0) {
                tag[id] = fresh("anon_enum_" + id, tags);
                tags.add(tag[id]);
            }
        }
    }

    private void nameTypedefs() {
        var owner = new HashMap<String, Integer>();
        List<CType> types = ts.types();
        for (int id = 0; id < types.size(); id++) {
            if (!(types.get(id) instanceof TypedefType td)) continue;
            if (td.name().startsWith(BUILTIN_PREFIX)) {
                typedefName[id] = td.name();
                builtin[id] = true;
                typeNames.add(td.name());
                continue;
            }
            String name = identifier(td.name());
            Integer prior = owner.get(name);
            if (prior != null && ts.type(prior, TypedefType.class).target() == td.target()) {
                typedefName[id] = name;
                canonical[id] = prior;
                continue;
            }
            if (prior != null || ordinary.contains(name)) name = fresh(name + "_" + id, ordinary);
            typedefName[id] = name;
            ordinary.add(name);
            typeNames.add(name);
            owner.put(name, id);
        }
    }

    private void nameConstants() {
        List<CType> types = ts.types();
        for (int id = 0; id < types.size(); id++) {
            if (!(types.get(id) instanceof EnumType e) || !e.complete() || canonical[id] != id) continue;
            boolean free = e.tag() == null && tag[id] == null && !inlineEnum[id];
            var names = new ArrayList<String>(e.values().size());
            for (Enumerator v : e.values()) {
                String name = identifier(v.name());
                if (ordinary.contains(name) || names.contains(name)) {
                    // An enum nothing uses is printed only for its constants; renamed constants
                    // would be noise, so such an enum is left out instead.
                    if (free) {
                        names = null;
                        break;
                    }
                    name = fresh(name + "_" + id, ordinary);
                }
                names.add(name);
            }
            if (names == null) continue;
            ordinary.addAll(names);
            constants.put(id, List.copyOf(names));
            if (free) freeEnums.add(id);
        }
    }

    private static String fresh(String candidate, Set<String> taken) {
        String name = candidate;
        for (int i = 2; taken.contains(name); i++) name = candidate + "_" + i;
        return name;
    }

    /**
     * The C spelling of a scalar. Debug info names base types as the compiler spelled them, which
     * is usually valid C ({@code long unsigned int}); names that are not ({@code char16_t},
     * {@code _Float128}, {@code complex float}, a Fortran {@code integer(kind=4)}) are replaced
     * by the C type of the same kind and size.
     */
    private static String spell(ScalarType s) {
        String[] words = s.name().trim().split("\\s+");
        var out = new ArrayList<String>(words.length);
        boolean valid = s.kind() != ScalarKind.UNICODE_CHAR;
        for (String w : words) {
            String c = switch (w) {
                case "complex" -> "_Complex";
                case "bool" -> "_Bool";
                default -> w;
            };
            if (!SCALAR_WORDS.contains(c)) valid = false;
            out.add(c);
        }
        if (valid) return String.join(" ", out);
        return bySize(s.kind(), s.byteSize(), s.name());
    }

    private static String bySize(ScalarKind kind, int size, String name) {
        return switch (kind) {
            case BOOL -> "_Bool";
            case CHAR -> "char";
            case SIGNED_CHAR -> "signed char";
            case UNSIGNED_CHAR -> "unsigned char";
            case SIGNED -> integer(size, "signed char", "short", "int", "long long", "__int128");
            case UNSIGNED, UNICODE_CHAR -> integer(size, "unsigned char", "unsigned short", "unsigned int",
                    "unsigned long long", "unsigned __int128");
            case FLOAT -> floating(size, name);
            case COMPLEX -> "_Complex " + floating(size / 2, name);
            case DECIMAL_FLOAT -> "_Decimal" + size * 8;
        };
    }

    private static String integer(int size, String s1, String s2, String s4, String s8, String s16) {
        return switch (size) {
            case 1 -> s1;
            case 2 -> s2;
            case 8 -> s8;
            case 16 -> s16;
            default -> s4;
        };
    }

    private static String floating(int size, String name) {
        return switch (size) {
            case 2 -> name.contains("bf16") ? "__bf16" : "_Float16";
            case 4 -> "float";
            case 8 -> "double";
            // _Float128 is IEEE quad; on x86-64 long double is the 80-bit format in 16 bytes.
            case 16 -> name.contains("128") ? "__float128" : "long double";
            default -> "long double";
        };
    }
}
