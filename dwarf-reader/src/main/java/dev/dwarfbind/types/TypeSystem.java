package dev.dwarfbind.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C types of one library and its exported functions and variables. Safe to share between
 * threads; every answer it gives stays true for its lifetime.
 *
 * <p>Every type has an id, its index in {@link #types()}. Equal types are stored once, so two ids
 * are equal exactly when the types are the same C type (up to the unification the reader
 * performed across compilation units).
 *
 * <p>A type system is either <em>complete</em> (built whole by {@link TypeSystemBuilder#build})
 * or <em>lazy</em> ({@link #lazy}): a lazy one asks its {@link TypeSource} for an export, a named
 * type or a constant the first time it is looked up, and remembers the answer. Ids handed out
 * never change, so a lazy type system grows but never contradicts itself. Questions about the
 * whole library ({@link #types()}, {@link #functions()}, {@link #untyped()},
 * {@link #namedTypes()}, {@link #constants()}) read everything first.
 */
public final class TypeSystem {
    /** The id that stands for "no type", e.g. an enum whose underlying type is not recorded. */
    public static final int NO_TYPE = -1;

    private final Target target;
    /** The builder the source fills; dropped once everything is published. Under the lock. */
    private TypeSystemBuilder builder;
    private final TypeSource source;
    private final Object lock = new Object();

    // Published state: written under the lock, read without it. Types are published before any
    // map entry names them, so a reader that finds an id can always look it up.
    private volatile CType[] store = new CType[0];
    private volatile int published;
    private final Map<String, FunctionDecl> functions = new ConcurrentHashMap<>();
    private final Map<String, VariableDecl> variables = new ConcurrentHashMap<>();
    private final Map<String, UntypedSymbol> untyped = new ConcurrentHashMap<>();
    private final Map<String, Integer> named = new ConcurrentHashMap<>();
    private final Map<String, Constant> constants = new ConcurrentHashMap<>();
    private final Map<String, OmittedMacro> omittedMacros = new ConcurrentHashMap<>();
    private volatile Whole whole;

    // Under the lock: how far the builder has been published, and what was asked already.
    private int publishedFunctions;
    private int publishedVariables;
    private int publishedUntyped;
    private int publishedConstants;
    private int publishedOmitted;
    private final Set<String> askedExports = new HashSet<>();
    private final Set<String> askedNames = new HashSet<>();
    private final Set<String> askedConstants = new HashSet<>();
    private final List<String> namedOrder = new ArrayList<>();

    /** The whole library's answers, computed once everything is published. */
    private record Whole(List<CType> types, Map<String, FunctionDecl> functions, Map<String, VariableDecl> variables,
                         List<UntypedSymbol> untyped, Map<String, Integer> named, Map<String, Constant> constants,
                         Map<String, OmittedMacro> omittedMacros) {
    }

    private TypeSystem(Target target, TypeSystemBuilder builder, TypeSource source) {
        this.target = target;
        this.builder = builder;
        this.source = source;
    }

    /** A complete type system holding what {@code b} holds now. */
    static TypeSystem complete(TypeSystemBuilder b) {
        var ts = new TypeSystem(b.target(), b, null);
        synchronized (ts.lock) {
            ts.publish();
            ts.seal(null);
        }
        return ts;
    }

    /**
     * A type system that asks {@code source} for each export, named type and constant the first
     * time it is looked up. {@code builder} is the one the source fills; the type system owns it
     * from now on and calls the source only under its own lock.
     */
    public static TypeSystem lazy(TypeSystemBuilder builder, TypeSource source) {
        return new TypeSystem(builder.target(), builder, source);
    }

    /** Whether everything the source can give has been read (always true for a complete type system). */
    public boolean isComplete() {
        return whole != null;
    }

    /** The machine and ABI the library was built for. */
    public Target target() {
        return target;
    }

    /** All types; a type's id is its index here. Reads the whole library first if lazy. */
    public List<CType> types() {
        return whole().types;
    }

    /** The type with this id. */
    public CType type(int id) {
        int n = published;
        if (id < 0 || id >= n) {
            throw new IllegalArgumentException("no type with id " + id + " (the type system has " + n + ")");
        }
        return store[id];
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

    /** Exported functions with debug info, by exported name, in symbol-table order. Reads everything first if lazy. */
    public Map<String, FunctionDecl> functions() {
        return whole().functions;
    }

    /** The exported function called {@code name}. */
    public Optional<FunctionDecl> function(String name) {
        FunctionDecl f = functions.get(name);
        if (f == null && askExport(name)) f = functions.get(name);
        return Optional.ofNullable(f);
    }

    /** Exported variables with debug info, by exported name. Reads everything first if lazy. */
    public Map<String, VariableDecl> variables() {
        return whole().variables;
    }

    /** The exported variable called {@code name}. */
    public Optional<VariableDecl> variable(String name) {
        VariableDecl v = variables.get(name);
        if (v == null && askExport(name)) v = variables.get(name);
        return Optional.ofNullable(v);
    }

    /** Exported symbols that have no type, with the reason. Reads everything first if lazy. */
    public List<UntypedSymbol> untyped() {
        return whole().untyped;
    }

    /** The exported symbol {@code name} if it has no type, with the reason. */
    public Optional<UntypedSymbol> untypedSymbol(String name) {
        UntypedSymbol u = untyped.get(name);
        if (u == null && askExport(name)) u = untyped.get(name);
        return Optional.ofNullable(u);
    }

    /**
     * Names of every exported function and variable, typed or not, in symbol-table order; cheap
     * even for a lazy type system (for suggestions and listings).
     */
    public List<String> exportNames() {
        if (source != null) return source.exports();
        var names = new LinkedHashSet<String>();
        Whole w = whole();
        names.addAll(w.functions.keySet());
        names.addAll(w.variables.keySet());
        for (UntypedSymbol u : w.untyped) names.add(u.name());
        return List.copyOf(names);
    }

    /**
     * The id of a named type: {@code "struct tag"}, {@code "union tag"}, {@code "enum tag"}, a
     * typedef name or a base type name such as {@code "unsigned int"}. Where a name has both an
     * opaque declaration and a complete definition, the definition.
     */
    public OptionalInt typeNamed(String name) {
        Integer id = named.get(name);
        if ((id == null || !isComplete(store[id])) && askOnce(askedNames, name, n -> source.addNamedType(n))) id = named.get(name);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Every named type, by the names {@link #typeNamed} accepts. Reads everything first if lazy. */
    public Map<String, Integer> namedTypes() {
        return whole().named;
    }

    /** The constant called {@code name}: an enumerator of any enum, or a macro read as a literal. */
    public Optional<Constant> constant(String name) {
        Constant c = constants.get(name);
        if (c == null && askOnce(askedConstants, name, n -> source.addConstant(n))) c = constants.get(name);
        return Optional.ofNullable(c);
    }

    /** Every constant, by name, sorted by name. Reads everything first if lazy. */
    public Map<String, Constant> constants() {
        return whole().constants;
    }

    /**
     * The macro {@code name} of the library if it is not a constant, with the reason (a
     * function-like macro, say); empty if it is a constant or no such macro was read.
     */
    public Optional<OmittedMacro> omittedMacro(String name) {
        OmittedMacro m = omittedMacros.get(name);
        if (m == null && askOnce(askedConstants, name, n -> source.addConstant(n))) m = omittedMacros.get(name);
        return Optional.ofNullable(m);
    }

    /** Every macro of the library that is not a constant, by name, sorted by name. Reads everything first if lazy. */
    public Map<String, OmittedMacro> omittedMacros() {
        return whole().omittedMacros;
    }

    /** The id after peeling typedefs and qualifiers: the type a value is really laid out as. */
    public int strip(int id) {
        int n = published;
        for (int hops = 0; hops <= n; hops++) {
            CType t = type(id);
            if (t instanceof TypedefType td) id = td.target();
            else if (t instanceof QualifiedType q) id = q.type();
            else return id;
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
        boolean[] seen = new boolean[published];
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

    // ---- lazy reading ----

    /** Asks the source for export {@code name} unless asked before; whether it was asked now. */
    private boolean askExport(String name) {
        return askOnce(askedExports, name, n -> source.addExport(n));
    }

    /**
     * Hands {@code name} to {@code question} (a method of the source) and publishes what it added,
     * unless everything is read or the name was asked before; whether it was asked now.
     */
    private boolean askOnce(Set<String> asked, String name, java.util.function.Consumer<String> question) {
        if (whole != null) return false;
        synchronized (lock) {
            if (whole != null || !asked.add(name)) return false;
            question.accept(name);
            publish();
            return true;
        }
    }

    private Whole whole() {
        Whole w = whole;
        if (w != null) return w;
        synchronized (lock) {
            if (whole == null) {
                source.addAll();
                publish();
                seal(source.exports());
            }
            return whole;
        }
    }

    /** Publishes what the builder gained since the last call. Under the lock. */
    private void publish() {
        TypeSystemBuilder b = builder;
        int from = published;
        int to = b.size();
        b.checkSealed(from, publishedFunctions, publishedVariables);
        if (to > from) {
            CType[] s = store;
            if (to > s.length) s = Arrays.copyOf(s, Math.max(to, s.length * 2));
            for (int id = from; id < to; id++) s[id] = b.get(id);
            store = s;
            published = to;
            for (int id = from; id < to; id++) {
                CType t = s[id];
                String n = nameOf(t);
                if (n != null) {
                    Integer old = named.get(n);
                    if (old == null) namedOrder.add(n);
                    // A complete definition wins over an opaque one of the same name.
                    if (old == null || !isComplete(s[old]) && isComplete(t)) named.put(n, id);
                }
                if (t instanceof EnumType e) {
                    for (Enumerator en : e.values()) constants.putIfAbsent(en.name(), new Constant(en.name(), en.value(), id));
                }
            }
        }
        for (FunctionDecl f : tail(b.functions(), publishedFunctions)) functions.putIfAbsent(f.name(), f);
        for (VariableDecl v : tail(b.variables(), publishedVariables)) variables.putIfAbsent(v.name(), v);
        for (UntypedSymbol u : tail(b.untyped(), publishedUntyped)) untyped.putIfAbsent(u.name(), u);
        for (Constant c : tail(b.constants(), publishedConstants)) constants.putIfAbsent(c.name(), c);
        for (OmittedMacro m : tail(b.omittedMacros(), publishedOmitted)) omittedMacros.putIfAbsent(m.name(), m);
        publishedFunctions = b.functions().size();
        publishedVariables = b.variables().size();
        publishedUntyped = b.untyped().size();
        publishedConstants = b.constants().size();
        publishedOmitted = b.omittedMacros().size();
    }

    private static <T> List<T> tail(List<T> list, int from) {
        return list.subList(from, list.size());
    }

    /**
     * Fixes the whole-library answers once everything is published: declarations in
     * {@code order} (symbol-table order; the builder's own order when null).
     */
    private void seal(List<String> order) {
        TypeSystemBuilder b = builder;
        var fs = new LinkedHashMap<String, FunctionDecl>();
        var vs = new LinkedHashMap<String, VariableDecl>();
        var us = new ArrayList<UntypedSymbol>();
        if (order == null) {
            for (FunctionDecl f : b.functions()) fs.putIfAbsent(f.name(), f);
            for (VariableDecl v : b.variables()) vs.putIfAbsent(v.name(), v);
            var seen = new HashSet<String>();
            for (UntypedSymbol u : b.untyped()) if (seen.add(u.name())) us.add(untyped.get(u.name()));
        } else {
            for (String n : order) {
                if (functions.containsKey(n)) fs.put(n, functions.get(n));
                if (variables.containsKey(n)) vs.put(n, variables.get(n));
                if (untyped.containsKey(n)) us.add(untyped.get(n));
            }
        }
        var ns = new LinkedHashMap<String, Integer>();
        for (String n : namedOrder) ns.put(n, named.get(n));
        var cs = new java.util.TreeMap<>(constants);
        var os = new java.util.TreeMap<>(omittedMacros);
        whole = new Whole(Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(store, published))),
                Collections.unmodifiableMap(fs), Collections.unmodifiableMap(vs), List.copyOf(us),
                Collections.unmodifiableMap(ns), Collections.unmodifiableMap(cs), Collections.unmodifiableMap(os));
        builder = null;
    }

    private static String nameOf(CType t) {
        if (t instanceof RecordType r) return r.tag() == null ? null : r.kind().keyword() + " " + r.tag();
        if (t instanceof EnumType e) return e.tag() == null ? null : "enum " + e.tag();
        if (t instanceof TypedefType td) return td.name();
        if (t instanceof ScalarType s) return s.name();
        return t instanceof VoidType ? "void" : null;
    }

    private static boolean isComplete(CType t) {
        if (t instanceof RecordType r) return r.complete();
        return !(t instanceof EnumType e) || e.complete();
    }
}
