package dev.dwarfbind.llvm.debuginfo;

import dev.dwarfbind.llvm.Toolchain;
import dev.dwarfbind.llvm.c.LibLlvm;
import dev.dwarfbind.llvm.c.LibLlvmIr;
import dev.dwarfbind.llvm.jit.LlvmException;
import dev.dwarfbind.llvm.jit.ModuleParser;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The type system of an LLVM module compiled with debug info ({@code clang -g -emit-llvm}), read from its
 * debug metadata through the LLVM C API, as DragonFFI types a module: what the DWARF reader gives for the
 * shared library the same module would link into, without the backend, the linker or a file.
 *
 * <p>The exports are the module's definitions a shared library would export: functions and variables of
 * external, weak, link-once or common linkage and default or protected visibility. The named types are
 * every typedef, tagged struct, union and enum (and untagged enum) reachable from the compile unit, the
 * functions, the instructions' locations and the debug-variable records: the nodes the DWARF writer
 * would emit a DIE for. What cannot be known without linking is left out: addresses (0), symbol
 * versions, and indirect functions.
 *
 * @param types            the module's exports and named types
 * @param undefinedSymbols the functions and variables the module uses but does not define (not weak ones,
 *                         nor LLVM's intrinsics): what a JIT must find elsewhere to link it
 */
public record ModuleTypes(TypeSystem types, List<String> undefinedSymbols) {
    // LLVMLinkage
    private static final int EXTERNAL = 0;
    private static final int LINK_ONCE_ANY = 2;
    private static final int LINK_ONCE_ODR = 3;
    private static final int WEAK_ANY = 5;
    private static final int WEAK_ODR = 6;
    private static final int EXTERNAL_WEAK = 12;
    private static final int COMMON = 14;
    // LLVMVisibility
    private static final int HIDDEN = 1;

    /** A reading with {@code undefinedSymbols} copied. */
    public ModuleTypes {
        undefinedSymbols = List.copyOf(undefinedSymbols);
    }

    /**
     * The types of {@code bitcode} (or textual IR), built for {@code target}.
     *
     * @param name names the module in messages
     * @throws LlvmException          if LLVM cannot parse it, with LLVM's message
     * @throws DebugMetadataException if it has no debug info, or metadata the converter cannot read
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if libLLVM is not found, naming the paths tried
     */
    public static ModuleTypes read(byte[] bitcode, String name, Target target) {
        // Before LibLlvmIr initialises (see OrcJit's constructor).
        Toolchain.find(Toolchain.Tool.LIBLLVM);
        MemorySegment context;
        try {
            context = (MemorySegment) LibLlvmIr.CONTEXT_CREATE.invokeExact();
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
        MemorySegment module = MemorySegment.NULL;
        try {
            module = ModuleParser.parse(context, bitcode, name);
            return new Reading(context, module, name, target).read();
        } finally {
            try {
                if (!module.equals(MemorySegment.NULL)) LibLlvm.DISPOSE_MODULE.invokeExact(module);
                LibLlvmIr.CONTEXT_DISPOSE.invokeExact(context);
            } catch (Throwable t) {
                throw LibLlvm.rethrow(t);
            }
        }
    }

    /** One reading of one parsed module. */
    private static final class Reading {
        private final MemorySegment context;
        private final MemorySegment module;
        private final String name;
        private final TypeSystemBuilder b;
        private final DebugTypeConverter conv;
        private final int dbgKind;
        /** Parameter variables of each subprogram, by argument number (1-based). */
        private final Map<DiNode, Map<Integer, DiNode>> parameters = new HashMap<>();
        /** Every node reached from the roots; the named types among them are kept in order. */
        private final Set<DiNode> seen = new HashSet<>();
        private final Set<DiNode> namedTypes = new LinkedHashSet<>();
        private final List<String> undefined = new ArrayList<>();

        Reading(MemorySegment context, MemorySegment module, String name, Target target) {
            this.context = context;
            this.module = module;
            this.name = name;
            this.b = new TypeSystemBuilder(target);
            this.conv = new DebugTypeConverter(b);
            try (Arena a = Arena.ofConfined()) {
                this.dbgKind = (int) LibLlvmIr.GET_MD_KIND_ID_IN_CONTEXT.invokeExact(context, a.allocateFrom("dbg"), 3);
            } catch (Throwable t) {
                throw LibLlvm.rethrow(t);
            }
        }

        ModuleTypes read() {
            try {
                if ((int) LibLlvmIr.GET_MODULE_DEBUG_METADATA_VERSION.invokeExact(module) == 0) {
                    throw new DebugMetadataException("module " + name + " has no debug info (compile it with -g)");
                }
                // Debug records (LLVM 19's default) have no C accessors yet; as llvm.dbg.* calls their
                // variables are operands of ordinary instructions.
                LibLlvmIr.SET_IS_NEW_DBG_INFO_FORMAT.invokeExact(module, 0);
                walkRoots();
                functions();
                variables();
                for (DiNode t : namedTypes) {
                    try {
                        conv.convert(t);
                    } catch (UnsupportedMetadataTypeException ignored) {
                        // Left out, as the DWARF reader leaves out a named type it cannot hold.
                    }
                }
                conv.completeAll();
                return new ModuleTypes(b.build(), undefined);
            } catch (Throwable t) {
                throw LibLlvm.rethrow(t);
            }
        }

        // ---- exports ----

        private void functions() throws Throwable {
            for (MemorySegment f = (MemorySegment) LibLlvmIr.GET_FIRST_FUNCTION.invokeExact(module); !f.equals(MemorySegment.NULL);
                 f = (MemorySegment) LibLlvmIr.GET_NEXT_FUNCTION.invokeExact(f)) {
                noteUndefined(f);
                if (!exported(f)) continue;
                String symbol = valueName(f);
                MemorySegment spRef = (MemorySegment) LibLlvmIr.GET_SUBPROGRAM.invokeExact(f);
                if (spRef.equals(MemorySegment.NULL)) {
                    b.addUntyped(new UntypedSymbol(symbol, UntypedSymbol.Kind.FUNCTION, 0, 0,
                            "no debug info for this function (its module was compiled without -g)"));
                    continue;
                }
                DiNode sp = new DiNode(context, spRef);
                try {
                    DiNode type = sp.node(4);
                    if (type == null || type.kind() != DiNode.DI_SUBROUTINE_TYPE) {
                        throw new DebugMetadataException("subprogram " + symbol + " has no subroutine type: " + sp);
                    }
                    // A subprogram's flags have no C accessor (it is not a DIType): read from the printed node.
                    String flags = String.valueOf(sp.field("flags"));
                    int id = conv.function(type, parameterList(sp), flags.contains("DIFlagPrototyped"));
                    String debugName = sp.string(2);
                    b.addFunction(new FunctionDecl(symbol, id, flags.contains("DIFlagNoReturn"), 0, weak(f), null,
                            debugName == null || symbol.equals(debugName) ? null : debugName));
                } catch (UnsupportedMetadataTypeException e) {
                    b.addUntyped(new UntypedSymbol(symbol, UntypedSymbol.Kind.FUNCTION, 0, 0, e.getMessage()));
                }
            }
        }

        /** A definition's parameter variables in argument order; a gap (an argument with no variable) is null. */
        private List<DiNode> parameterList(DiNode sp) {
            Map<Integer, DiNode> byArg = parameters.getOrDefault(sp, Map.of());
            int n = byArg.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            var out = new ArrayList<DiNode>(n);
            for (int i = 1; i <= n; i++) out.add(byArg.get(i));
            return out;
        }

        private void variables() throws Throwable {
            for (MemorySegment g = (MemorySegment) LibLlvmIr.GET_FIRST_GLOBAL.invokeExact(module); !g.equals(MemorySegment.NULL);
                 g = (MemorySegment) LibLlvmIr.GET_NEXT_GLOBAL.invokeExact(g)) {
                noteUndefined(g);
                if (!exported(g)) continue;
                String symbol = valueName(g);
                if ((int) LibLlvmIr.IS_THREAD_LOCAL.invokeExact(g) != 0) {
                    b.addUntyped(new UntypedSymbol(symbol, UntypedSymbol.Kind.VARIABLE, 0, 0,
                            "thread-local variable: its address differs per thread and is not bindable as a global"));
                    continue;
                }
                DiNode var = globalVariable(g);
                if (var == null) {
                    b.addUntyped(new UntypedSymbol(symbol, UntypedSymbol.Kind.VARIABLE, 0, 0,
                            "no debug info for this variable (its module was compiled without -g?)"));
                    continue;
                }
                try {
                    b.addVariable(new VariableDecl(symbol, conv.convert(var.node(3)), 0, null));
                } catch (UnsupportedMetadataTypeException e) {
                    b.addUntyped(new UntypedSymbol(symbol, UntypedSymbol.Kind.VARIABLE, 0, 0, e.getMessage()));
                }
            }
        }

        /** Notes {@code global} if it is a declaration the module needs from elsewhere. */
        private void noteUndefined(MemorySegment global) throws Throwable {
            if ((int) LibLlvmIr.IS_DECLARATION.invokeExact(global) == 0) return;
            if ((int) LibLlvmIr.GET_LINKAGE.invokeExact(global) == EXTERNAL_WEAK) return;
            String symbol = valueName(global);
            if (!symbol.startsWith("llvm.")) undefined.add(symbol);
        }

        /** The {@code DIGlobalVariable} attached to global {@code g} as {@code !dbg}, or null. */
        private DiNode globalVariable(MemorySegment g) throws Throwable {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment count = a.allocate(ValueLayout.JAVA_LONG);
                MemorySegment entries = (MemorySegment) LibLlvmIr.GLOBAL_COPY_ALL_METADATA.invokeExact(g, count);
                if (entries.equals(MemorySegment.NULL)) return null;
                try {
                    long n = count.get(ValueLayout.JAVA_LONG, 0);
                    for (int i = 0; i < n; i++) {
                        if ((int) LibLlvmIr.VALUE_METADATA_ENTRIES_GET_KIND.invokeExact(entries, i) != dbgKind) continue;
                        MemorySegment gve = (MemorySegment) LibLlvmIr.VALUE_METADATA_ENTRIES_GET_METADATA.invokeExact(entries, i);
                        MemorySegment var = (MemorySegment) LibLlvmIr.DI_GLOBAL_VARIABLE_EXPRESSION_GET_VARIABLE.invokeExact(gve);
                        if (!var.equals(MemorySegment.NULL)) return new DiNode(context, var);
                    }
                    return null;
                } finally {
                    LibLlvmIr.DISPOSE_VALUE_METADATA_ENTRIES.invokeExact(entries);
                }
            }
        }

        private static boolean exported(MemorySegment global) throws Throwable {
            if ((int) LibLlvmIr.IS_DECLARATION.invokeExact(global) != 0) return false;
            int linkage = (int) LibLlvmIr.GET_LINKAGE.invokeExact(global);
            boolean external = linkage == EXTERNAL || linkage == COMMON || isWeakLinkage(linkage);
            return external && (int) LibLlvmIr.GET_VISIBILITY.invokeExact(global) != HIDDEN;
        }

        private static boolean weak(MemorySegment global) throws Throwable {
            return isWeakLinkage((int) LibLlvmIr.GET_LINKAGE.invokeExact(global));
        }

        private static boolean isWeakLinkage(int linkage) {
            return linkage == LINK_ONCE_ANY || linkage == LINK_ONCE_ODR || linkage == WEAK_ANY || linkage == WEAK_ODR;
        }

        private static String valueName(MemorySegment v) throws Throwable {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment len = a.allocate(ValueLayout.JAVA_LONG);
                MemorySegment s = (MemorySegment) LibLlvmIr.GET_VALUE_NAME2.invokeExact(v, len);
                long n = len.get(ValueLayout.JAVA_LONG, 0);
                return n == 0 ? "" : new String(s.reinterpret(n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            }
        }

        // ---- what the DWARF writer would emit ----

        /**
         * Walks the metadata graph from the compile units, every function's subprogram, every instruction's
         * location and every {@code llvm.dbg.*} variable, noting the named types and each subprogram's
         * parameters.
         */
        private void walkRoots() throws Throwable {
            var roots = new ArrayList<DiNode>();
            try (Arena a = Arena.ofConfined()) {
                MemorySegment cu = a.allocateFrom("llvm.dbg.cu");
                int n = (int) LibLlvmIr.GET_NAMED_METADATA_NUM_OPERANDS.invokeExact(module, cu);
                if (n == 0) {
                    // The module says it has debug info but holds none: LLVM's reader verifies debug metadata
                    // and strips all of it when any is invalid (printing the verifier's finding to standard error).
                    throw new DebugMetadataException("module " + name + " has no compile unit in its debug metadata: "
                            + "LLVM dropped it as invalid when reading the module");
                }
                MemorySegment ops = a.allocate(ValueLayout.ADDRESS, n);
                LibLlvmIr.GET_NAMED_METADATA_OPERANDS.invokeExact(module, cu, ops);
                for (int i = 0; i < n; i++) {
                    MemorySegment md = (MemorySegment) LibLlvmIr.VALUE_AS_METADATA.invokeExact(ops.getAtIndex(ValueLayout.ADDRESS, i));
                    roots.add(new DiNode(context, md));
                }
            }
            for (MemorySegment f = (MemorySegment) LibLlvmIr.GET_FIRST_FUNCTION.invokeExact(module); !f.equals(MemorySegment.NULL);
                 f = (MemorySegment) LibLlvmIr.GET_NEXT_FUNCTION.invokeExact(f)) {
                MemorySegment sp = (MemorySegment) LibLlvmIr.GET_SUBPROGRAM.invokeExact(f);
                if (!sp.equals(MemorySegment.NULL)) roots.add(new DiNode(context, sp));
                instructions(f, roots);
            }
            walk(roots);
        }

        /** Adds the locations of {@code f}'s instructions and the variables of its {@code llvm.dbg.*} calls. */
        private void instructions(MemorySegment f, List<DiNode> roots) throws Throwable {
            for (MemorySegment bb = (MemorySegment) LibLlvmIr.GET_FIRST_BASIC_BLOCK.invokeExact(f); !bb.equals(MemorySegment.NULL);
                 bb = (MemorySegment) LibLlvmIr.GET_NEXT_BASIC_BLOCK.invokeExact(bb)) {
                for (MemorySegment i = (MemorySegment) LibLlvmIr.GET_FIRST_INSTRUCTION.invokeExact(bb); !i.equals(MemorySegment.NULL);
                     i = (MemorySegment) LibLlvmIr.GET_NEXT_INSTRUCTION.invokeExact(i)) {
                    MemorySegment loc = (MemorySegment) LibLlvmIr.INSTRUCTION_GET_DEBUG_LOC.invokeExact(i);
                    if (!loc.equals(MemorySegment.NULL)) roots.add(new DiNode(context, loc));
                    if (((MemorySegment) LibLlvmIr.IS_A_CALL_INST.invokeExact(i)).equals(MemorySegment.NULL)) continue;
                    MemorySegment callee = (MemorySegment) LibLlvmIr.GET_CALLED_VALUE.invokeExact(i);
                    if (callee.equals(MemorySegment.NULL) || !valueName(callee).startsWith("llvm.dbg.")) continue;
                    // llvm.dbg.declare/value/assign(location, variable, expression, ...): the variable is operand 1.
                    if ((int) LibLlvmIr.GET_NUM_OPERANDS.invokeExact(i) < 2) continue;
                    MemorySegment var = (MemorySegment) LibLlvmIr.GET_OPERAND.invokeExact(i, 1);
                    if (var.equals(MemorySegment.NULL)) continue;
                    roots.add(new DiNode(context, (MemorySegment) LibLlvmIr.VALUE_AS_METADATA.invokeExact(var)));
                }
            }
        }

        private void walk(List<DiNode> roots) {
            var queue = new ArrayDeque<DiNode>();
            for (DiNode r : roots) if (seen.add(r)) queue.add(r);
            while (!queue.isEmpty()) {
                DiNode n = queue.poll();
                int kind = n.kind();
                // Strings and constants have no operands; DIExpressions and DIFiles reach no types.
                if (kind < DiNode.MD_TUPLE || kind == 6 || kind == 15) continue;
                note(n, kind);
                for (Object o : n.operands()) {
                    if (o instanceof DiNode d && seen.add(d)) queue.add(d);
                }
            }
        }

        private void note(DiNode n, int kind) {
            switch (kind) {
                // Base types count as named, as the DWARF index counts base type DIEs.
                case DiNode.DI_BASIC_TYPE -> namedTypes.add(n);
                case DiNode.DI_DERIVED_TYPE -> {
                    if (n.tag() == 0x16 && n.typeName() != null) namedTypes.add(n);
                }
                case DiNode.DI_COMPOSITE_TYPE -> {
                    int tag = n.tag();
                    boolean record = tag == 0x13 || tag == 0x17 || tag == 0x02;
                    if (record && n.typeName() != null || tag == 0x04) namedTypes.add(n);
                }
                case DiNode.DI_LOCAL_VARIABLE -> {
                    // A parameter's argument number has no C accessor: read from the printed node.
                    String arg = n.field("arg");
                    DiNode scope = n.node(0);
                    if (arg != null && scope != null && scope.kind() == DiNode.DI_SUBPROGRAM) {
                        parameters.computeIfAbsent(scope, k -> new HashMap<>()).putIfAbsent(Integer.parseInt(arg), n);
                    }
                }
                default -> { }
            }
        }
    }
}
