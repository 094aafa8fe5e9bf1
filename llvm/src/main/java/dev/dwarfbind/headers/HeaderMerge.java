package dev.dwarfbind.headers;

import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;

import java.util.ArrayList;
import java.util.List;

/**
 * A library that has debug info and headers: the debug info's types win (they are what was
 * compiled), and the headers add what it lacks — macros as constants, the parameter names of
 * functions the debug info only declares (a function pointer type, an export whose DWARF has no
 * names), and types for exports the debug info leaves untyped (a unit built without {@code -g}).
 */
public final class HeaderMerge {
    private HeaderMerge() {
    }

    /** {@code dwarf} (complete) with what {@code headers} adds. */
    public static TypeSystem merge(TypeSystem dwarf, TypeSystem headers) {
        TypeSystemBuilder b = new TypeSystemBuilder(dwarf.target());
        List<CType> types = dwarf.types();
        // Ids are kept: each is reserved in order, then defined.
        for (int i = 0; i < types.size(); i++) b.reserve(new DwarfId(i));
        for (int i = 0; i < types.size(); i++) b.define(i, types.get(i));
        for (FunctionDecl f : dwarf.functions().values()) {
            var h = headers.function(f.name());
            b.addFunction(h.isEmpty() ? f : withNames(b, dwarf, f, headers.signature(h.get())));
        }
        for (VariableDecl v : dwarf.variables().values()) b.addVariable(v);
        // Exports the debug info cannot type but the headers declare are typed from the headers.
        var copier = new TypeCopier(headers, b);
        for (UntypedSymbol u : dwarf.untyped()) {
            var hf = headers.function(u.name());
            var hv = headers.variable(u.name());
            if (hf.isPresent()) {
                FunctionDecl f = hf.get();
                b.addFunction(new FunctionDecl(u.name(), copier.copy(f.type()), f.noreturn(), u.address(), f.weak(), f.version(), f.debugName()));
            } else if (hv.isPresent()) {
                b.addVariable(new VariableDecl(u.name(), copier.copy(hv.get().type()), u.address(), hv.get().version()));
            } else {
                b.addUntyped(u);
            }
        }
        for (Constant c : dwarf.constants().values()) {
            if (c.type() == TypeSystem.NO_TYPE || !(dwarf.type(c.type()) instanceof dev.dwarfbind.types.EnumType)) b.addConstant(c);
        }
        for (Constant c : headers.constants().values()) {
            if (dwarf.constant(c.name()).isPresent()) continue;
            int type = c.type() == TypeSystem.NO_TYPE || headers.type(c.type()) instanceof dev.dwarfbind.types.EnumType
                    ? TypeSystem.NO_TYPE : copier.copy(c.type());
            b.addConstant(new Constant(c.name(), c.value(), type));
        }
        return b.build();
    }

    private static FunctionDecl withNames(TypeSystemBuilder b, TypeSystem dwarf, FunctionDecl f, FunctionType header) {
        FunctionType d = dwarf.signature(f);
        if (d.parameters().size() != header.parameters().size()) return f;
        List<Parameter> params = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < d.parameters().size(); i++) {
            Parameter p = d.parameters().get(i);
            String n = p.name() != null ? p.name() : header.parameters().get(i).name();
            changed |= n != null && p.name() == null;
            params.add(new Parameter(n, p.type()));
        }
        if (!changed) return f;
        int type = b.add(new FunctionType(d.returnType(), params, d.variadic(), d.prototyped(), d.convention()));
        return new FunctionDecl(f.name(), type, f.noreturn(), f.address(), f.weak(), f.version(), f.debugName());
    }

    /** The key reserving a debug-info type's own id. */
    private record DwarfId(int id) {
    }
}
