package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.abi.Conventions;
import dev.dwarfbind.bind.internal.abi.StructResults;
import dev.dwarfbind.bind.internal.abi.VariadicTypes;
import dev.dwarfbind.bind.internal.jit.JavaForm;
import dev.dwarfbind.bind.internal.upcall.CallbackErrors;
import dev.dwarfbind.bind.internal.value.CallContext;
import dev.dwarfbind.bind.internal.value.Conversions;
import dev.dwarfbind.bind.internal.value.ValueContext;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One exported function made callable: its C signature classified for the linker (every
 * parameter and the return as a {@link CallType}), its downcall handles, and the dynamic call
 * that converts Java values by those types. Made once per function and option set; thread-safe.
 */
public final class CallPlan {
    /** Returned by {@link #invokeDirect} when an argument needs a call context after all. */
    private static final Object NEEDS_CONTEXT = new Object();

    private final LoadedLibrary lib;
    private final ValueContext cx;
    private final FunctionDecl decl;
    private final FunctionType type;
    private final MemorySegment address;
    private final CallType ret;
    private final CallType[] params;
    private final String[] what;
    /** What each call captures of the thread's state (errno, Windows' last error). */
    private final CapturePlan capture;
    private final boolean critical;
    private final MethodHandle spread;
    /**
     * Generated once the function has been called {@link #CALLS_BEFORE_INVOKER} times: binding
     * every function of a library stays cheap, and a program calling a function a few times
     * never pays for generating a class (nor for loading the ClassFile API at start-up).
     */
    private volatile Invoker invoker;
    private static final int CALLS_BEFORE_INVOKER = 16;
    /** For scalar signatures, the allocation-free path (see {@link UnboxingInvoker}); made with the invoker. */
    private volatile UnboxingInvoker unboxing;
    /** Calls so far without an invoker; racy on purpose, it only decides when to generate one. */
    private int calls;
    private final Map<List<CallType>, MethodHandle> variadic = new ConcurrentHashMap<>();
    private final SegmentAllocator resultAllocator;
    /** Whether calls can skip the call context (see invokeDirect). */
    private final boolean direct;
    /** Whether calls go through a JIT-compiled wrapper (the linker cannot make them). */
    private final boolean jit;

    CallPlan(LoadedLibrary lib, FunctionDecl decl, MemorySegment address, CallFlags flags) {
        this.lib = lib;
        this.cx = lib.values();
        this.decl = decl;
        this.type = cx.types().signature(decl);
        this.address = address;
        // First: a feature of another OS is refused as such, whatever the signature.
        this.capture = CapturePlan.host(flags);
        this.critical = flags.critical();
        var problems = new ArrayList<String>();
        CallType r = null;
        try {
            r = cx.callTypes().of(type.returnType());
        } catch (Unsupported u) {
            problems.add("return type " + u.getMessage());
        }
        params = new CallType[type.parameters().size()];
        what = new String[params.length];
        for (int i = 0; i < params.length; i++) {
            Parameter p = type.parameters().get(i);
            what[i] = "argument " + (i + 1) + (p.name() == null ? "" : " (" + p.name() + ")") + " of " + decl.name();
            try {
                params[i] = cx.callTypes().parameter(p.type(), type.prototyped());
            } catch (Unsupported u) {
                problems.add("parameter " + (i + 1) + (p.name() == null ? "" : " (" + p.name() + ")") + ": " + u.getMessage());
            }
        }
        if (critical) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] != null && params[i].kind() == CallType.Kind.FUNCTION_POINTER) {
                    problems.add("parameter " + (i + 1) + " is a function pointer, and a critical call cannot call back into Java"
                            + " (bind it without CallOption.CRITICAL)");
                }
            }
        }
        boolean needsJit = !Conventions.isPlatform(cx.types().target(), type.convention()) || r != null && r.jit();
        for (CallType p : params) needsJit |= p != null && p.jit();
        if (needsJit && problems.isEmpty()) {
            String why = jitProblem();
            if (why != null) problems.add(why);
        }
        if (!problems.isEmpty()) {
            throw new Unsupported("cannot call " + signature() + (critical ? " as a critical function" : "") + ":\n  "
                    + String.join("\n  ", problems));
        }
        jit = needsJit;
        ret = r;
        resultAllocator = StructResults.allocator(ret);
        boolean simple = !type.variadic() && !capture.captures();
        for (CallType p : params) {
            simple &= switch (p.kind()) {
                case INT, BOOL, FLOAT, DOUBLE, STRUCT, LONG_DOUBLE, INT128, FLOAT16, COMPLEX -> true;
                // A critical call passes heap memory as it is: no temporary to make.
                case POINTER -> critical;
                default -> false;
            };
        }
        direct = simple;
        spread = type.variadic() ? null : handle(List.of());
    }

    /** The C declaration, e.g. {@code int add(int a, int b);}. */
    public String signature() {
        return CPrinter.declaration(cx.types(), decl);
    }

    public FunctionDecl declaration() {
        return decl;
    }

    public FunctionType functionType() {
        return type;
    }

    public MemorySegment address() {
        return address;
    }

    public CallType returnType() {
        return ret;
    }

    /** The parameters' call types (a copy). */
    public CallType[] parameterTypes() {
        return params.clone();
    }

    /** What calls capture of the thread's state. */
    public CapturePlan capture() {
        return capture;
    }

    /** Whether calls are critical (see {@link CallFlags#critical}). */
    public boolean critical() {
        return critical;
    }

    /**
     * Calls the function with Java values converted by the C types; variadic arguments by C's
     * default promotions, or by the type a {@link TypedArg} names. A struct result goes in
     * {@code allocator}, or in memory of the documented default kind when it is null. When
     * {@code allocator} is an {@link Arena}, the call's temporaries (strings, array copies,
     * callback stubs) go in it too and outlive the call.
     */
    public Object invoke(SegmentAllocator allocator, Object[] args) {
        // Kept small so that the JIT inlines it into the caller: with the unboxing invoker
        // inlined too, escape analysis removes the varargs array and the boxes.
        UnboxingInvoker u = unboxing;
        // An Arena given as allocator asks for the call's strings to outlive it: the general path.
        if (u != null && args != null && !(allocator instanceof Arena)) {
            lib.checkOpen(decl.name());
            Object r;
            try {
                r = u.call(args);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (r != UnboxingInvoker.SLOW) {
                CallbackErrors.afterCall(decl.name());
                return Conversions.fromCarrier(cx, ret, r);
            }
        }
        return invokeChecked(allocator, args);
    }

    /** The general path: every conversion rule, temporaries, variadic arguments, captured state. */
    private Object invokeChecked(SegmentAllocator allocator, Object[] args) {
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
        try (var ctx = new CallContext(allocator instanceof Arena a ? a : null)) {
            MethodHandle h;
            Invoker inv = null;
            CallType[] all;
            if (type.variadic()) {
                all = Arrays.copyOf(params, args.length);
                var extra = new ArrayList<CallType>();
                for (int i = fixed; i < args.length; i++) {
                    all[i] = variadicType(args[i], i + 1);
                    extra.add(all[i]);
                }
                h = handle(extra);
            } else {
                all = params;
                h = spread;
                inv = invoker();
            }
            int lead = (ret.kind() == CallType.Kind.STRUCT ? 1 : 0) + (capture.captures() ? 1 : 0);
            Object[] carriers = new Object[lead + args.length];
            int k = 0;
            if (ret.kind() == CallType.Kind.STRUCT) carriers[k++] = allocator != null ? allocator : resultAllocator;
            // The thread's own capture segment: the linker writes errno (and so on) straight where
            // Errno.last() reads it.
            if (capture.captures()) carriers[k++] = CapturedState.HOST.segment();
            for (int i = 0; i < args.length; i++) {
                Object a = args[i] instanceof TypedArg t ? t.value() : args[i];
                String w = i < fixed ? what[i] : "variadic argument " + (i + 1) + " of " + decl.name();
                carriers[k++] = Conversions.toCarrier(cx, all[i], a, ctx, w, critical);
            }
            Object result;
            try {
                result = inv != null ? inv.call(carriers) : h.invokeExact(carriers);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            // First, so that nothing can leave a callback's exception behind for a later call.
            CallbackErrors.afterCall(decl.name());
            ctx.finish();
            return Conversions.fromCarrier(cx, ret, result);
        }
    }

    /** The generated invoker, or null while the function has been called only a few times. */
    private Invoker invoker() {
        Invoker inv = invoker;
        if (inv == null && ++calls >= CALLS_BEFORE_INVOKER) {
            boolean[] strings = new boolean[params.length];
            // A critical call passes a String as a heap array, which the general path does.
            for (int i = 0; i < params.length; i++) {
                strings[i] = !critical && params[i].kind() == CallType.Kind.POINTER && cx.isCharacterType(params[i].target());
            }
            if (!capture.captures() && !type.variadic() && UnboxingInvoker.supports(ret, params, strings)) {
                unboxing = UnboxingInvoker.of(downcall(List.of()), ret, params, strings);
            }
            invoker = inv = Invoker.of(spread);
        }
        return inv;
    }

    private CallType variadicType(Object arg, int position) {
        String w = "variadic argument " + position + " of " + decl.name();
        if (arg instanceof TypedArg t) return lib.variadic().of(t.cType(), t.value(), w);
        if (arg != null && (cx.api().structType(arg) >= 0 || cx.api().functionAddress(arg) != null)) {
            return VariadicTypes.pointer("void *", -1);
        }
        return lib.variadic().of(null, arg, w);
    }

    /**
     * The common case kept lean: numbers, booleans and struct values (as struct views or
     * segments), no captured state, not variadic. Nothing needs temporary memory, so no call context is
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
                if (args[i] instanceof Map<?, ?>) return NEEDS_CONTEXT;
                carriers[i + 1] = Conversions.toCarrier(cx, params[i], args[i], null, what[i], critical);
            }
        } else {
            // Copied only when a conversion changes a value: an Integer for an int is passed as is.
            carriers = args;
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Map<?, ?>) return NEEDS_CONTEXT;
                Object c = Conversions.toCarrier(cx, params[i], args[i], null, what[i], critical);
                if (c != args[i]) {
                    if (carriers == args) carriers = args.clone();
                    carriers[i] = c;
                }
            }
        }
        Invoker inv = invoker();
        Object result;
        try {
            result = inv != null ? inv.call(carriers) : spread.invokeExact(carriers);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        CallbackErrors.afterCall(decl.name());
        return Conversions.fromCarrier(cx, ret, result);
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

    /**
     * The raw downcall handle with these variadic argument types appended, with the linker's
     * carrier types; a struct return takes a leading {@link SegmentAllocator}, a capturing call
     * the capture segment next.
     */
    public MethodHandle downcall(List<CallType> extra) {
        return downcall(extra, null);
    }

    /**
     * {@link #downcall(List)}, with the values only the JIT passes taken and returned as {@code forms}
     * says, per parameter and then (at index {@code parameters + extra}) for the result: a {@code long
     * double} as a Java {@code double}, an {@code __int128} as the API's 128-bit integer, which is what a
     * bound method declared so uses and costs no conversion in Java. {@code forms} may be null.
     */
    public MethodHandle downcall(List<CallType> extra, JavaForm[] forms) {
        var layouts = new ArrayList<MemoryLayout>();
        for (CallType p : params) layouts.add(p.layout());
        for (CallType p : extra) layouts.add(p.layout());
        MemoryLayout[] arr = layouts.toArray(MemoryLayout[]::new);
        FunctionDescriptor fd = ret.kind() == CallType.Kind.VOID ? FunctionDescriptor.ofVoid(arr) : FunctionDescriptor.of(ret.layout(), arr);
        var options = new ArrayList<Linker.Option>();
        if (type.variadic()) options.add(Linker.Option.firstVariadicArg(params.length));
        options.addAll(List.of(capture.options()));
        if (critical) options.add(Linker.Option.critical(true));
        Linker.Option[] opts = options.toArray(Linker.Option[]::new);
        if (jit) {
            // The wrapper itself is not variadic: only the capture applies to its downcall.
            CallType[] all = Arrays.copyOf(params, params.length + extra.size());
            for (int i = 0; i < extra.size(); i++) all[params.length + i] = extra.get(i);
            return lib.jit().downcall(address, ret, all, type.variadic() ? params.length : -1, type.convention(), forms,
                    signature(), capture.options());
        }
        try {
            return lib.downcalls().downcall(address, fd, signature(), opts);
        } catch (Unsupported refused) {
            // E.g. a struct aligned beyond its members, which the linker has no layout for: the JIT's C
            // wrapper declares it as it is.
            if (!extra.isEmpty() || jitProblem() != null) throw refused;
            return lib.jit().downcall(address, ret, params, -1, type.convention(), forms, signature(), opts);
        }
    }

    /** Whether the calls the JIT wraps may include this one; null if so, else why not. */
    private String jitProblem() {
        if (!type.prototyped()) return "the JIT does not call unprototyped (K&R) functions (" + what() + ")";
        if (critical) return "a call through the JIT cannot be critical (bind it without CallOption.CRITICAL)";
        return null;
    }

    private String what() {
        var kinds = new ArrayList<String>();
        if (!Conventions.isPlatform(cx.types().target(), type.convention())) kinds.add("the " + type.convention() + " convention");
        return kinds.isEmpty() ? "types java.lang.foreign's linker cannot pass" : String.join(", ", kinds);
    }

    /**
     * A C function pointer to {@code target} typed as parameter {@code index} (0-based), valid
     * while {@code arena} is open.
     */
    public MemorySegment callback(int index, Object target, Arena arena) {
        if (index < 0 || index >= params.length || params[index].kind() != CallType.Kind.FUNCTION_POINTER) {
            throw new ArgumentException(decl.name() + ": parameter " + index + " is not a function pointer: " + signature());
        }
        return cx.stubs().stub(params[index].target(), target, arena, what[index]);
    }
}
