package dev.dwarfbind.bind.internal.clang;

import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.llvm.Toolchain;
import dev.dwarfbind.llvm.debuginfo.DebugMetadataException;
import dev.dwarfbind.llvm.debuginfo.ModuleTypes;
import dev.dwarfbind.llvm.jit.LlvmException;
import dev.dwarfbind.llvm.jit.OrcJit;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * C compiled into this process through LLVM alone, as DragonFFI does: clang-19 makes bitcode with debug
 * info, the types are read from its debug metadata ({@link ModuleTypes}), and an ORC LLJIT of its own
 * compiles it to machine code. No file is written and nothing is {@code dlopen}ed.
 *
 * <p>Every export is looked up when the module is made, which compiles and links it then: a reference to
 * a symbol that neither the module nor the process defines fails here, with LLVM's message, rather than
 * at the first call. The addresses live in a shared arena whose closing frees the LLJIT and its code; the
 * linker checks that arena on each call, so a function or bound interface used after {@link #close()}
 * fails with {@link IllegalStateException} instead of jumping into freed memory.
 */
public final class InMemoryModule implements AutoCloseable {
    private final TypeSystem types;
    private final Arena arena;
    private final Map<String, MemorySegment> symbols;

    private InMemoryModule(TypeSystem types, Arena arena, Map<String, MemorySegment> symbols) {
        this.types = types;
        this.arena = arena;
        this.symbols = symbols;
    }

    /**
     * Compiles {@code source} with {@code arguments} added to clang's, types it and JIT-compiles it.
     *
     * @throws dev.dwarfbind.bind.error.CompilationException with clang's diagnostics if it does not compile
     * @throws BindingException if its debug metadata cannot be read, or LLVM cannot compile or link it
     *                          (LLVM's message included)
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if clang-19 or libLLVM-19 is not found
     */
    @SuppressWarnings("restricted")   // the JIT's addresses, scoped to the arena that frees them
    public static InMemoryModule compile(String source, List<String> arguments) throws IOException {
        // Before any LLVM class initialises: a missing libLLVM is then a ToolNotFoundException naming the
        // paths tried, not an error in a class initialiser.
        Toolchain.find(Toolchain.Tool.LIBLLVM);
        byte[] bitcode = RuntimeCompiler.bitcode(source, arguments);
        String name = RuntimeCompiler.SOURCE_NAME;
        ModuleTypes read;
        try {
            read = ModuleTypes.read(bitcode, name, Target.host());
        } catch (DebugMetadataException | LlvmException e) {
            throw new BindingException(name + ": cannot type the compiled module from its debug metadata: " + e.getMessage(), e);
        }
        TypeSystem ts = read.types();
        OrcJit jit = new OrcJit();
        Arena arena = Arena.ofShared();
        // Frees the JIT once the arena is closed, that is once no call into the module is running.
        MemorySegment.NULL.reinterpret(arena, s -> jit.close());
        boolean ok = false;
        try {
            jit.add(bitcode, name);
            var symbols = new HashMap<String, MemorySegment>();
            for (String export : exports(ts)) {
                symbols.put(export, MemorySegment.ofAddress(jit.lookup(export)).reinterpret(arena, null));
            }
            ok = true;
            return new InMemoryModule(ts, arena, Map.copyOf(symbols));
        } catch (LlvmException e) {
            throw new BindingException(name + ": compiled, but LLVM cannot JIT-compile or link it in memory: " + e.getMessage()
                    + missing(jit, read.undefinedSymbols()), e);
        } finally {
            if (!ok) arena.close();
        }
    }

    /**
     * Which of {@code undefined} the process does not define, for the message: LLJIT reports only that
     * the module failed to materialise (its session prints the missing names to standard error), while a
     * lookup of the name itself says it is not found.
     */
    private static String missing(OrcJit jit, List<String> undefined) {
        var out = new java.util.StringJoiner(", ", "; undefined: ", "").setEmptyValue("");
        for (String symbol : undefined) {
            try {
                jit.lookup(symbol);
            } catch (LlvmException | IllegalStateException e) {
                out.add(symbol);
            }
        }
        return out.toString();
    }

    private static List<String> exports(TypeSystem ts) {
        var names = new java.util.LinkedHashSet<String>();
        for (FunctionDecl f : ts.functions().values()) names.add(f.name());
        for (VariableDecl v : ts.variables().values()) names.add(v.name());
        for (UntypedSymbol u : ts.untyped()) names.add(u.name());
        return List.copyOf(names);
    }

    /** The module's types, from its debug metadata. */
    public TypeSystem types() {
        return types;
    }

    /** The module's exports, at their JIT-compiled addresses. */
    public SymbolLookup lookup() {
        return name -> Optional.ofNullable(symbols.get(name));
    }

    /** Whether the JIT's memory has been freed. */
    public boolean released() {
        return !arena.scope().isAlive();
    }

    /**
     * Frees the JIT and its code. If a call into the module is running on another thread at that moment,
     * the code cannot be freed under it: the JIT is then kept (until the JVM exits) rather than this failing.
     */
    @Override
    public void close() {
        try {
            arena.close();
        } catch (IllegalStateException running) {
            // A call is running (or the arena is already closed): leave it.
        }
    }
}
