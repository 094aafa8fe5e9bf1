package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.internal.call.Downcalls;
import dev.dwarfbind.bind.internal.call.LoadedLibrary;
import dev.dwarfbind.bind.internal.codegen.BindingApi;
import dev.dwarfbind.bind.internal.codegen.InterfaceBinder;
import dev.dwarfbind.bind.internal.jit.Int128Passing;
import dev.dwarfbind.bind.internal.upcall.Callbacks;
import dev.dwarfbind.bind.internal.abi.HostTarget;
import dev.dwarfbind.bind.internal.value.ValueContext;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.VariableDecl;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A native library loaded for calling, typed by its own debug info.
 *
 * <pre>{@code
 * try (Library lib = Library.open(Path.of("libdemo.so"))) {
 *     int sum = (Integer) lib.function("add").invoke(4, 5);
 *     Demo demo = lib.bind(Demo.class);          // a Java interface, checked and generated
 *     CStruct p = lib.allocate("struct point", arena).set("x", 1.0).set("y", 2.0);
 * }
 * }</pre>
 *
 * <p>Opening reads only the library's headers and symbols; each function, variable, type and
 * constant is typed from the debug info the first time it is asked for, so a program that calls
 * three functions of a library with thousands pays for three. Only exported functions and
 * variables can be bound. After {@link #close()} its functions and variables fail cleanly; the
 * native code itself stays loaded. Thread-safe.
 */
public final class Library implements AutoCloseable {
    private final LoadedLibrary loaded;
    private final ValueContext cx;
    /** Struct views and layouts of this library's types. */
    private final CTypes views;
    private final Map<String, NativeFunction> functions = new ConcurrentHashMap<>();
    private final BindingApi bindingApi;
    /** Sizes of exported data symbols ({@code st_size}) by name: a global is never read past its own. */
    private final Map<String, Long> symbolSizes;
    private final SymbolLookup lookup;
    /** What closing also does (deleting a compiled library's files), or {@code null}. */
    private final Runnable onClose;

    private Library(Path path, TypeSystem ts, SymbolLookup lookup, Map<String, Long> symbolSizes, Runnable onClose) {
        this(path, ts, lookup, symbolSizes, onClose, Int128Passing.of(path));
    }

    /** @param int128 how the library's code passes {@code __int128} arguments, which the JIT must match */
    private Library(Path path, TypeSystem ts, SymbolLookup lookup, Map<String, Long> symbolSizes, Runnable onClose,
                    Int128Passing int128) {
        this.cx = new ValueContext(ts, ApiViews::new, c -> new Callbacks(c, int128), false);
        this.loaded = new LoadedLibrary(path, cx, lookup, Downcalls.LINKER, int128);
        this.views = new CTypes(cx, path.toString(), name -> loaded.typed(() -> ts.typeNamed(name)));
        this.bindingApi = CStruct.bindingApi(this);
        this.symbolSizes = symbolSizes;
        this.lookup = lookup;
        this.onClose = onClose;
    }

    /**
     * Loads the library at {@code path}, typed by {@code headers} parsed with libclang: for a
     * stripped library with no debug info anywhere, each export is typed by the declaration of its
     * name in the headers (exports they do not declare are listed as untyped, with the reason), and
     * the headers' types and macros (as {@link #constant constants}) come with it. A library that
     * has debug info keeps its debug info's types; the headers add their macros, the parameter
     * names the debug info lacks, and types for exports it leaves untyped.
     *
     * <pre>{@code
     * try (Library z = Library.open(Path.of("/lib/x86_64-linux-gnu/libz.so.1"), Headers.of("zlib.h"))) {
     *     int level = z.constant("Z_BEST_COMPRESSION").intValue();
     * }
     * }</pre>
     *
     * @throws IOException                          if the file cannot be read
     * @throws dev.dwarfbind.clang.ClangException   if Clang reports errors in the headers (with file:line:column)
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if no libclang is found, naming where it looked
     * @throws BindingException                     if it was built for another machine or cannot be loaded
     */
    public static Library open(Path path, dev.dwarfbind.headers.Headers headers) throws IOException {
        TypeSystem ts = dev.dwarfbind.bind.internal.clang.HeaderTyping.library(path, headers);
        return load(path, ts);
    }

    /**
     * The running process: the C library and whatever else the JVM has loaded, with no types of its
     * own. Give it types with {@link #cdef}:
     * {@code Library.process().cdef("int puts(const char *s);").function("puts").invoke("hi")}.
     */
    public static Library process() {
        checkTarget(Path.of("<process>"), HOST);
        SymbolLookup lookup = java.lang.foreign.Linker.nativeLinker().defaultLookup().or(SymbolLookup.loaderLookup());
        return new Library(Path.of("<process>"), new dev.dwarfbind.types.TypeSystemBuilder(HOST).build(), lookup, Map.of(), null);
    }

    /**
     * This library's symbols typed by C {@code declarations} (with {@code #include}s if needed),
     * parsed by libclang for this library's target: a new handle whose functions, variables, types
     * and macro constants are the ones declared. Use it for a library with no debug info and no
     * headers, or for the process ({@link #process}).
     *
     * @throws dev.dwarfbind.clang.ClangException if Clang reports errors, with file:line:column
     */
    public Library cdef(String declarations) {
        return cdef(dev.dwarfbind.headers.Headers.code(declarations));
    }

    /**
     * This library's symbols typed by {@code declarations}: C text and headers with their options,
     * e.g. {@code lib.cdef(Headers.code("int puts(const char *s);").inProcess())} to parse in this
     * JVM. Like {@link #cdef(String)}, every function and variable declared is kept.
     *
     * @throws dev.dwarfbind.clang.ClangException if Clang reports errors, with file:line:column
     */
    public Library cdef(dev.dwarfbind.headers.Headers declarations) {
        loaded.checkOpen("cdef");
        TypeSystem ts = dev.dwarfbind.bind.internal.clang.HeaderTyping.declarations(declarations, types().target());
        return new Library(path(), ts, lookup, symbolSizes, null);
    }

    /**
     * Compiles C {@code source} with clang-19 (from {@code -Ddwarfbind.clang}, {@code $DWARFBIND_CLANG}
     * or the LLVM 19 packages) into a temporary shared library built with {@code -g -O1}, and opens it
     * typed by its own DWARF. {@code clangArguments} are added to the command line ({@code -DN=3},
     * {@code -lm}). The temporary files are deleted when the library is closed, or when the JVM exits.
     * The same as {@code compile(source, CompileOption.SHARED_LIBRARY, clangArguments)}.
     *
     * @throws dev.dwarfbind.bind.error.CompilationException with clang's diagnostics if it does not compile
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if no clang-19 is found
     */
    public static Library compile(String source, String... clangArguments) throws IOException {
        return compile(source, CompileOption.SHARED_LIBRARY, clangArguments);
    }

    /**
     * Compiles C {@code source} with clang-19 ({@code -g -O1} and {@code clangArguments}) and opens the
     * result, as {@code mode} says: a temporary shared library typed by its DWARF
     * ({@link CompileOption#SHARED_LIBRARY}), or, with {@link CompileOption#IN_MEMORY}, an LLVM module typed
     * by its debug metadata and compiled by ORC LLJIT in this process, with no file written and its code
     * freed by {@link #close()}. Either way the library is called, bound and viewed the same.
     *
     * <pre>{@code
     * try (Library lib = Library.compile("int twice(int x) { return 2 * x; }", CompileOption.IN_MEMORY)) {
     *     int four = (Integer) lib.function("twice").invoke(2);
     * }
     * }</pre>
     *
     * @throws dev.dwarfbind.bind.error.CompilationException with clang's diagnostics if it does not compile
     * @throws BindingException if the in-memory module cannot be typed (its metadata unreadable, e.g. with
     *                          {@code -g0}) or LLVM cannot compile or link it (a symbol nothing defines)
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if no clang-19 (or, in memory, libLLVM-19) is found
     */
    @SuppressWarnings("restricted")   // loading the library just compiled, as load() does
    public static Library compile(String source, CompileOption mode, String... clangArguments) throws IOException {
        java.util.Objects.requireNonNull(mode, "mode");
        var arguments = java.util.List.of(clangArguments);
        if (mode == CompileOption.IN_MEMORY) {
            var module = dev.dwarfbind.bind.internal.clang.InMemoryModule.compile(source, arguments);
            // The module's code is LLVM 19's own, and passes __int128 arguments its way.
            return new Library(IN_MEMORY_PATH, module.types(), module.lookup(), Map.of(), module::close, Int128Passing.CLANG);
        }
        var compiled = dev.dwarfbind.bind.internal.clang.RuntimeCompiler.compile(source, arguments);
        try {
            DebugInfo info = DebugInfo.open(compiled.library());
            var sizes = new java.util.HashMap<String, Long>();
            for (var e : info.exports()) if (!e.function()) sizes.put(e.name(), e.size());
            return new Library(compiled.library(), info.typeSystem(), SymbolLookup.libraryLookup(compiled.library(), Arena.global()),
                    Map.copyOf(sizes), compiled::delete);
        } catch (IOException | RuntimeException e) {
            compiled.delete();
            throw e;
        }
    }

    /** What {@link #path()} is for a library compiled in memory: no file, the source's name in brackets. */
    private static final Path IN_MEMORY_PATH = Path.of("<in-memory:" + dev.dwarfbind.bind.internal.clang.RuntimeCompiler.SOURCE_NAME + ">");

    /** The target of the running JVM. */
    private static final dev.dwarfbind.types.Target HOST = dev.dwarfbind.types.Target.host();

    /**
     * Loads the library at {@code path}, typed by its debug info (its own, or a separate debug
     * file or light-DWARF sidecar found by build-id). Only the headers and symbols are read now.
     *
     * @throws IOException      if the file cannot be read or has no usable debug info
     *                          ({@link dev.dwarfbind.debuginfo.NoDebugInfoException})
     * @throws BindingException if it was built for another machine or cannot be loaded
     */
    public static Library open(Path path) throws IOException {
        return open(path, dev.dwarfbind.debuginfo.MacroScope.LIBRARY);
    }

    /**
     * Loads the library at {@code path} like {@link #open(Path)}, with {@code macros} choosing
     * which macros of a library built with {@code gcc -g3} or {@code clang -fdebug-macro} are
     * {@link #constant constants}: its own (the default) or every one, system headers' too.
     *
     * @throws IOException      if the file cannot be read or has no usable debug info
     * @throws BindingException if it was built for another machine or cannot be loaded
     */
    public static Library open(Path path, dev.dwarfbind.debuginfo.MacroScope macros) throws IOException {
        return open(path, dev.dwarfbind.debuginfo.Debuginfod.fromEnvironment(), macros);
    }

    /**
     * Loads the library at {@code path}; when nothing on this machine has its debug info, it is
     * fetched by build-id as {@code debuginfod} says (servers, cache, timeouts, offline; see
     * {@link dev.dwarfbind.debuginfo.Debuginfod}). {@code macros} chooses which macros are constants.
     *
     * @throws IOException      if the file cannot be read or has no usable debug info
     *                          ({@link dev.dwarfbind.debuginfo.NoDebugInfoException}), or a
     *                          download failed ({@link dev.dwarfbind.debuginfo.DebuginfodException})
     * @throws BindingException if it was built for another machine or cannot be loaded
     */
    public static Library open(Path path, dev.dwarfbind.debuginfo.Debuginfod debuginfod, dev.dwarfbind.debuginfo.MacroScope macros)
            throws IOException {
        return open(DebugInfo.open(path, java.util.List.of(), debuginfod).withMacros(macros));
    }

    /**
     * Loads the library {@code info} describes ({@link DebugInfo#path()}), typed by it: for debug
     * info found some other way, e.g. {@code DebugInfo.open(lib, Path.of("libfoo-dbg.deb"))}
     * takes the debug file out of a Debian package.
     *
     * @throws BindingException if it was built for another machine or cannot be loaded
     */
    public static Library open(DebugInfo info) {
        Path path = info.path();
        checkTarget(path, info.target());
        var sizes = new java.util.HashMap<String, Long>();
        for (var e : info.exports()) if (!e.function()) sizes.put(e.name(), e.size());
        return load(path, info.lazyTypeSystem(), sizes);
    }

    /**
     * Finds a library by name the way a user names it ({@code "z"}, {@code "libz.so.1"} or a
     * path) in {@code LD_LIBRARY_PATH} and the system library directories, then opens it.
     */
    public static Library open(String name) throws IOException {
        return open(LibraryPath.find(name));
    }

    /**
     * Finds a library by name as {@link #open(String)} does, then opens it typed by {@code headers}
     * as {@link #open(Path, dev.dwarfbind.headers.Headers)} does.
     */
    public static Library open(String name, dev.dwarfbind.headers.Headers headers) throws IOException {
        return open(LibraryPath.find(name), headers);
    }

    /** Loads {@code path} for a type system already read (e.g. from a JSON file or a sidecar). */
    public static Library load(Path path, TypeSystem ts) {
        var sizes = new java.util.HashMap<String, Long>();
        try {
            for (var s : dev.dwarfbind.elf.ElfFile.open(path).dynamicSymbols()) if (s.isData()) sizes.putIfAbsent(s.name(), s.size());
        } catch (IOException | RuntimeException e) {
            // Not an ELF file we can read: dlopen says what is wrong below; globals go unbounded by st_size.
        }
        return load(path, ts, sizes);
    }

    private static Library load(Path path, TypeSystem ts, Map<String, Long> symbolSizes) {
        checkTarget(path, ts.target());
        try {
            // Loaded for the life of the JVM: addresses in the global scope cost nothing to check
            // per call, and code still holding a bound interface after close() cannot jump into
            // unmapped memory. (A shared arena would make every call acquire and release it.)
            return new Library(path, ts, SymbolLookup.libraryLookup(path, Arena.global()), Map.copyOf(symbolSizes), null);
        } catch (IllegalArgumentException e) {
            throw new BindingException(path + ": cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static void checkTarget(Path path, dev.dwarfbind.types.Target target) {
        String why = HostTarget.mismatch(target);
        if (why != null) throw new BindingException(path + why);
    }

    /** The library's file; for one {@link CompileOption#IN_MEMORY compiled in memory}, {@code <in-memory:input.c>}. */
    public Path path() {
        return loaded.path();
    }

    /**
     * The library's types, functions and variables. For a library {@link #open opened} from its
     * debug info this type system is lazy: it grows as functions and types are asked for, and
     * its whole-library views ({@code functions()}, {@code types()}) read everything first.
     */
    public TypeSystem types() {
        return cx.types();
    }

    /** The exported function {@code name}, typed on first use. */
    public NativeFunction function(String name, CallOption... options) {
        var flags = flags(options);
        boolean plain = flags.equals(dev.dwarfbind.bind.internal.call.CallFlags.NONE);
        if (plain) {
            NativeFunction f = functions.get(name);
            if (f != null) {
                loaded.checkOpen(name);
                return f;
            }
        }
        var f = new NativeFunction(this, loaded.plan(name, flags));
        if (plain) {
            NativeFunction old = functions.putIfAbsent(name, f);
            if (old != null) return old;
        }
        return f;
    }

    /** The call flags {@code options} ask for. */
    static dev.dwarfbind.bind.internal.call.CallFlags flags(CallOption... options) {
        boolean errno = false;
        boolean lastError = false;
        boolean critical = false;
        for (CallOption o : options) {
            errno |= o == CallOption.ERRNO;
            lastError |= o == CallOption.LAST_ERROR;
            critical |= o == CallOption.CRITICAL;
        }
        return new dev.dwarfbind.bind.internal.call.CallFlags(errno, lastError, critical);
    }

    /** The exported variable {@code name}, typed on first use. */
    public GlobalVariable variable(String name) {
        loaded.checkOpen(name);
        TypeSystem ts = cx.types();
        VariableDecl decl = loaded.typed(() -> ts.variable(name)).orElseThrow(() -> loaded.unknown(name, "variable"));
        MemorySegment addr = loaded.address(name);
        long size = ts.type(ts.strip(decl.type())) instanceof FunctionType ? 0 : ts.sizeOf(decl.type());
        Long symbol = symbolSizes.get(name);
        if (symbol != null && symbol > 0 && size > symbol) {
            // The debug info claims more than the symbol holds: reading it would run past the variable.
            throw new BindingException(path() + ": variable " + name + " has type " + cx.cName(decl.type()) + " of " + size
                    + " bytes, but its symbol is only " + symbol + " bytes (st_size): the debug info does not match the library");
        }
        return new GlobalVariable(this, decl, addr.reinterpret(size));
    }

    /**
     * The named constant {@code name}: an enumerator of any enum in the debug info (also of
     * anonymous enums no export reaches, such as {@code GSL_SUCCESS}), or a macro read as a
     * literal where the debug info records macros.
     *
     * @throws BindingException if the library defines no such constant
     */
    public Constant constant(String name) {
        loaded.checkOpen(name);
        return loaded.typed(() -> cx.types().constant(name)).orElseThrow(() -> new BindingException(path()
                + ": no constant " + name + loaded.typed(() -> cx.types().omittedMacro(name))
                .map(m -> ": the macro '" + m.definition() + "' is not a constant (" + m.reason() + ")")
                .orElse(" (enumerators of the library's enums and recorded macros are constants)")));
    }

    /**
     * Sets what receives the exception of a Java callback that threw while no dwarfbind call was
     * running on its thread (a native thread C started, a raw downcall): the callback's C type
     * and the exception. The default logs a warning on {@code System.Logger} "dev.dwarfbind";
     * {@code null} restores it. An exception thrown during a dwarfbind call is not handled here:
     * that call throws it, as a {@link dev.dwarfbind.bind.error.CallbackException}.
     */
    public static void setCallbackExceptionHandler(java.util.function.BiConsumer<String, Throwable> handler) {
        dev.dwarfbind.bind.internal.upcall.CallbackErrors.setHandler(handler);
    }

    /**
     * Implements {@code api}, a Java interface whose methods are named after exported functions,
     * with a class generated at run time. Every method is checked against the C signature first;
     * all mismatches are reported in one {@link BindingException}. Works for public,
     * package-private and nested interfaces, and for interfaces of another class loader (a
     * plugin, a single-file program) when they are public.
     */
    public <T> T bind(Class<T> api) {
        loaded.checkOpen(api.getName());
        return InterfaceBinder.bind(loaded, api, null, bindingApi);
    }

    /**
     * Like {@link #bind(Class)}, generating the implementation with {@code lookup} (pass
     * {@code MethodHandles.lookup()}): for a non-public interface in another module or class
     * loader, which dwarfbind cannot reach by itself.
     */
    public <T> T bind(Class<T> api, MethodHandles.Lookup lookup) {
        loaded.checkOpen(api.getName());
        return InterfaceBinder.bind(loaded, api, lookup, bindingApi);
    }

    /** Allocates a zeroed struct or union of the named type ({@code "struct point"} or a typedef) in {@code arena}. */
    public CStruct allocate(String typeName, Arena arena) {
        return views.allocate(typeName, arena);
    }

    /** A view of {@code segment} as the named struct or union. */
    public CStruct view(String typeName, MemorySegment segment) {
        return views.view(typeName, segment);
    }

    /** The layout of the named type, for use with {@code java.lang.foreign} directly. */
    public MemoryLayout layout(String typeName) {
        return views.layout(typeName);
    }

    /**
     * A C function pointer to {@code target} (any functional interface), valid as long as
     * {@code arena} is open: for callbacks that C keeps beyond one call. The function pointer's
     * C type is named by {@code cType}: a typedef of the library ({@code "compare_fn"}), a
     * member of a struct holding one ({@code "struct gsl_function_struct.function"}), or a C
     * spelling of the type ({@code "int (*)(const void *, const void *)"}).
     */
    public MemorySegment callback(String cType, Object target, Arena arena) {
        loaded.checkOpen(cType);
        return CallbackTypes.stub(this, cType, target, arena);
    }

    /**
     * Closes this handle: later dynamic calls, variable accesses and bindings fail with
     * {@link IllegalStateException}. The native library stays mapped until the JVM exits (as
     * with JNA), so an interface bound earlier keeps working rather than crashing. A library
     * {@link CompileOption#IN_MEMORY compiled in memory} is the exception: its JIT-compiled code is
     * freed, and an interface bound earlier fails with {@link IllegalStateException} instead.
     */
    @Override
    public void close() {
        loaded.close();
        // Nothing of a closed library is called again: dropping its functions lets the JIT's memory go.
        functions.clear();
        if (onClose != null) onClose.run();
    }

    /** The C declaration of a function, e.g. {@code int add(int a, int b);}. */
    public String declaration(dev.dwarfbind.types.FunctionDecl f) {
        return dev.dwarfbind.cprint.CPrinter.declaration(cx.types(), f);
    }

    // ---- for the API's own classes ----

    ValueContext values() {
        return cx;
    }

    LoadedLibrary loaded() {
        return loaded;
    }
}
