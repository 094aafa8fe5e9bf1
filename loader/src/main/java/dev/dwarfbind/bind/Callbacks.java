package dev.dwarfbind.bind;

import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Java objects into C function pointers (upcall stubs), typed by the function pointer's C
 * type from the debug info. Any object implementing a functional interface works: the interface's
 * one abstract method is called with C arguments converted the way dynamic calls return values
 * (pointers as segments sized to their pointee, structs as {@link CStruct} views), and its result
 * converted to the C return type.
 *
 * <p>An exception thrown by the callback is caught (it must not unwind through C), the callback
 * returns zero, and the exception is rethrown as a {@link CallbackException} when the native call
 * that led to it returns on the same thread.
 */
final class Callbacks {
    private static final ThreadLocal<Throwable> PENDING = new ThreadLocal<>();
    /** How many callback exceptions wait to be rethrown, on any thread: a cheap test per call. */
    private static final java.util.concurrent.atomic.AtomicInteger PENDING_COUNT = new java.util.concurrent.atomic.AtomicInteger();
    private static final MethodHandle DISPATCH;

    static {
        try {
            DISPATCH = MethodHandles.lookup().findVirtual(Dispatcher.class, "dispatch",
                    MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Library lib;

    Callbacks(Library lib) {
        this.lib = lib;
    }

    /** Throws the exception a callback threw during the last native call on this thread, if any. */
    static void rethrowPending(String function) {
        if (PENDING_COUNT.get() == 0) return;
        Throwable t = PENDING.get();
        if (t != null) {
            PENDING.remove();
            PENDING_COUNT.decrementAndGet();
            throw new CallbackException("a callback passed to " + function + " threw " + t, t);
        }
    }

    /**
     * An upcall stub for {@code target} with C type {@code functionTypeId}, living in
     * {@code arena}.
     */
    MemorySegment stub(int functionTypeId, Object target, Arena arena, CallContext ctx, String what) {
        FunctionType ft = lib.types().type(functionTypeId, FunctionType.class);
        if (ft.variadic()) throw new ArgumentException(what + ": a variadic function pointer cannot be implemented in Java");
        Method m = functionalMethod(target.getClass());
        if (m == null) {
            throw new ArgumentException(what + ": " + target.getClass().getName()
                    + " implements no functional interface, so it cannot be a C function pointer");
        }
        if (m.getParameterCount() != ft.parameters().size()) {
            throw new ArgumentException(what + ": " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + " takes "
                    + m.getParameterCount() + " arguments but the C function pointer " + lib.cName(functionTypeId)
                    + " passes " + ft.parameters().size());
        }
        CallType ret;
        var params = new ArrayList<CallType>();
        try {
            ret = lib.callTypes().of(ft.returnType());
            for (Parameter p : ft.parameters()) params.add(lib.callTypes().of(p.type()));
        } catch (Unsupported u) {
            throw new ArgumentException(what + ": " + u.getMessage());
        }
        if (ret.kind() == CallType.Kind.STRUCT) {
            throw new ArgumentException(what + ": a Java callback returning " + ret.cName()
                    + " by value is not supported (dwarfbind could not return a safe value if it threw)");
        }
        if (ft.convention() != dev.dwarfbind.types.CallingConvention.DEFAULT && !lib.isPlatformConvention(ft.convention())) {
            throw new ArgumentException(what + ": the function pointer uses the " + ft.convention()
                    + " calling convention, which java.lang.foreign's linker cannot produce");
        }
        MethodHandle impl;
        try {
            m.setAccessible(true);
            impl = MethodHandles.lookup().unreflect(m).bindTo(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not accessible (e.g. a lambda of a non-exported interface): go through reflection.
            impl = null;
        }
        var d = new Dispatcher(lib, target, m, impl, ret, params, what);
        MemoryLayout[] layouts = params.stream().map(CallType::layout).toArray(MemoryLayout[]::new);
        FunctionDescriptor fd = ret.kind() == CallType.Kind.VOID ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(ret.layout(), layouts);
        MethodType carriers = fd.toMethodType();
        MethodHandle h = DISPATCH.bindTo(d).asCollector(Object[].class, params.size()).asType(carriers);
        return Linker.nativeLinker().upcallStub(h, fd, arena);
    }

    /** The single abstract method of a functional interface {@code c} implements, or null. */
    static Method functionalMethod(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                Method m = singleAbstract(i);
                if (m != null) return m;
            }
        }
        return null;
    }

    private static Method singleAbstract(Class<?> i) {
        Method found = null;
        for (Method m : i.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) continue;
            if (found != null) return null;
            found = m;
        }
        return found;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Converts one upcall's C arguments to Java, calls the target, converts the result back. */
    static final class Dispatcher {
        private final Library lib;
        private final Object target;
        private final Method method;
        private final MethodHandle impl;
        private final CallType ret;
        private final List<CallType> params;
        private final String what;

        Dispatcher(Library lib, Object target, Method method, MethodHandle impl, CallType ret, List<CallType> params, String what) {
            this.lib = lib;
            this.target = target;
            this.method = method;
            this.impl = impl;
            this.ret = ret;
            this.params = params;
            this.what = what;
        }

        public Object dispatch(Object[] carriers) {
            try {
                Class<?>[] types = method.getParameterTypes();
                Object[] args = new Object[carriers.length];
                for (int i = 0; i < args.length; i++) args[i] = toJava(params.get(i), carriers[i], types[i]);
                Object result = impl != null ? impl.invokeWithArguments(args) : method.invoke(target, args);
                if (ret.kind() == CallType.Kind.VOID) return null;
                if (ret.kind() == CallType.Kind.STRUCT || ret.kind() == CallType.Kind.FUNCTION_POINTER
                        || ret.kind() == CallType.Kind.POINTER && result instanceof String) {
                    throw new ArgumentException(what + ": a Java callback cannot return " + ret.cName() + " from " + result);
                }
                return Conversions.toCarrier(lib, ret, result, null, what + " (callback result)");
            } catch (Throwable t) {
                Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : t;
                if (PENDING.get() == null) {
                    PENDING.set(cause);
                    PENDING_COUNT.incrementAndGet();
                }
                return zero(ret);
            }
        }

        private Object toJava(CallType ct, Object carrier, Class<?> javaType) {
            Object natural = Conversions.fromCarrier(lib, ct, carrier);
            if (javaType == int.class || javaType == Integer.class) return ((Number) natural).intValue();
            if (javaType == long.class || javaType == Long.class) return ((Number) natural).longValue();
            if (javaType == short.class || javaType == Short.class) return ((Number) natural).shortValue();
            if (javaType == byte.class || javaType == Byte.class) return ((Number) natural).byteValue();
            if (javaType == double.class || javaType == Double.class) return ((Number) natural).doubleValue();
            if (javaType == float.class || javaType == Float.class) return ((Number) natural).floatValue();
            if (javaType == String.class && natural instanceof MemorySegment m) return Conversions.string(m);
            return natural;
        }

        private static Object zero(CallType ret) {
            return switch (ret.kind()) {
                case VOID -> null;
                case BOOL -> false;
                case FLOAT -> 0f;
                case DOUBLE -> 0d;
                case INT -> switch ((int) ret.layout().byteSize()) {
                    case 1 -> (byte) 0;
                    case 2 -> (short) 0;
                    case 4 -> 0;
                    default -> 0L;
                };
                default -> MemorySegment.NULL;
            };
        }
    }
}
