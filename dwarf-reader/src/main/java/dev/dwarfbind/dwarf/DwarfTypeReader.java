package dev.dwarfbind.dwarf;

import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSource;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the C types of a library's exported functions and variables from its DWARF.
 *
 * <p>Making a reader parses unit headers only. A function is found through
 * {@code .debug_aranges} in the one unit that holds its code, indexed on its own; questions about
 * the whole library (names, declarations whose definition lives elsewhere, named types,
 * constants, variables) build the index of every unit once (one pass that skips most DIEs).
 * Converting then touches only the DIEs the selected exports reach. Reading one function of a
 * large library therefore costs one unit plus that function's types, not the whole type graph.
 *
 * <p>Thread-safe: conversions of one reader take turns (they share its lazily built name
 * maps); the {@link TypeSystem}s it returns are immutable or lazy and thread-safe.
 */
public final class DwarfTypeReader {
    private final Dwarf dw;
    /** The whole library's index: built on the first question that needs it (see {@link #index()}). */
    private DwarfIndex index;
    /** Indexes of single units, for functions found through {@code .debug_aranges}. */
    private final Map<Unit, DwarfIndex> unitIndexes = new HashMap<>();
    private Aranges aranges;
    private final Target target;
    private Map<String, List<DwarfIndex.Subprogram>> functionsByName;
    private Map<String, List<DwarfIndex.Variable>> variablesByName;
    private Map<String, List<Long>> declarationsByName;
    private final IndirectFunctions indirect;
    /** Whether every macro counts, not only the library's own (see {@link DwarfMacros}). */
    private final boolean allMacros;
    private Map<String, DwarfMacros.Outcome> macros;

    /**
     * A reader of {@code sections}: their unit headers are read now, the rest on demand.
     *
     * @throws dev.dwarfbind.binary.BinaryFormatException if the DWARF is malformed
     */
    public DwarfTypeReader(DwarfSections sections, Target target) {
        this(sections, target, false);
    }

    /**
     * A reader of {@code sections} whose constants include the macros of {@code .debug_macro}
     * and {@code .debug_macinfo}: those of the library's own files, or every one (system headers,
     * the compiler's predefined macros) if {@code allMacros} is set.
     *
     * @throws dev.dwarfbind.binary.BinaryFormatException if the DWARF is malformed
     */
    public DwarfTypeReader(DwarfSections sections, Target target, boolean allMacros) {
        this.dw = new Dwarf(sections);
        this.target = target;
        this.allMacros = allMacros;
        this.indirect = new IndirectFunctions(dw, this::index, this::chain, this::subprogramsNamed);
    }

    /** Whether the DWARF describes any function, variable or named type at all. */
    public synchronized boolean hasTypes() {
        DwarfIndex index = index();
        return !index.functions.isEmpty() || !index.variables.isEmpty() || !index.namedTypes.isEmpty();
    }

    /** Why each split-DWARF skeleton whose .dwo or .dwp unit was not found has no types. */
    public synchronized List<String> splitUnits() {
        return List.copyOf(index().splitUnits);
    }

    /** Number of compilation and partial units in {@code .debug_info}. */
    public int unitCount() {
        return dw.units().size();
    }

    /**
     * Builds a complete type system for the exports {@code wanted} accepts (by name), with every
     * named type and enum of the library too when {@code allNamedTypes} is set.
     */
    public synchronized TypeSystem read(List<Export> exports, Predicate<String> wanted, boolean allNamedTypes) {
        var builder = new TypeSystemBuilder(target);
        var source = new DwarfTypeSource(this, exports, builder);
        if (allNamedTypes) {
            source.addAll();
        } else {
            source.addExports(exports.stream().map(Export::name).filter(wanted).toList());
        }
        return builder.build();
    }

    /**
     * A source that fills {@code builder} on demand, for {@link TypeSystem#lazy}: each export,
     * named type or constant is converted when first asked for. Sources of one reader may be
     * used from several threads; they take turns.
     */
    public TypeSource source(List<Export> exports, TypeSystemBuilder builder) {
        return new DwarfTypeSource(this, exports, builder);
    }

    Dwarf dwarf() {
        return dw;
    }

    /** The macros of every unit, read and evaluated once on first use. */
    synchronized Map<String, DwarfMacros.Outcome> macros() {
        if (macros == null) macros = DwarfMacros.read(dw, target, allMacros);
        return macros;
    }

    /** The whole library's index, built once on first use. */
    synchronized DwarfIndex index() {
        if (index == null) index = DwarfIndex.build(dw);
        return index;
    }

    /**
     * The subprograms whose code starts at {@code address}: from the whole index once it exists,
     * else from the one unit {@code .debug_aranges} says holds that code (indexed on its own),
     * else from the whole index.
     */
    private List<DwarfIndex.Subprogram> functionsAt(long address) {
        if (index == null) {
            if (aranges == null) aranges = Aranges.read(dw.s.aranges());
            long offset = aranges.unitAt(address);
            Unit u = offset < 0 ? null : dw.unitAt(offset);
            if (u != null) {
                List<DwarfIndex.Subprogram> found = unitIndexes.computeIfAbsent(u, k -> DwarfIndex.ofUnit(dw, k))
                        .functionsByAddress.getOrDefault(address, List.of());
                if (!found.isEmpty()) return found;
            }
        }
        return index().functionsByAddress.getOrDefault(address, List.of());
    }

    void function(Export e, TypeConverter conv, TypeSystemBuilder builder) {
        UntypedSymbol.Kind kind = UntypedSymbol.Kind.FUNCTION;
        if (e.indirect()) {
            indirectFunction(e, conv, builder);
            return;
        }
        DwarfIndex.Subprogram sp = findFunction(e);
        if (sp == null) {
            DwarfIndex index = index();
            String reason = index.splitUnits.isEmpty()
                    ? "no debug info for this function (its unit was compiled without -g, or it is written in assembly)"
                    : "no debug info here; " + index.splitUnits.getFirst();
            builder.addUntyped(new UntypedSymbol(e.name(), kind, e.address(), e.size(), reason));
            return;
        }
        List<Die> chain = chain(dw.die(sp.key()));
        try {
            int type = conv.function(chain);
            String debugName = nameOf(chain);
            boolean noreturn = false;
            for (Die d : chain) noreturn |= d.flag(Attr.NORETURN);
            builder.addFunction(new FunctionDecl(e.name(), type, noreturn, e.address(), e.weak(), e.version(),
                    e.name().equals(debugName) ? null : debugName));
        } catch (UnsupportedTypeException ex) {
            builder.addUntyped(new UntypedSymbol(e.name(), kind, e.address(), e.size(), ex.getMessage()));
        }
    }

    private void indirectFunction(Export e, TypeConverter conv, TypeSystemBuilder builder) {
        try {
            IndirectFunctions.Typing t = indirect.type(e, conv);
            if (t.type() < 0) {
                builder.addUntyped(new UntypedSymbol(e.name(), UntypedSymbol.Kind.FUNCTION, e.address(), e.size(), t.reason()));
                return;
            }
            boolean noreturn = t.chain().stream().anyMatch(d -> d.flag(Attr.NORETURN));
            builder.addFunction(new FunctionDecl(e.name(), t.type(), noreturn, e.address(), e.weak(), e.version(), null));
        } catch (UnsupportedTypeException ex) {
            builder.addUntyped(new UntypedSymbol(e.name(), UntypedSymbol.Kind.FUNCTION, e.address(), e.size(), ex.getMessage()));
        }
    }

    /** The chains of the subprograms named {@code name}: definitions first, then declarations. */
    private List<List<Die>> subprogramsNamed(String name) {
        var out = new ArrayList<List<Die>>();
        for (DwarfIndex.Subprogram sp : functionsByName().getOrDefault(name, List.of())) out.add(chain(dw.die(sp.key())));
        for (long key : declarationsByName().getOrDefault(name, List.of())) out.add(chain(dw.die(key)));
        return out;
    }

    private synchronized Map<String, List<Long>> declarationsByName() {
        if (declarationsByName == null) {
            declarationsByName = new HashMap<>();
            for (long key : index().declarations) {
                for (String n : names(chain(dw.die(key)))) declarationsByName.computeIfAbsent(n, k -> new ArrayList<>(1)).add(key);
            }
        }
        return declarationsByName;
    }

    void variable(Export e, TypeConverter conv, TypeSystemBuilder builder) {
        UntypedSymbol.Kind kind = UntypedSymbol.Kind.VARIABLE;
        if (e.threadLocal()) {
            builder.addUntyped(new UntypedSymbol(e.name(), kind, e.address(), e.size(),
                    "thread-local variable: its address differs per thread and is not bindable as a global"));
            return;
        }
        DwarfIndex.Variable v = findVariable(e);
        if (v == null) {
            builder.addUntyped(new UntypedSymbol(e.name(), kind, e.address(), e.size(),
                    "no debug info for this variable (its unit was compiled without -g?)"));
            return;
        }
        List<Die> chain = chain(dw.die(v.key()));
        try {
            long typeKey = -1;
            for (Die d : chain) {
                if ((typeKey = dw.ref(d, Attr.TYPE)) >= 0) break;
            }
            if (typeKey < 0) throw dw.error(chain.getFirst(), "variable " + e.name() + " has no type");
            builder.addVariable(new VariableDecl(e.name(), conv.convert(typeKey), e.address(), e.version()));
        } catch (UnsupportedTypeException ex) {
            builder.addUntyped(new UntypedSymbol(e.name(), kind, e.address(), e.size(), ex.getMessage()));
        }
    }

    /**
     * The subprogram for an exported function: a DIE whose code starts at the symbol's address
     * and whose (linkage) name is the symbol's; else a DIE of that name; else, for an alias, the
     * DIE whose code is at the address; else none (no debug info).
     */
    private DwarfIndex.Subprogram findFunction(Export e) {
        List<DwarfIndex.Subprogram> atAddress = functionsAt(e.address());
        for (DwarfIndex.Subprogram sp : atAddress) {
            if (namesMatch(chain(dw.die(sp.key())), e.name())) return sp;
        }
        // By name: a DIE whose code was folded into another function's (gcc -fipa-icf) has no
        // address of its own but keeps its own signature.
        List<DwarfIndex.Subprogram> named = functionsByName().getOrDefault(e.name(), List.of());
        if (!named.isEmpty()) return named.getFirst();
        // An alias (__attribute__((alias))) has no DIE of its own: it shares the target's code.
        return atAddress.isEmpty() ? null : atAddress.getFirst();
    }

    private DwarfIndex.Variable findVariable(Export e) {
        List<DwarfIndex.Variable> atAddress = index().variablesByAddress.getOrDefault(e.address(), List.of());
        for (DwarfIndex.Variable v : atAddress) {
            if (namesMatch(chain(dw.die(v.key())), e.name())) return v;
        }
        List<DwarfIndex.Variable> named = variablesByName().getOrDefault(e.name(), List.of());
        if (!named.isEmpty()) return named.getFirst();
        return atAddress.isEmpty() ? null : atAddress.getFirst();
    }

    private boolean namesMatch(List<Die> chain, String symbol) {
        for (Die d : chain) {
            String linkage = dw.stringAttr(d, Attr.LINKAGE_NAME);
            if (linkage == null) linkage = dw.stringAttr(d, Attr.MIPS_LINKAGE_NAME);
            if (symbol.equals(linkage)) return true;
        }
        return symbol.equals(nameOf(chain));
    }

    private synchronized Map<String, List<DwarfIndex.Subprogram>> functionsByName() {
        if (functionsByName == null) {
            functionsByName = new HashMap<>();
            // Functions with code first, so a name match prefers a real definition.
            for (List<DwarfIndex.Subprogram> list : List.of(index().functions, index().codeless)) {
                for (DwarfIndex.Subprogram sp : list) {
                    List<Die> chain = chain(dw.die(sp.key()));
                    for (String n : names(chain)) functionsByName.computeIfAbsent(n, k -> new ArrayList<>(1)).add(sp);
                }
            }
        }
        return functionsByName;
    }

    private synchronized Map<String, List<DwarfIndex.Variable>> variablesByName() {
        if (variablesByName == null) {
            variablesByName = new HashMap<>();
            for (DwarfIndex.Variable v : index().variables) {
                List<Die> chain = chain(dw.die(v.key()));
                for (String n : names(chain)) variablesByName.computeIfAbsent(n, k -> new ArrayList<>(1)).add(v);
            }
        }
        return variablesByName;
    }

    private List<String> names(List<Die> chain) {
        var out = new ArrayList<String>(2);
        for (Die d : chain) {
            String linkage = dw.stringAttr(d, Attr.LINKAGE_NAME);
            if (linkage != null && !out.contains(linkage)) out.add(linkage);
        }
        String name = nameOf(chain);
        if (name != null && !out.contains(name)) out.add(name);
        return out;
    }

    private String nameOf(List<Die> chain) {
        for (Die d : chain) {
            String n = dw.name(d);
            if (n != null) return n;
        }
        return null;
    }

    /**
     * {@code d} followed by the DIEs it refers to through {@code DW_AT_abstract_origin} and
     * {@code DW_AT_specification}: gcc -O2 keeps the name and parameters of an out-of-line
     * instance on the abstract DIE, and a definition may complete an earlier declaration.
     */
    private List<Die> chain(Die d) {
        var out = new ArrayList<Die>(3);
        out.add(d);
        Die cur = d;
        for (int hops = 0; hops < 8; hops++) {
            long next = dw.ref(cur, Attr.ABSTRACT_ORIGIN);
            if (next < 0) next = dw.ref(cur, Attr.SPECIFICATION);
            if (next < 0) break;
            cur = dw.die(next);
            out.add(cur);
        }
        return out;
    }
}
