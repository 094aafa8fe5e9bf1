package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.internal.abi.VariadicTypes;
import dev.dwarfbind.bind.internal.jit.Int128Passing;
import dev.dwarfbind.bind.internal.jit.JitDowncalls;
import dev.dwarfbind.bind.internal.value.ValueContext;
import dev.dwarfbind.debuginfo.NameSuggestions;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.UntypedSymbol;

import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the call machinery knows of one loaded library: its file, its (lazy) types and their
 * value context, its symbols, the call plans made so far, and whether the API handle was closed.
 * Thread-safe.
 */
public final class LoadedLibrary {
    private final Path path;
    private final ValueContext values;
    private final SymbolLookup lookup;
    private final VariadicTypes variadic;
    private final Downcalls downcalls;
    private final JitDowncalls jit;
    private final Map<String, CallPlan> plans = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param int128 how the library's code passes {@code __int128} arguments (for the JIT's wrappers) */
    public LoadedLibrary(Path path, ValueContext values, SymbolLookup lookup, Downcalls downcalls, Int128Passing int128) {
        this.path = path;
        this.values = values;
        this.lookup = lookup;
        this.downcalls = downcalls;
        this.jit = new JitDowncalls(values.types(), int128, values.api().int128());
        this.variadic = new VariadicTypes(values.types(), values.callTypes());
    }

    public Path path() {
        return path;
    }

    public TypeSystem types() {
        return values.types();
    }

    public ValueContext values() {
        return values;
    }

    VariadicTypes variadic() {
        return variadic;
    }

    Downcalls downcalls() {
        return downcalls;
    }

    /** The library's JIT, for calls the linker cannot make (started on the first such call). */
    public JitDowncalls jit() {
        return jit;
    }

    /**
     * Marks the library closed, makes calls through its JIT-compiled wrappers fail, and drops the plans
     * holding their call handles, so that the wrappers' memory is freed once callers drop theirs.
     */
    public void close() {
        closed = true;
        jit.close();
        plans.clear();
    }

    /** Throws {@link IllegalStateException} naming {@code what} if the library handle is closed. */
    public void checkOpen(String what) {
        if (closed) throw new IllegalStateException(path + " is closed: cannot use " + what);
    }

    /**
     * The call plan of exported function {@code name}, typed on first use; plans with flags
     * (errno capture, critical) are made anew, not cached.
     */
    public CallPlan plan(String name, CallFlags flags) {
        checkOpen(name);
        boolean plain = flags.equals(CallFlags.NONE);
        if (plain) {
            CallPlan p = plans.get(name);
            if (p != null) return p;
        }
        FunctionDecl decl = typed(() -> types().function(name)).orElseThrow(() -> unknown(name, "function"));
        CallPlan p = new CallPlan(this, decl, address(name), flags);
        if (plain) {
            CallPlan old = plans.putIfAbsent(name, p);
            if (old != null) return old;
        }
        return p;
    }

    /** The address of exported symbol {@code name}. */
    public MemorySegment address(String name) {
        return lookup.find(name).orElseThrow(() ->
                new BindingException(path + ": " + name + " is in the debug info but the dynamic linker does not find it"));
    }

    /**
     * Asks the type system a question, turning a failure to read the debug info lazily (it is
     * read on the first question) into a {@link BindingException} naming the file.
     */
    public <T> T typed(Supplier<T> question) {
        try {
            return question.get();
        } catch (UncheckedIOException e) {
            throw new BindingException(e.getMessage(), e.getCause());
        }
    }

    /** The error for an unknown export {@code name} of kind {@code "function"} or {@code "variable"}. */
    public BindingException unknown(String name, String kind) {
        TypeSystem ts = types();
        Optional<UntypedSymbol> u = typed(() -> ts.untypedSymbol(name));
        if (u.isPresent()) return new BindingException(path + ": " + name + " is exported but has no type: " + u.get().reason());
        String other = kind.equals("function") ? (ts.variable(name).isPresent() ? " (it is a variable)" : "")
                : (ts.function(name).isPresent() ? " (it is a function)" : "");
        return new BindingException(path + ": no exported " + kind + " " + name + other
                + NameSuggestions.didYouMean(name, ts.exportNames()));
    }
}
