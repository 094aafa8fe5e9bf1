package dev.dwarfbind.testing;

import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a type system with its ids renumbered in the order a depth-first walk from the
 * exported functions and variables, taken by name, first reaches them, and declarations sorted
 * by name. Two readings of the same library whose
 * DIEs come in another order (a full build and one trimmed by the lightdwarf pass) number their
 * types differently; this form is equal exactly when the type graphs are the same.
 */
public final class CanonicalTypes {
    private CanonicalTypes() {
    }

    public static String json(TypeSystem ts) {
        return json(ts, java.util.Set.of());
    }

    /**
     * Like {@link #json(TypeSystem)}, with the tagged records named in {@code opaque} (as
     * {@code "struct tag"}) made incomplete, and only what the exports reach kept.
     */
    public static String json(TypeSystem ts, java.util.Set<String> opaque) {
        return json(ts, opaque, opaque.isEmpty());
    }

    /**
     * Like {@link #json(TypeSystem)}, keeping only what the exports reach: for two readers of
     * which one also lists types nothing reaches (the DWARF reader's {@code void}).
     */
    public static String reachableJson(TypeSystem ts) {
        return json(ts, java.util.Set.of(), false);
    }

    private static String json(TypeSystem ts, java.util.Set<String> opaque, boolean unreachableToo) {
        if (!opaque.isEmpty()) ts = withOpaque(ts, opaque);
        var order = new ArrayList<Integer>();
        var newId = new HashMap<Integer, Integer>();
        // By name, not symbol-table order: two builds may order their symbols differently.
        List<FunctionDecl> functions = ts.functions().values().stream().sorted(java.util.Comparator.comparing(FunctionDecl::name)).toList();
        List<VariableDecl> variables = ts.variables().values().stream().sorted(java.util.Comparator.comparing(VariableDecl::name)).toList();
        List<UntypedSymbol> untyped = ts.untyped().stream().sorted(java.util.Comparator.comparing(UntypedSymbol::name)).toList();
        for (FunctionDecl f : functions) visit(ts, f.type(), order, newId);
        for (VariableDecl v : variables) visit(ts, v.type(), order, newId);
        if (unreachableToo) {
            // The unreachable rest: named types by name, so that DIE order (which dwz changes) does not matter.
            for (var e : new java.util.TreeMap<>(ts.namedTypes()).entrySet()) visit(ts, e.getValue(), order, newId);
            for (int id = 0; id < ts.types().size(); id++) visit(ts, id, order, newId);
        }
        var b = new TypeSystemBuilder(ts.target());
        for (int i = 0; i < order.size(); i++) b.reserve(i);
        for (int i = 0; i < order.size(); i++) b.define(i, renumber(ts.type(order.get(i)), newId));
        for (FunctionDecl f : functions) {
            b.addFunction(new FunctionDecl(f.name(), newId.get(f.type()), f.noreturn(), f.address(), f.weak(), f.version(),
                    f.debugName()));
        }
        for (VariableDecl v : variables) {
            b.addVariable(new VariableDecl(v.name(), newId.get(v.type()), v.address(), v.version()));
        }
        for (UntypedSymbol u : untyped) b.addUntyped(u);
        return TypeSystemJson.toJson(b.build());
    }

    /** Tags of records complete in {@code full} but only declared in {@code light}. */
    public static java.util.Set<String> completedOnlyIn(TypeSystem full, TypeSystem light) {
        var out = new java.util.TreeSet<String>();
        for (var e : light.namedTypes().entrySet()) {
            if (light.type(e.getValue()) instanceof RecordType r && !r.complete()) {
                var f = full.typeNamed(e.getKey());
                if (f.isPresent() && full.type(f.getAsInt()) instanceof RecordType fr && fr.complete()) out.add(e.getKey());
            }
        }
        return out;
    }

    private static TypeSystem withOpaque(TypeSystem ts, java.util.Set<String> opaque) {
        var b = new TypeSystemBuilder(ts.target());
        for (int i = 0; i < ts.types().size(); i++) b.reserve(i);
        for (int i = 0; i < ts.types().size(); i++) {
            CType t = ts.type(i);
            if (t instanceof RecordType r && r.tag() != null && opaque.contains(r.kind().keyword() + " " + r.tag())) {
                t = RecordType.opaque(r.kind(), r.tag());
            }
            b.define(i, t);
        }
        ts.functions().values().forEach(b::addFunction);
        ts.variables().values().forEach(b::addVariable);
        ts.untyped().forEach(b::addUntyped);
        return b.build();
    }

    private static void visit(TypeSystem ts, int id, List<Integer> order, Map<Integer, Integer> newId) {
        var stack = new ArrayList<Integer>();
        stack.add(id);
        while (!stack.isEmpty()) {
            int t = stack.removeLast();
            if (t == TypeSystem.NO_TYPE || newId.containsKey(t)) continue;
            newId.put(t, order.size());
            order.add(t);
            var refs = new ArrayList<Integer>();
            TypeSystemBuilder.forEachReference(ts.type(t), refs::add);
            for (int i = refs.size() - 1; i >= 0; i--) stack.add(refs.get(i));
        }
    }

    /** {@code t} with the ids it refers to mapped by {@code m} (every one must be mapped). */
    public static CType renumbered(CType t, Map<Integer, Integer> m) {
        return renumber(t, m);
    }

    private static CType renumber(CType t, Map<Integer, Integer> m) {
        return switch (t) {
            case PointerType p -> new PointerType(m.get(p.pointee()), p.byteSize());
            case QualifiedType q -> new QualifiedType(q.qualifiers(), m.get(q.type()));
            case ArrayType a -> new ArrayType(m.get(a.element()), a.count());
            case TypedefType td -> new TypedefType(td.name(), m.get(td.target()));
            case EnumType e -> new EnumType(e.tag(), e.underlying() == TypeSystem.NO_TYPE ? TypeSystem.NO_TYPE : m.get(e.underlying()),
                    e.byteSize(), e.alignment(), e.signed(), e.values(), e.complete());
            case RecordType r -> new RecordType(r.kind(), r.tag(), r.byteSize(), r.alignment(),
                    r.fields().stream().map(f -> new Field(f.name(), m.get(f.type()), f.bitOffset(), f.bitSize())).toList(),
                    r.complete(), r.packed());
            case FunctionType f -> new FunctionType(m.get(f.returnType()),
                    f.parameters().stream().map(p -> new Parameter(p.name(), m.get(p.type()))).toList(),
                    f.variadic(), f.prototyped(), f.convention());
            default -> t;
        };
    }
}
