package dev.dwarfbind.cprint;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VariableDecl;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a whole type system as one C translation unit.
 *
 * <p>The order is what C requires: first a forward declaration of every tagged struct and union,
 * so that pointers to them may appear anywhere; then the enums, which depend on nothing; then the
 * struct, union and typedef definitions, each after everything it needs — a typedef must be
 * declared before its name is used at all, a record before it is used by value or as an array
 * element, while a pointer needs only the forward declaration; finally the variables and functions.
 */
final class HeaderWriter {
    private final TypeSystem ts;
    private final CNames names;

    HeaderWriter(CNames names) {
        this.ts = names.typeSystem();
        this.names = names;
    }

    void write(Appendable out) throws IOException {
        out.append("/* C declarations of a ").append(ts.target().os()).append('/').append(ts.target().arch())
                .append(" library, printed by dwarfbind from its debug info. */\n");
        List<CType> types = ts.types();

        var section = new ArrayList<String>();
        for (int id = 0; id < types.size(); id++) {
            if (names.canonical(id) != id || names.tag(id) == null) continue;
            CType t = types.get(id);
            if (t instanceof RecordType r) {
                section.add(r.kind().keyword() + " " + names.tag(id) + ";");
            } else if (t instanceof EnumType e && !e.complete()) {
                // Forward-declared enums are a GNU extension, needed only for enums never defined.
                section.add("enum " + names.tag(id) + ";");
            }
        }
        emit(out, section, false);

        section.clear();
        for (int id = 0; id < types.size(); id++) {
            if (types.get(id) instanceof EnumType e && e.complete() && names.canonical(id) == id && names.tag(id) != null) {
                section.add(new DeclaratorWriter(names).definition(id));
            }
        }
        for (int id : names.freeEnums()) section.add(new DeclaratorWriter(names).definition(id));
        emit(out, section, true);

        section.clear();
        for (Constant c : ts.constants().values()) if (MacroDefines.isMacro(ts, c)) section.add(MacroDefines.define(ts, c));
        emit(out, section, false);

        section.clear();
        for (int id : definitionOrder()) section.add(new DeclaratorWriter(names).definition(id));
        emit(out, section, true);

        section.clear();
        for (VariableDecl v : ts.variables().values()) section.add(new DeclaratorWriter(names).variableDeclaration(v));
        emit(out, section, false);

        section.clear();
        for (FunctionDecl f : ts.functions().values()) section.add(new DeclaratorWriter(names).functionDeclaration(f));
        emit(out, section, false);
    }

    /** A section, separated from the previous one by a blank line; multi-line items get one between them too. */
    private static void emit(Appendable out, List<String> items, boolean spacious) throws IOException {
        if (items.isEmpty()) return;
        out.append('\n');
        boolean previousMultiline = false;
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            boolean multiline = item.indexOf('\n') >= 0;
            if (i > 0 && spacious && (multiline || previousMultiline)) out.append('\n');
            out.append(item).append('\n');
            previousMultiline = multiline;
        }
    }

    /**
     * The records and typedefs to define, each after its dependencies: a depth-first walk that
     * emits a definition once everything it needs is out. A cycle of by-value needs cannot be
     * written in C at all; the walk then simply carries on, and the compiler will say so.
     */
    private List<Integer> definitionOrder() {
        List<CType> types = ts.types();
        var units = new ArrayList<Integer>();
        for (int id = 0; id < types.size(); id++) {
            if (names.canonical(id) != id) continue;
            CType t = types.get(id);
            boolean defined = t instanceof RecordType r ? r.complete() && names.tag(id) != null
                    : t instanceof TypedefType && !names.isBuiltin(id);
            if (defined) units.add(id);
        }
        var order = new ArrayList<Integer>(units.size());
        var done = new HashSet<Integer>();
        var active = new HashSet<Integer>();
        for (int unit : units) visit(unit, done, active, order);
        return order;
    }

    /**
     * Emits {@code unit} after its dependencies, depth first. Records may hold records by value
     * thousands deep, so the walk keeps its own stack rather than recursing.
     */
    private void visit(int unit, Set<Integer> done, Set<Integer> active, List<Integer> order) {
        if (done.contains(unit) || !active.add(unit)) return;
        var stack = new ArrayDeque<Map.Entry<Integer, Iterator<Integer>>>();
        stack.push(Map.entry(unit, dependencies(unit).iterator()));
        while (!stack.isEmpty()) {
            var top = stack.peek();
            Iterator<Integer> pending = top.getValue();
            if (pending.hasNext()) {
                int dependency = pending.next();
                if (!done.contains(dependency) && active.add(dependency)) {
                    stack.push(Map.entry(dependency, dependencies(dependency).iterator()));
                }
                continue;
            }
            stack.pop();
            int finished = top.getKey();
            active.remove(finished);
            done.add(finished);
            order.add(finished);
        }
    }

    /** The definitions that must precede {@code unit}'s, in the order its text mentions them. */
    private Set<Integer> dependencies(int unit) {
        var out = new LinkedHashSet<Integer>();
        var inline = new HashSet<Integer>();
        CType t = ts.type(unit);
        if (t instanceof RecordType r) {
            for (Field f : r.fields()) collect(f.type(), true, out, inline);
        } else if (t instanceof TypedefType td) {
            collect(td.target(), false, out, inline);
        }
        return out;
    }

    /**
     * Adds the definitions a use of type {@code id} needs; {@code complete} when the use needs the
     * type complete (by value, as an array element) rather than merely declared (behind a pointer,
     * in a prototype).
     */
    private void collect(int id, boolean complete, Set<Integer> out, Set<Integer> inline) {
        CType t = ts.type(id);
        if (t instanceof TypedefType td) {
            if (!names.isBuiltin(id)) out.add(names.canonical(id));
            if (complete) collect(td.target(), true, out, inline);
        } else if (t instanceof RecordType r) {
            if (names.tag(id) != null) {
                int definition = names.canonical(id);
                if (complete && ts.type(definition) instanceof RecordType d && d.complete()) out.add(definition);
            } else if (inline.add(id)) {
                // An anonymous record is written out where it is used, so its needs become the user's.
                for (Field f : r.fields()) collect(f.type(), true, out, inline);
            }
        } else if (t instanceof PointerType p) {
            collect(p.pointee(), false, out, inline);
        } else if (t instanceof QualifiedType q) {
            collect(q.type(), complete, out, inline);
        } else if (t instanceof ArrayType a) {
            collect(a.element(), true, out, inline);
        } else if (t instanceof FunctionType f) {
            collect(f.returnType(), false, out, inline);
            for (Parameter p : f.parameters()) collect(p.type(), false, out, inline);
        }
    }
}
