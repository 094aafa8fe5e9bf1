package dev.dwarfbind.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * Collects types and declarations and seals them into a {@link TypeSystem}. Not thread-safe: one
 * reader fills one builder.
 *
 * <p>Types without identity of their own (scalars, pointers, arrays, qualified types, function
 * types, anonymous records) are interned by value: adding an equal type twice yields one id.
 * Types that may be recursive (tagged structs, unions and enums) are first {@link #reserve
 * reserved} under a key the reader chooses, then {@link #define defined} once their members are
 * known; a reader unifies such types across compilation units by choosing equal keys.
 *
 * <p>Derived types (pointers, arrays, qualified types, typedefs, function types) nest at most
 * {@link #MAX_NESTING} deep, counting from a type that is not derived (a scalar, record or enum
 * counts 1): every consumer that walks a type (the C printer, layouts, the loader) may then recurse
 * over it without exhausting the stack. Records do not add to the nesting, since their members are
 * laid out and printed one record at a time.
 */
public final class TypeSystemBuilder {
    /** How deep derived types may nest: {@code int *[2][3]} nests 4 deep. */
    public static final int MAX_NESTING = 512;

    private final Target target;
    private final List<CType> types = new ArrayList<>();
    private final Map<CType, Integer> interned = new HashMap<>();
    private final Map<Object, Integer> keyed = new HashMap<>();
    private final List<FunctionDecl> functions = new ArrayList<>();
    private final List<VariableDecl> variables = new ArrayList<>();
    private final List<UntypedSymbol> untyped = new ArrayList<>();
    private final List<Constant> constants = new ArrayList<>();
    private final List<OmittedMacro> omittedMacros = new ArrayList<>();
    /** Per id: how deep it nests, as far as known when it was added or defined. */
    private int[] nesting = new int[64];

    /** A builder for a library built for {@code target}. */
    public TypeSystemBuilder(Target target) {
        this.target = target;
    }

    /** The target the types are for. */
    public Target target() {
        return target;
    }

    /**
     * The id of {@code type}, adding it if no equal type is present.
     *
     * @throws IllegalArgumentException if it refers to an id that does not exist, or would nest
     *                                  deeper than {@link #MAX_NESTING}
     */
    public int add(CType type) {
        Integer id = interned.get(type);
        if (id != null) return id;
        checkReferences(type);
        int depth = nestingOf(type);
        if (depth > MAX_NESTING) {
            throw new IllegalArgumentException("type nests " + depth + " deep, more than the " + MAX_NESTING + " supported: " + type);
        }
        types.add(type);
        int newId = types.size() - 1;
        interned.put(type, newId);
        setNesting(newId, depth);
        return newId;
    }

    /**
     * How deep {@code type} nests given the types added so far: 1 for a type that is not derived
     * (or only reserved), else one more than what it refers to.
     */
    public int nestingOf(CType type) {
        int[] deepest = {0};
        if (type instanceof PointerType p) deepest[0] = nesting(p.pointee());
        else if (type instanceof QualifiedType q) deepest[0] = nesting(q.type());
        else if (type instanceof ArrayType a) deepest[0] = nesting(a.element());
        else if (type instanceof TypedefType td) deepest[0] = nesting(td.target());
        else if (type instanceof FunctionType f) forEachReference(f, ref -> deepest[0] = Math.max(deepest[0], nesting(ref)));
        return deepest[0] + 1;
    }

    private int nesting(int id) {
        return id < 0 || id >= types.size() || types.get(id) == null ? 1 : nesting[id];
    }

    private void setNesting(int id, int depth) {
        if (id >= nesting.length) nesting = java.util.Arrays.copyOf(nesting, Math.max(id + 1, nesting.length * 2));
        nesting[id] = depth;
    }

    /** The id reserved under {@code key}, if any. */
    public OptionalInt lookup(Object key) {
        Integer id = keyed.get(key);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * Reserves an id under {@code key} for a type to be {@link #define defined} later, or returns
     * the id already reserved under that key.
     */
    public int reserve(Object key) {
        Integer id = keyed.get(key);
        if (id != null) return id;
        types.add(null);
        int newId = types.size() - 1;
        keyed.put(key, newId);
        setNesting(newId, 1);
        return newId;
    }

    /** Whether a reserved id has been defined yet. */
    public boolean isDefined(int id) {
        return types.get(id) != null;
    }

    /** Gives a reserved id its type. An id is defined once; defining it again is an error. */
    public void define(int id, CType type) {
        if (types.get(id) != null) throw new IllegalStateException("type " + id + " is already defined");
        checkReferences(type);
        types.set(id, type);
        interned.putIfAbsent(type, id);
        setNesting(id, nestingOf(type));
    }

    /** The type defined under {@code id}, or {@code null} if only reserved. */
    public CType get(int id) {
        return types.get(id);
    }

    /**
     * Size in bytes of type {@code id} as far as it is defined: a reserved record not yet defined
     * counts as empty, a function type as 0, and an overflowing size saturates.
     */
    public long sizeOf(int id) {
        return Layout.sizeOf(types::get, id, true);
    }

    /** Alignment in bytes of type {@code id} as far as it is defined (1 for a reserved record). */
    public int alignOf(int id) {
        return Layout.alignOf(types::get, target, id);
    }

    /** Number of ids handed out so far. */
    public int size() {
        return types.size();
    }

    /** Records an exported function. */
    public void addFunction(FunctionDecl f) {
        functions.add(f);
    }

    /** Records an exported variable. */
    public void addVariable(VariableDecl v) {
        variables.add(v);
    }

    /** Records an exported symbol that has no type. */
    public void addUntyped(UntypedSymbol s) {
        untyped.add(s);
    }

    /**
     * Records a named constant that is not an enumerator (enumerators of every enum type added
     * become constants by themselves), e.g. a macro whose body is a literal.
     */
    public void addConstant(Constant c) {
        constants.add(c);
    }

    /** Records a macro of the library that is not a constant, with the reason. */
    public void addOmittedMacro(OmittedMacro m) {
        omittedMacros.add(m);
    }

    /**
     * Seals the builder into a complete type system. Every reserved id must be defined, every
     * reference must name a type, and no type may nest deeper than {@link #MAX_NESTING}. The
     * builder may be reused afterwards; the type system keeps a copy of what it holds now.
     *
     * @throws IllegalStateException if an id is reserved but not defined, or a declaration's type
     *                               is wrong
     * @throws IllegalArgumentException if a type nests too deep (possible only when derived types
     *                                  were {@link #define defined} before what they refer to) or
     *                                  an array's size overflows a {@code long}
     */
    public TypeSystem build() {
        return TypeSystem.complete(this);
    }

    // Read by TypeSystem when it publishes what a builder holds.

    List<FunctionDecl> functions() {
        return functions;
    }

    List<VariableDecl> variables() {
        return variables;
    }

    List<UntypedSymbol> untyped() {
        return untyped;
    }

    List<Constant> constants() {
        return constants;
    }

    List<OmittedMacro> omittedMacros() {
        return omittedMacros;
    }

    /** Checks that ids {@code from..size()} are defined and declarations added since name real types. */
    void checkSealed(int fromType, int fromFunction, int fromVariable) {
        for (int id = fromType; id < types.size(); id++) {
            if (types.get(id) == null) throw new IllegalStateException("type " + id + " was reserved but never defined");
        }
        // Derived types defined before what they refer to (a JSON document) are checked whole,
        // once; later additions were checked as they were added.
        if (fromType == 0) NestingCheck.check(types, MAX_NESTING);
        for (int id = fromType; id < types.size(); id++) {
            if (!(types.get(id) instanceof ArrayType)) continue;
            try {
                Layout.sizeOf(types::get, id, false);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("array type " + id + " is larger than " + Long.MAX_VALUE + " bytes");
            }
        }
        for (FunctionDecl f : functions.subList(fromFunction, functions.size())) {
            CType t = f.type() >= 0 && f.type() < types.size() ? types.get(f.type()) : null;
            for (int hops = 0; t instanceof TypedefType td && td.target() >= 0 && td.target() < types.size() && hops < types.size(); hops++) {
                t = types.get(td.target());
            }
            if (!(t instanceof FunctionType)) {
                throw new IllegalStateException("function " + f.name() + " has type id " + f.type() + ", which is not a function type");
            }
        }
        for (VariableDecl v : variables.subList(fromVariable, variables.size())) {
            if (v.type() < 0 || v.type() >= types.size()) {
                throw new IllegalStateException("variable " + v.name() + " has type id " + v.type() + ", which does not exist");
            }
        }
    }

    private void checkReferences(CType type) {
        forEachReference(type, ref -> {
            if (ref != TypeSystem.NO_TYPE && (ref < 0 || ref >= types.size())) {
                throw new IllegalArgumentException("type refers to id " + ref + ", which does not exist: " + type);
            }
        });
    }

    /** Calls {@code action} with the id of every type {@code type} refers to directly. */
    public static void forEachReference(CType type, IntConsumer action) {
        // void and scalars refer to nothing.
        if (type instanceof PointerType p) {
            action.accept(p.pointee());
        } else if (type instanceof QualifiedType q) {
            action.accept(q.type());
        } else if (type instanceof ArrayType a) {
            action.accept(a.element());
        } else if (type instanceof TypedefType td) {
            action.accept(td.target());
        } else if (type instanceof EnumType e) {
            if (e.underlying() != TypeSystem.NO_TYPE) action.accept(e.underlying());
        } else if (type instanceof RecordType r) {
            for (Field f : r.fields()) action.accept(f.type());
        } else if (type instanceof FunctionType f) {
            action.accept(f.returnType());
            for (Parameter p : f.parameters()) action.accept(p.type());
        }
    }
}
