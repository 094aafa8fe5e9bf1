package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.TypeSource;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;

/**
 * Types a PE image's exports from its PDB, on demand (a {@link TypeSource}). An export is matched
 * to the function or variable symbol at its address, else to one of its name (undecorated: i386
 * {@code _f@8}, {@code @f@8} and {@code f@@16} name {@code f}); a function's type is its
 * {@code LF_PROCEDURE} (through the IPI stream's {@code LF_FUNC_ID} for {@code S_GPROC32_ID}),
 * with the parameter names its symbols give. Named types are the TPI stream's complete structs,
 * unions and enums, and the typedefs its {@code S_UDT} symbols name. Not thread-safe; the lazy
 * type system serialises calls.
 */
public final class PdbTypeSource implements TypeSource {
    private static final int LF_FUNC_ID = 0x1601;
    private static final int LF_MFUNC_ID = 0x1602;

    private final TypeStream tpi;
    private final TypeStream ipi;
    private final SymbolIndex symbols;
    private final TypeSystemBuilder b;
    private final CodeViewConverter converter;
    private final Map<String, Export> exports = new HashMap<>();
    private final List<String> names;
    private final long imageBase;
    private boolean allEnums;

    /**
     * Reads the PDB's type, id, DBI and symbol streams (one pass over each) for the exports of
     * an image loaded at {@code imageBase}.
     *
     * @param address maps a symbol's (section number from 1, offset) to an RVA, or -1
     */
    public PdbTypeSource(MsfFile msf, List<Export> exports, long imageBase, LongBinaryOperator address, TypeSystemBuilder builder) {
        this.tpi = TypeStream.read(msf, TypeStream.TPI);
        this.ipi = msf.streamCount() > TypeStream.IPI && msf.stream(TypeStream.IPI, "IPI stream").size() > 0
                ? TypeStream.read(msf, TypeStream.IPI) : null;
        this.symbols = new SymbolIndex(msf, DbiStream.read(msf), address);
        this.b = builder;
        this.converter = new CodeViewConverter(tpi, builder);
        this.imageBase = imageBase;
        for (Export e : exports) this.exports.putIfAbsent(e.name(), e);
        this.names = exports.stream().map(Export::name).distinct().toList();
    }

    @Override
    public List<String> exports() {
        return names;
    }

    @Override
    public void addExport(String name) {
        Export e = exports.get(name);
        if (e == null) return;
        long rva = e.address() - imageBase;
        try {
            if (e.function()) addFunction(e, rva);
            else addVariable(e, rva);
        } catch (UnsupportedCodeViewException x) {
            untyped(e, x.getMessage());
        } finally {
            converter.finish();
        }
    }

    private void addFunction(Export e, long rva) {
        ProcSymbol proc = symbols.procsByRva.get(rva);
        if (proc == null) proc = symbols.procsByName.get(e.name());
        if (proc == null) proc = symbols.procsByName.get(undecorate(e.name()));
        if (proc == null && symbols.publicsByRva.containsKey(rva)) proc = symbols.procsByName.get(undecorate(symbols.publicsByRva.get(rva)));
        if (proc == null) {
            untyped(e, "no function symbol in the PDB at this address (its object was built without debug info, or it is assembly)");
            return;
        }
        long type = proc.type();
        if (proc.idIndex()) {
            if (ipi == null || !ipi.contains(type)) throw tpi.bytes().error(-1, "function " + proc.name() + " names id 0x" + Long.toHexString(type) + ", which the IPI stream lacks");
            int kind = ipi.kind(type);
            if (kind != LF_FUNC_ID && kind != LF_MFUNC_ID) {
                throw ipi.bytes().error(ipi.offset(type), "id 0x" + Long.toHexString(type) + " of function " + proc.name() + " is not an LF_FUNC_ID");
            }
            type = ipi.payload(type).u32(4);
        }
        if (!tpi.contains(type) || tpi.kind(type) != CodeViewConverter.LF_PROCEDURE) {
            untyped(e, "its type 0x" + Long.toHexString(type) + " is not a C function type (LF_PROCEDURE)");
            return;
        }
        int id = converter.procedure(tpi.payload(type), proc.parameters());
        b.addFunction(new FunctionDecl(e.name(), id, proc.noreturn(), e.address(), false, null,
                proc.name().equals(e.name()) ? null : proc.name()));
    }

    private void addVariable(Export e, long rva) {
        DataSymbol d = symbols.dataByRva.get(rva);
        if (d == null) d = symbols.dataByName.get(e.name());
        if (d == null) d = symbols.dataByName.get(undecorate(e.name()));
        if (d == null) {
            untyped(e, "no variable symbol in the PDB at this address");
            return;
        }
        b.addVariable(new VariableDecl(e.name(), converter.convert(d.type()), e.address(), null));
    }

    private void untyped(Export e, String reason) {
        b.addUntyped(new UntypedSymbol(e.name(), e.function() ? UntypedSymbol.Kind.FUNCTION : UntypedSymbol.Kind.VARIABLE,
                e.address(), e.size(), reason));
    }

    /**
     * The C name under an i386 decoration: {@code _f} (cdecl), {@code _f@8} (stdcall),
     * {@code @f@8} (fastcall), {@code f@@16} (vectorcall). Other names are returned as they are.
     */
    public static String undecorate(String name) {
        String n = name;
        int at = n.indexOf("@@");
        if (at > 0 && n.substring(at + 2).chars().allMatch(Character::isDigit) && at + 2 < n.length()) return n.substring(0, at);
        int last = n.lastIndexOf('@');
        if (last > 0 && last + 1 < n.length() && n.substring(last + 1).chars().allMatch(Character::isDigit)) {
            n = n.substring(0, last);
            if (n.startsWith("_") || n.startsWith("@")) n = n.substring(1);
            return n;
        }
        return n.startsWith("_") ? n.substring(1) : n;
    }

    @Override
    public void addNamedType(String name) {
        try {
            if (name.startsWith("struct ") || name.startsWith("union ") || name.startsWith("enum ")) {
                for (long i = tpi.first(); i < tpi.end(); i++) {
                    if (named(i) && name.equals(keyword(tpi.kind(i)) + " " + typeName(i))) converter.convert(i);
                }
            } else {
                Long t = symbols.typedefs.get(name);
                if (t != null) b.add(new TypedefType(name, converter.convert(t)));
            }
        } catch (UnsupportedCodeViewException ignored) {
            // A named type beyond what dwarfbind converts is simply not there.
        } finally {
            converter.finish();
        }
    }

    @Override
    public void addConstant(String name) {
        if (allEnums) return;
        allEnums = true;
        for (long i = tpi.first(); i < tpi.end(); i++) {
            if (tpi.kind(i) == CodeViewConverter.LF_ENUM && named(i)) convertQuietly(i);
        }
        converter.finish();
    }

    @Override
    public void addAll() {
        for (String n : names) addExport(n);
        for (long i = tpi.first(); i < tpi.end(); i++) {
            if (named(i)) convertQuietly(i);
        }
        for (var t : symbols.typedefs.entrySet()) {
            try {
                // Typedefs of compiler internals (va_list's __builtin_va_list, ...) are kept too: C sees them.
                b.add(new TypedefType(t.getKey(), converter.convert(t.getValue())));
            } catch (UnsupportedCodeViewException ignored) {
                // As for named types: one dwarfbind cannot convert is left out.
            }
        }
        allEnums = true;
        converter.finish();
    }

    private void convertQuietly(long i) {
        try {
            converter.convert(i);
        } catch (UnsupportedCodeViewException ignored) {
            // Left out of the whole-library view; an export needing it says why.
        }
    }

    /** Whether TPI record {@code i} is a complete struct, union or enum. */
    private boolean named(long i) {
        int kind = tpi.kind(i);
        if (kind != CodeViewConverter.LF_STRUCTURE && kind != CodeViewConverter.LF_UNION && kind != CodeViewConverter.LF_ENUM) return false;
        return (tpi.payload(i).u16(2) & 0x80) == 0 && CodeViewConverter.tag(typeName(i)) != null;
    }

    private String typeName(long i) {
        int kind = tpi.kind(i);
        Bytes p = tpi.payload(i);
        if (kind == CodeViewConverter.LF_ENUM) return p.cString(12);
        long at = kind == CodeViewConverter.LF_UNION ? 8 : 16;
        return p.cString(at + Numeric.read(p, at).length());
    }

    private static String keyword(int kind) {
        return kind == CodeViewConverter.LF_UNION ? "union" : kind == CodeViewConverter.LF_ENUM ? "enum" : "struct";
    }
}
