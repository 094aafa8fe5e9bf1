package dev.dwarfbind.bind;

import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exported C function, callable with Java values: {@code lib.function("add").invoke(4, 5)}.
 * Arguments are converted by the rules of the C parameter types (see {@link Conversions}) and
 * checked before any native code runs; the result comes back typed.
 *
 * <p>Thread-safe: calls from many threads at once are fine (each call's temporary memory is its
 * own).
 */
public final class NativeFunction {
    private static final VarHandle ERRNO_HANDLE;
    private static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();

    static {
        ERRNO_HANDLE = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    }

    private final Library lib;
    private final FunctionDecl decl;
    private final FunctionType type;
    private final MemorySegment address;
    private final CallType ret;
    private final CallType[] params;
    private final String[] what;
    private final boolean errno;
    private final MethodHandle spread;
    /** Generated on the first call, so binding every function of a library stays cheap. */
    private volatile Invoker invoker;
    private final Map<List<CallType>, MethodHandle> variadic = new ConcurrentHashMap<>();
    private final SegmentAllocator resultAllocator;
    /** Whether calls can skip the call context (see invokeDirect). */
    private final boolean direct;

    NativeFunction(Library lib, FunctionDecl decl, MemorySegment address, boolean errno) {
        this.lib = lib;
        this.decl = decl;
        this.type = lib.types().signature(decl);
        this.address = address;
        this.errno = errno;
        lib.checkConvention(type.convention(), decl.name());
        var problems = new ArrayList<String>();
        CallType r = null;
        try {
            r = lib.callTypes().of(type.returnType());
        } catch (Unsupported u) {
            problems.add("return type " + u.getMessage());
        }
        params = new CallType[type.parameters().size()];
        what = new String[params.length];
        for (int i = 0; i < params.length; i++) {
            Parameter p = type.parameters().get(i);
            what[i] = "argument " + (i + 1) + (p.name() == null ? "" : " (" + p.name() + ")") + " of " + decl.name();
            try {
                params[i] = lib.callTypes().parameter(p.type(), type.prototyped());
            } catch (Unsupported u) {
                problems.add("parameter " + (i + 1) + (p.name() == null ? "" : " (" + p.name() + ")") + ": " + u.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new Unsupported("cannot call " + signature() + ":\n  " + String.join("\n  ", problems));
        }
        ret = r;
        resultAllocator = StructResults.allocator(lib, ret);
        boolean simple = !type.variadic() && !errno;
        for (CallType p : params) {
            simple &= switch (p.kind()) {
                case INT, BOOL, FLOAT, DOUBLE, STRUCT -> true;
                default -> false;
            };
        }
        direct = simple;
        spread = type.variadic() ? null : handle(List.of());
    }

    /** The C declaration, e.g. {@code int add(int a, int b);}. */
    public String signature() {
        return CPrinter.declaration(lib.types(), decl);
    }

    /** The exported name. */
    public String name() {
        return decl.name();
    }

    /** The declaration from the debug info. */
    public FunctionDecl declaration() {
        return decl;
    }

    /** The function's address (a C function pointer to it). */
    public MemorySegment address() {
        return address;
    }

    /**
     * The downcall method handle for the fixed parameters, with the linker's own carrier types
     * ({@code int}, {@code MemorySegment}, ...): for callers who want raw speed and manage
     * conversions themselves. For a struct return the first parameter is a
     * {@link SegmentAllocator}; with {@link CallOption#ERRNO} the next is the capture segment.
     */
    public MethodHandle downcallHandle() {
        return downcall(List.of());
    }

    /**
     * Calls the function. A variadic function takes its fixed arguments converted by their C
     * types and the rest by their Java types with C's default argument promotions ({@code int}
     * and smaller to {@code int}, {@code float} to {@code double}, {@code String} to
     * {@code char *}, {@code MemorySegment} and {@link CStruct} to pointers); pass a
     * {@link VarArg} to give a variadic argument's C type explicitly.
     *
     * @return the result: {@code Integer}/{@code Long} for integers (Long for unsigned int and
     *         64-bit types), {@code Boolean}, {@code Float}/{@code Double}, a
     *         {@code MemorySegment} for pointers, a {@link CStruct} for struct values, or
     *         {@code null} for void
     * @throws ArgumentException if an argument cannot be converted (nothing native has run)
     * @throws CallbackException if a Java callback threw during the call
     */
    public Object invoke(Object... args) {
        return invokeWith(null, args);
    }

    /**
     * Like {@link #invoke}, with the memory of a struct result allocated by {@code allocator}
     * (an {@code Arena}, say) instead of garbage-collected memory.
     */
    public Object invokeWith(SegmentAllocator allocator, Object... args) {
        if (args == null) args = new Object[]{null};
        if (direct && args.length == params.length) {
            Object r = invokeDirect(allocator, args);
            if (r != NEEDS_CONTEXT) return r;
        }
        lib.checkOpen(decl.name());
        int fixed = params.length;
        if (type.variadic() ? args.length < fixed : args.length != fixed) {
            throw new ArgumentException(decl.name() + " takes " + (type.variadic() ? "at least " : "") + fixed + " argument"
                    + (fixed == 1 ? "" : "s") + ", got " + args.length + ": " + signature());
        }
        try (var ctx = new CallContext()) {
            MethodHandle h;
            Invoker inv = null;
            CallType[] all;
            if (type.variadic()) {
                all = Arrays.copyOf(params, args.length);
                var extra = new ArrayList<CallType>();
                for (int i = fixed; i < args.length; i++) {
                    all[i] = lib.variadicType(args[i], decl.name(), i + 1);
                    extra.add(all[i]);
                }
                h = handle(extra);
            } else {
                all = params;
                h = spread;
                inv = invoker;
                if (inv == null) invoker = inv = Invoker.of(spread);
            }
            int lead = (ret.kind() == CallType.Kind.STRUCT ? 1 : 0) + (errno ? 1 : 0);
            Object[] carriers = new Object[lead + args.length];
            int k = 0;
            if (ret.kind() == CallType.Kind.STRUCT) carriers[k++] = allocator != null ? allocator : resultAllocator;
            MemorySegment capture = null;
            if (errno) carriers[k++] = capture = ctx.arena().allocate(CAPTURE_LAYOUT);
            for (int i = 0; i < args.length; i++) {
                Object a = args[i] instanceof VarArg va ? va.value() : args[i];
                String w = i < fixed ? what[i] : "variadic argument " + (i + 1) + " of " + decl.name();
                carriers[k++] = Conversions.toCarrier(lib, all[i], a, ctx, w);
            }
            Object result;
            try {
                result = inv != null ? inv.call(carriers) : h.invokeExact(carriers);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (capture != null) Errno.set((int) ERRNO_HANDLE.get(capture, 0L));
            ctx.finish();
            Callbacks.rethrowPending(decl.name());
            return Conversions.fromCarrier(lib, ret, result);
        }
    }

    /** Returned by {@link #invokeDirect} when an argument needs a call context after all. */
    private static final Object NEEDS_CONTEXT = new Object();

    /**
     * The common case kept lean: numbers, booleans and struct values (as {@link CStruct} or
     * segments), no errno, not variadic. Nothing needs temporary memory, so no call context is
     * made; a {@code Map} given for a struct does, and sends the call the general way.
     */
    private Object invokeDirect(SegmentAllocator allocator, Object[] args) {
        lib.checkOpen(decl.name());
        boolean structResult = ret.kind() == CallType.Kind.STRUCT;
        Object[] carriers;
        if (structResult) {
            carriers = new Object[args.length + 1];
            carriers[0] = allocator != null ? allocator : resultAllocator;
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof java.util.Map<?, ?>) return NEEDS_CONTEXT;
                carriers[i + 1] = Conversions.toCarrier(lib, params[i], args[i], null, what[i]);
            }
        } else {
            // Copied only when a conversion changes a value: an Integer for an int is passed as is.
            carriers = args;
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof java.util.Map<?, ?>) return NEEDS_CONTEXT;
                Object c = Conversions.toCarrier(lib, params[i], args[i], null, what[i]);
                if (c != args[i]) {
                    if (carriers == args) carriers = args.clone();
                    carriers[i] = c;
                }
            }
        }
        Invoker inv = invoker;
        if (inv == null) invoker = inv = Invoker.of(spread);
        Object result;
        try {
            result = inv.call(carriers);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        Callbacks.rethrowPending(decl.name());
        return Conversions.fromCarrier(lib, ret, result);
    }

    /** The call's handle taking {@code (Object[]) -> Object}, for these variadic argument types. */
    private MethodHandle handle(List<CallType> extra) {
        MethodHandle h = variadic.get(extra);
        if (h != null) return h;
        MethodHandle d = downcall(extra);
        int n = d.type().parameterCount();
        h = d.asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
        variadic.putIfAbsent(extra, h);
        return h;
    }

    CallType returnType() {
        return ret;
    }

    CallType[] parameterTypes() {
        return params.clone();
    }

    FunctionType functionType() {
        return type;
    }

    /** The raw downcall handle with these variadic argument types appended. */
    MethodHandle downcall(List<CallType> extra) {
        var layouts = new ArrayList<MemoryLayout>();
        for (CallType p : params) layouts.add(p.layout());
        for (CallType p : extra) layouts.add(p.layout());
        MemoryLayout[] arr = layouts.toArray(MemoryLayout[]::new);
        FunctionDescriptor fd = ret.kind() == CallType.Kind.VOID ? FunctionDescriptor.ofVoid(arr) : FunctionDescriptor.of(ret.layout(), arr);
        var options = new ArrayList<Linker.Option>();
        if (type.variadic()) options.add(Linker.Option.firstVariadicArg(params.length));
        if (errno) options.add(Linker.Option.captureCallState("errno"));
        try {
            return Linker.nativeLinker().downcallHandle(address, fd, options.toArray(Linker.Option[]::new));
        } catch (IllegalArgumentException e) {
            // E.g. a struct whose aligned(N) exceeds its members' alignment: no layout the linker takes.
            throw new Unsupported("cannot call " + signature() + ": java.lang.foreign's linker rejects its layout: " + e.getMessage());
        }
    }

    /**
     * A C function pointer to {@code target} (any functional interface), typed as parameter
     * {@code index} (0-based) of this function, valid while {@code arena} is open: for passing a
     * callback through a bound interface, or to C code that keeps it beyond one call.
     */
    public MemorySegment callback(int index, Object target, Arena arena) {
        if (index < 0 || index >= params.length || params[index].kind() != CallType.Kind.FUNCTION_POINTER) {
            throw new ArgumentException(decl.name() + ": parameter " + index + " is not a function pointer: " + signature());
        }
        return lib.callbacks().stub(params[index].target(), target, arena, null, what[index]);
    }

    /** Reads the NUL-terminated UTF-8 string a {@code char *} result points to ({@code null} for NULL). */
    public static String string(Object pointerResult) {
        if (pointerResult == null) return null;
        if (!(pointerResult instanceof MemorySegment m)) {
            throw new ArgumentException("expected a pointer result (MemorySegment), got " + pointerResult.getClass().getSimpleName());
        }
        return Conversions.string(m);
    }

    /** Calls the function and reads its {@code char *} result as a string. */
    public String invokeString(Object... args) {
        if (!(ret.kind() == CallType.Kind.POINTER && lib.isCharacterType(ret.target()))) {
            throw new ArgumentException(decl.name() + " returns " + ret.cName() + ", not a character pointer");
        }
        return string(invoke(args));
    }

    @Override
    public String toString() {
        return signature();
    }
}
