package dev.dwarfbind.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The C types of one library and its exported functions and variables. Immutable and safe to
 * share between threads.
 *
 * <p>Every type has an id, its index in {@link #types()}. Equal types are stored once, so two ids
 * are equal exactly when the types are the same C type (up to the unification the reader
 * performed across compilation units).
 */
public final class TypeSystem {
    /** The id that stands for "no type", e.g. an enum whose underlying type is not recorded. */
    public static final int NO_TYPE = -1;

    private final Target target;
    private final List<CType> types;
    private final Map<String, FunctionDecl> functions;
    private final Map<String, VariableDecl> variables;
    private final List<UntypedSymbol> untyped;
    private final Map<String, Integer> named;

    TypeSystem(Target target, List<CType> types, List<FunctionDecl> functions, List<VariableDecl> variables,
               List<UntypedSymbol> untyped) {
        this.target = target;
        this.types = List.copyOf(types);
        var fs = new LinkedHashMap<String, FunctionDecl>();
        for (FunctionDecl f : functions) fs.putIfAbsent(f.name(), f);
        this.functions = Collections.unmodifiableMap(fs);
        var vs = new LinkedHashMap<String, VariableDecl>();
        for (VariableDecl v : variables) vs.putIfAbsent(v.name(), v);
        this.variables = Collections.unmodifiableMap(vs);
        this.untyped = List.copyOf(untyped);
        var names = new LinkedHashMap<String, Integer>();
        for (int id = 0; id < this.types.size(); id++) {
            String n = nameOf(this.types.get(id));
            if (n == null) continue;
            // A complete definition wins over an opaque one of the same name.
            Integer old = names.get(n);
            if (old == null || !isComplete(this.types.get(old)) && isComplete(this.types.get(id))) names.put(n, id);
        }
        this.named = Collections.unmodifiableMap(names);
    }

    private static String nameOf(CType t) {
        return switch (t) {
            case RecordType r when r.tag() != null -> r.kind().keyword() + " " + r.tag();
            case EnumType e when e.tag() != null -> "enum " + e.tag();
            case TypedefType td -> td.name();
            case ScalarType s -> s.name();
            case VoidType v -> "void";
            default -> null;
        };
    }

    private static boolean isComplete(CType t) {
        return switch (t) {
            case RecordType r -> r.complete();
            case EnumType e -> e.complete();
            default -> true;
        };
    }

    /** The machine and ABI the library was built for. */
    public Target target() {
        return target;
    }

    /** All types; a type's id is its index here. */
    public List<CType> types() {
        return types;
    }

    /** The type with this id. */
    public CType type(int id) {
        if (id < 0 || id >= types.size()) {
            throw new IllegalArgumentException("no type with id " + id + " (the type system has " + types.size() + ")");
        }
        return types.get(id);
    }

    /** The type with this id, which must be of class {@code kind}. */
    public <T extends CType> T type(int id, Class<T> kind) {
        CType t = type(id);
        if (!kind.isInstance(t)) {
            throw new IllegalArgumentException("type " + id + " is a " + t.getClass().getSimpleName()
                    + ", not a " + kind.getSimpleName());
        }
        return kind.cast(t);
    }

    /** Exported functions with debug info, by exported name, in symbol-table order. */
    public Map<String, FunctionDecl> functions() {
        return functions;
    }

    /** The exported function called {@code name}. */
    public Optional<FunctionDecl> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** Exported variables with debug info, by exported name. */
    public Map<String, VariableDecl> variables() {
        return variables;
    }

    /** The exported variable called {@code name}. */
    public Optional<VariableDecl> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** Exported symbols that have no type, with the reason. */
    public List<UntypedSymbol> untyped() {
        return untyped;
    }

    /**
     * The id of a named type: {@code "struct tag"}, {@code "union tag"}, {@code "enum tag"}, a
     * typedef name or a base type name such as {@code "unsigned int"}.
     */
    public OptionalInt typeNamed(String name) {
        Integer id = named.get(name);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Every named type, by the names {@link #typeNamed} accepts. */
    public Map<String, Integer> namedTypes() {
        return named;
    }

    /** The id after peeling typedefs and qualifiers: the type a value is really laid out as. */
    public int strip(int id) {
        for (int hops = 0; hops <= types.size(); hops++) {
            switch (type(id)) {
                case TypedefType td -> id = td.target();
                case QualifiedType q -> id = q.type();
                default -> { return id; }
            }
        }
        throw new IllegalStateException("typedef cycle through type " + id);
    }

    /** The function type of an exported function. */
    public FunctionType signature(FunctionDecl f) {
        return type(strip(f.type()), FunctionType.class);
    }

    /**
     * Size in bytes of a value of this type. Opaque records, flexible arrays and {@code void} have
     * size 0; a function type has no size and is an error.
     */
    public long sizeOf(int id) {
        return Layout.sizeOf(this::type, id, false);
    }

    /** Alignment in bytes of a value of this type. */
    public int alignOf(int id) {
        return Layout.alignOf(this::type, target, id);
    }

    /** Ids of all types reachable from {@code roots}, following every reference. */
    public List<Integer> reachable(List<Integer> roots) {
        boolean[] seen = new boolean[types.size()];
        var order = new ArrayList<Integer>();
        var stack = new ArrayList<>(roots);
        while (!stack.isEmpty()) {
            int id = stack.removeLast();
            if (id == NO_TYPE || seen[id]) continue;
            seen[id] = true;
            order.add(id);
            TypeSystemBuilder.forEachReference(type(id), stack::add);
        }
        return order;
    }
}
