package dev.dwarfbind.bind;

import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NameSuggestions;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>Only exported functions and variables can be bound. After {@link #close()} its functions and
 * variables fail cleanly; the native code itself stays loaded. Thread-safe.
 */
public final class Library implements AutoCloseable {
    private final Path path;
    private final TypeSystem ts;
    private final SymbolLookup lookup;
    private final CLayouts layouts;
    private final CallTypes callTypes;
    private final Callbacks callbacks;
    private final Map<String, NativeFunction> functions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Library(Path path, TypeSystem ts, SymbolLookup lookup) {
        this.path = path;
        this.ts = ts;
        this.lookup = lookup;
        this.layouts = new CLayouts(ts);
        this.callTypes = new CallTypes(layouts);
        this.callbacks = new Callbacks(this);
    }

    /**
     * Reads the debug info of the library at {@code path} and loads it.
     *
     * @throws IOException      if the file cannot be read or has no usable debug info
     *                          ({@link dev.dwarfbind.debuginfo.NoDebugInfoException})
     * @throws BindingException if it was built for another machine or cannot be loaded
     */
    public static Library open(Path path) throws IOException {
        TypeSystem ts = DebugInfo.open(path).typeSystem();
        return load(path, ts);
    }

    /**
     * Finds a library by name the way a user names it ({@code "z"}, {@code "libz.so.1"} or a
     * path) in {@code LD_LIBRARY_PATH} and the system library directories, then opens it.
     */
    public static Library open(String name) throws IOException {
        return open(LibraryPath.find(name));
    }

    /** Loads {@code path} for a type system already read (e.g. from a JSON file or a sidecar). */
    public static Library load(Path path, TypeSystem ts) {
        checkTarget(path, ts);
        try {
            // Loaded for the life of the JVM: addresses in the global scope cost nothing to check
            // per call, and code still holding a bound interface after close() cannot jump into
            // unmapped memory. (A shared arena would make every call acquire and release it.)
            return new Library(path, ts, SymbolLookup.libraryLookup(path, Arena.global()));
        } catch (IllegalArgumentException e) {
            throw new BindingException(path + ": cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static void checkTarget(Path path, TypeSystem ts) {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String jvm = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
        if (!ts.target().arch().equals(jvm)) {
            throw new BindingException(path + " is built for " + ts.target().arch() + " but this JVM runs on " + jvm);
        }
        if (!ts.target().littleEndian()) throw new BindingException(path + " is big-endian; dwarfbind calls little-endian code only");
    }

    /** The library's file. */
    public Path path() {
        return path;
    }

    /** The library's types, functions and variables. */
    public TypeSystem types() {
        return ts;
    }

    /** The exported function {@code name}. */
    public NativeFunction function(String name, CallOption... options) {
        checkOpen(name);
        Set<CallOption> opts = options.length == 0 ? Set.of() : EnumSet.of(options[0], options);
        if (opts.isEmpty()) {
            NativeFunction f = functions.get(name);
            if (f != null) return f;
        }
        FunctionDecl decl = ts.function(name).orElseThrow(() -> unknown(name, "function"));
        MemorySegment addr = lookup.find(name).orElseThrow(() ->
                new BindingException(path + ": " + name + " is in the debug info but the dynamic linker does not find it"));
        NativeFunction f = new NativeFunction(this, decl, addr, opts.contains(CallOption.ERRNO));
        if (opts.isEmpty()) functions.putIfAbsent(name, f);
        return f;
    }

    /** The exported variable {@code name}. */
    public GlobalVariable variable(String name) {
        checkOpen(name);
        VariableDecl decl = ts.variable(name).orElseThrow(() -> unknown(name, "variable"));
        MemorySegment addr = lookup.find(name).orElseThrow(() ->
                new BindingException(path + ": " + name + " is in the debug info but the dynamic linker does not find it"));
        long size = ts.type(ts.strip(decl.type())) instanceof dev.dwarfbind.types.FunctionType ? 0 : ts.sizeOf(decl.type());
        return new GlobalVariable(this, decl, addr.reinterpret(size));
    }

    private BindingException unknown(String name, String kind) {
        for (UntypedSymbol u : ts.untyped()) {
            if (u.name().equals(name)) return new BindingException(path + ": " + name + " is exported but has no type: " + u.reason());
        }
        var names = new ArrayList<String>(kind.equals("function") ? ts.functions().keySet() : ts.variables().keySet());
        String other = kind.equals("function") ? (ts.variable(name).isPresent() ? " (it is a variable)" : "")
                : (ts.function(name).isPresent() ? " (it is a function)" : "");
        return new BindingException(path + ": no exported " + kind + " " + name + other + NameSuggestions.didYouMean(name, names));
    }

    /**
     * Implements {@code api}, a Java interface whose methods are named after exported functions,
     * with a class generated at run time. Every method is checked against the C signature first;
     * all mismatches are reported in one {@link BindingException}.
     */
    public <T> T bind(Class<T> api) {
        checkOpen(api.getName());
        return InterfaceBinder.bind(this, api, null);
    }

    /**
     * Like {@link #bind(Class)}, generating the implementation with {@code lookup} (pass
     * {@code MethodHandles.lookup()}): for interfaces dwarfbind's own class loader or module
     * cannot see, such as ones in a named module or a child class loader.
     */
    public <T> T bind(Class<T> api, java.lang.invoke.MethodHandles.Lookup lookup) {
        checkOpen(api.getName());
        return InterfaceBinder.bind(this, api, lookup);
    }

    /** Allocates a zeroed struct or union of the named type ({@code "struct point"} or a typedef) in {@code arena}. */
    public CStruct allocate(String typeName, Arena arena) {
        return allocate(recordId(typeName), arena);
    }

    CStruct allocate(int recordId, Arena arena) {
        RecordType r = ts.type(ts.strip(recordId), RecordType.class);
        if (!r.complete()) throw new ArgumentException(cName(recordId) + " is incomplete: its size is unknown");
        return new CStruct(this, ts.strip(recordId), arena.allocate(r.byteSize(), r.alignment()));
    }

    /** A view of {@code segment} as the named struct or union. */
    public CStruct view(String typeName, MemorySegment segment) {
        int id = recordId(typeName);
        long size = ts.sizeOf(id);
        if (segment.byteSize() < size) {
            segment = segment.reinterpret(size);
        }
        return new CStruct(this, ts.strip(id), segment.asSlice(0, size));
    }

    CStruct view(int recordId, MemorySegment segment) {
        int id = ts.strip(recordId);
        if (ts.type(id) instanceof RecordType r) {
            return new CStruct(this, id, segment.byteSize() == r.byteSize() ? segment : segment.asSlice(0, r.byteSize()));
        }
        // _Complex values: a two-field struct layout with no record type; keep the segment.
        return new CStruct(this, id, segment);
    }

    private int recordId(String typeName) {
        var id = ts.typeNamed(typeName);
        if (id.isEmpty()) {
            throw new ArgumentException(path + ": no type named " + typeName
                    + NameSuggestions.didYouMean(typeName, ts.namedTypes().keySet()));
        }
        if (!(ts.type(ts.strip(id.getAsInt())) instanceof RecordType)) {
            throw new ArgumentException(typeName + " is " + cName(id.getAsInt()) + ", not a struct or union");
        }
        return id.getAsInt();
    }

    /** The layout of the named type, for use with {@code java.lang.foreign} directly. */
    public java.lang.foreign.MemoryLayout layout(String typeName) {
        var id = ts.typeNamed(typeName);
        if (id.isEmpty()) throw new ArgumentException(path + ": no type named " + typeName);
        return layouts.memoryLayout(id.getAsInt());
    }

    /**
     * A C function pointer to {@code target} (any functional interface) with the C type
     * {@code functionPointerType} (a typedef name of the library, e.g. {@code "compare_fn"}),
     * valid as long as {@code arena} is open: for callbacks that C keeps beyond one call.
     */
    public MemorySegment callback(String functionPointerType, Object target, Arena arena) {
        var id = ts.typeNamed(functionPointerType);
        if (id.isEmpty()) throw new ArgumentException(path + ": no type named " + functionPointerType);
        int t = ts.strip(id.getAsInt());
        if (ts.type(t) instanceof PointerType p) t = ts.strip(p.pointee());
        if (!(ts.type(t) instanceof dev.dwarfbind.types.FunctionType)) {
            throw new ArgumentException(functionPointerType + " is not a function pointer type");
        }
        return callbacks.stub(t, target, arena, null, functionPointerType);
    }

    /**
     * Closes this handle: later dynamic calls, variable accesses and bindings fail with
     * {@link IllegalStateException}. The native library stays mapped until the JVM exits (as
     * with JNA), so an interface bound earlier keeps working rather than crashing.
     */
    @Override
    public void close() {
        closed = true;
    }

    void checkOpen(String what) {
        if (closed) throw new IllegalStateException(path + " is closed: cannot use " + what);
    }

    // ---- helpers shared by the binding classes ----

    CallTypes callTypes() {
        return callTypes;
    }

    Callbacks callbacks() {
        return callbacks;
    }

    String cName(int id) {
        return callTypes.cName(id);
    }

    void checkConvention(CallingConvention cc, String function) {
        if (cc == CallingConvention.DEFAULT || isPlatformConvention(cc)) return;
        throw new Unsupported("cannot call " + function + ": it uses the " + cc
                + " calling convention, and java.lang.foreign's linker implements only the platform's C convention");
    }

    /** Whether a named convention is the platform's own ({@code sysv_abi} on x86-64 Linux). */
    boolean isPlatformConvention(CallingConvention cc) {
        return cc == CallingConvention.SYSV_ABI && ts.target().arch().equals("x86_64") && !ts.target().os().equals("windows")
                || cc == CallingConvention.MS_ABI && ts.target().os().equals("windows");
    }

    boolean isCharacterType(int id) {
        if (id < 0) return false;
        return ts.type(ts.strip(id)) instanceof ScalarType s
                && (s.kind() == ScalarKind.CHAR || s.kind() == ScalarKind.SIGNED_CHAR || s.kind() == ScalarKind.UNSIGNED_CHAR);
    }

    boolean isBool(int id) {
        return ts.type(ts.strip(id)) instanceof ScalarType s && s.kind() == ScalarKind.BOOL;
    }

    boolean isVoid(int id) {
        return id >= 0 && ts.type(ts.strip(id)) instanceof VoidType;
    }

    long sizeOfOrZero(int id) {
        if (id < 0) return 0;
        CType t = ts.type(ts.strip(id));
        if (t instanceof VoidType || t instanceof dev.dwarfbind.types.FunctionType) return 0;
        return ts.sizeOf(id);
    }

    /** Whether the pointee of pointer type {@code pointerId} is const-qualified. */
    boolean isConstPointee(int pointerId) {
        if (pointerId < 0) return false;
        if (!(ts.type(ts.strip(pointerId)) instanceof PointerType p)) return false;
        return isConstObject(p.pointee());
    }

    /** Whether the object type {@code id} is const (through typedefs). */
    boolean isConstObject(int id) {
        for (int hops = 0; hops < 64; hops++) {
            switch (ts.type(id)) {
                case QualifiedType q -> {
                    if (q.has(Qualifier.CONST)) return true;
                    id = q.type();
                }
                case TypedefType td -> id = td.target();
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    boolean sameRecord(int a, int b) {
        return ts.strip(a) == ts.strip(b);
    }

    /** A pointer result sized to its pointee when that is a complete object type. */
    MemorySegment sized(MemorySegment p, int pointee) {
        if (p.equals(MemorySegment.NULL)) return p;
        long size = sizeOfOrZero(pointee);
        return size > 0 ? p.reinterpret(size) : p;
    }

    long enumValue(int enumId, String name, String what) {
        if (!(ts.type(ts.strip(enumId)) instanceof EnumType e)) {
            throw new ArgumentException(what + ": a String converts to " + cName(enumId) + " only if it is an enum");
        }
        Enumerator v = e.value(name);
        if (v == null) {
            throw new ArgumentException(what + ": " + cName(enumId) + " has no constant " + name
                    + NameSuggestions.didYouMean(name, e.values().stream().map(Enumerator::name).toList()));
        }
        return v.value().longValue();
    }

    /** The C type of a variadic argument, from a {@link VarArg} or by C's default promotions of the Java value. */
    CallType variadicType(Object v, String function, int position) {
        String what = "variadic argument " + position + " of " + function;
        if (v instanceof VarArg va) return namedCallType(va.cType(), what);
        return switch (v) {
            case Integer i -> namedCallType("int", what);
            case Short s -> namedCallType("int", what);
            case Byte b -> namedCallType("int", what);
            case Character c -> namedCallType("int", what);
            case Boolean b -> namedCallType("int", what);
            case Long l -> namedCallType("long", what);
            case Float f -> namedCallType("double", what);
            case Double d -> namedCallType("double", what);
            case String s -> new CallType(-1, "char *", CallType.Kind.POINTER, ValueLayout.ADDRESS, MemorySegment.class, 0, 0,
                    charType());
            case MemorySegment m -> new CallType(-1, "void *", CallType.Kind.POINTER, ValueLayout.ADDRESS, MemorySegment.class, 0, 0, -1);
            case CStruct s -> new CallType(-1, "void *", CallType.Kind.POINTER, ValueLayout.ADDRESS, MemorySegment.class, 0, 0, -1);
            case null -> new CallType(-1, "void *", CallType.Kind.POINTER, ValueLayout.ADDRESS, MemorySegment.class, 0, 0, -1);
            default -> throw new ArgumentException(what + ": cannot pass " + v.getClass().getSimpleName()
                    + " through ...; wrap it in VarArg.of(\"C type\", value)");
        };
    }

    private int charType() {
        return ts.typeNamed("char").orElse(-1);
    }

    private CallType namedCallType(String cType, String what) {
        String t = cType.strip();
        if (t.endsWith("*")) {
            String base = t.substring(0, t.length() - 1).strip();
            int target = base.equals("void") ? -1 : ts.typeNamed(base.replace("const ", "")).orElse(-1);
            return new CallType(-1, t, CallType.Kind.POINTER, ValueLayout.ADDRESS, MemorySegment.class, 0, 0, target);
        }
        var id = ts.typeNamed(t);
        if (id.isPresent()) return callTypes.of(id.getAsInt());
        // The library may never use e.g. "long"; C's own types are the platform's.
        ScalarType s = switch (t) {
            case "int" -> new ScalarType("int", ScalarKind.SIGNED, 4, 4, true);
            case "unsigned int" -> new ScalarType("unsigned int", ScalarKind.UNSIGNED, 4, 4, false);
            case "long", "long int", "long long", "long long int" -> new ScalarType(t, ScalarKind.SIGNED, 8, 8, true);
            case "unsigned long", "long unsigned int", "unsigned long long", "long long unsigned int" ->
                    new ScalarType(t, ScalarKind.UNSIGNED, 8, 8, false);
            case "double" -> new ScalarType("double", ScalarKind.FLOAT, 8, 8, true);
            default -> throw new ArgumentException(what + ": unknown C type " + cType + " (use a base type or typedef name of "
                    + path.getFileName() + ")");
        };
        if (ts.target().pointerSize() == 4 && s.byteSize() == 8 && t.startsWith("long") && !t.contains("long long")) {
            throw new ArgumentException(what + ": 'long' on this 32-bit target: use a type from the library's debug info");
        }
        return new CallType(-1, t, s.kind() == ScalarKind.FLOAT ? CallType.Kind.DOUBLE : CallType.Kind.INT,
                CLayouts.scalarLayout(s), CLayouts.scalarLayout(s).carrier(),
                s.signed() ? Long.MIN_VALUE >> (64 - s.byteSize() * 8) : 0,
                s.signed() ? Long.MAX_VALUE >>> (64 - s.byteSize() * 8) : (s.byteSize() == 8 ? -1 : (1L << (s.byteSize() * 8)) - 1), -1);
    }

    /** The C declaration of a function, e.g. {@code int add(int a, int b);}. */
    public String declaration(FunctionDecl f) {
        return CPrinter.declaration(ts, f);
    }
}
