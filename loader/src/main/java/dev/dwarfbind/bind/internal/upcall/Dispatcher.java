package dev.dwarfbind.bind.internal.upcall;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.value.Conversions;
import dev.dwarfbind.bind.internal.value.ValueContext;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;

/** Converts one upcall's C arguments to Java, calls the target, converts the result back. */
final class Dispatcher {
    private final ValueContext cx;
    private final Object target;
    private final Method method;
    private final MethodHandle impl;
    private final CallType ret;
    private final List<CallType> params;
    private final String what;
    private final String cType;
    /** Whether a struct may be returned: through a JIT thunk's frame. */
    private final boolean structResult;

    Dispatcher(ValueContext cx, Object target, Method method, MethodHandle impl, CallType ret, List<CallType> params, String what,
               String cType, boolean structResult) {
        this.cType = cType;
        this.structResult = structResult;
        this.cx = cx;
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
            if (ret.kind() == CallType.Kind.STRUCT && (!structResult || result instanceof java.util.Map<?, ?>)
                    || ret.kind() == CallType.Kind.FUNCTION_POINTER
                    || ret.kind() == CallType.Kind.POINTER && result instanceof String) {
                throw new ArgumentException(what + ": a Java callback cannot return " + ret.cName() + " from " + result);
            }
            // A thunk's frame takes an __int128 result as a BigInteger, whichever the callback returned.
            if (ret.kind() == CallType.Kind.INT128) return Conversions.int128(cx, ret, result, what + " (callback result)");
            return Conversions.toCarrier(cx, ret, result, null, what + " (callback result)");
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : t;
            CallbackErrors.thrown(cType, cause);
            return zero(ret);
        }
    }

    private Object toJava(CallType ct, Object carrier, Class<?> javaType) {
        Object natural = Conversions.fromCarrier(cx, ct, carrier);
        if (javaType == int.class || javaType == Integer.class) return ((Number) natural).intValue();
        if (javaType == long.class || javaType == Long.class) return ((Number) natural).longValue();
        if (javaType == short.class || javaType == Short.class) return ((Number) natural).shortValue();
        if (javaType == byte.class || javaType == Byte.class) return ((Number) natural).byteValue();
        if (javaType == double.class || javaType == Double.class) return ((Number) natural).doubleValue();
        if (javaType == float.class || javaType == Float.class) return ((Number) natural).floatValue();
        if (javaType == String.class && natural instanceof MemorySegment m) return Conversions.string(m);
        if (natural instanceof java.math.BigInteger b && javaType == cx.api().int128().type()) return cx.api().int128().of(b);
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
            // Left as the zeros a JIT thunk's frame holds.
            case STRUCT, LONG_DOUBLE, INT128, FLOAT16, COMPLEX -> null;
            default -> MemorySegment.NULL;
        };
    }
}
