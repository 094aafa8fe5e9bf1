package dev.dwarfbind.bind.internal.upcall;

import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.abi.Conventions;
import dev.dwarfbind.bind.internal.jit.Int128Passing;
import dev.dwarfbind.bind.internal.jit.JitCallbacks;
import dev.dwarfbind.bind.internal.value.Stubs;
import dev.dwarfbind.bind.internal.value.ValueContext;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Java objects into C function pointers (upcall stubs), typed by the function pointer's C
 * type from the debug info. Any object implementing a functional interface works: the interface's
 * one abstract method is called with C arguments converted the way dynamic calls return values
 * (pointers as segments sized to their pointee, structs as {@code CStruct} views), and its result
 * converted to the C return type.
 *
 * <p>An exception thrown by the callback is caught (it must not unwind through C), the callback
 * returns zero, and the exception goes where {@link CallbackErrors} says: to the call during which
 * it was thrown, or to the handler.
 */
public final class Callbacks implements Stubs {
    private static final MethodHandle DISPATCH;

    static {
        try {
            DISPATCH = MethodHandles.lookup().findVirtual(Dispatcher.class, "dispatch",
                    MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ValueContext cx;
    private final Int128Passing int128;

    /** The callbacks of psABI code (see {@link Int128Passing}). */
    public Callbacks(ValueContext cx) {
        this(cx, Int128Passing.PSABI);
    }

    /** @param int128 how the code that calls these callbacks passes {@code __int128} arguments */
    public Callbacks(ValueContext cx, Int128Passing int128) {
        this.cx = cx;
        this.int128 = int128;
    }

    /**
     * An upcall stub for {@code target} with C type {@code functionTypeId}, living in
     * {@code arena}.
     */
    @Override
    public MemorySegment stub(int functionTypeId, Object target, Arena arena, String what) {
        FunctionType ft = cx.types().type(functionTypeId, FunctionType.class);
        if (ft.variadic()) throw new ArgumentException(what + ": a variadic function pointer cannot be implemented in Java");
        CallType ret;
        var params = new ArrayList<CallType>();
        try {
            ret = cx.callTypes().of(ft.returnType());
            for (Parameter p : ft.parameters()) params.add(cx.callTypes().of(p.type()));
        } catch (Unsupported u) {
            throw new ArgumentException(what + ": " + u.getMessage());
        }
        // Named as the function pointer C holds: "int (int, int)" becomes "int (*)(int, int)".
        String fn = cx.cName(functionTypeId);
        int paren = fn.indexOf('(');
        String pointer = paren < 0 ? fn + " *" : fn.substring(0, paren) + "(*)" + fn.substring(paren);
        boolean jit = !Conventions.isPlatform(cx.types().target(), ft.convention()) || ret.jit() || ret.kind() == CallType.Kind.STRUCT;
        for (CallType t : params) jit |= t.jit();
        if (!jit) return stub(ret, params, target, arena, what, pointer);
        // What the linker's upcalls cannot take: a thunk of the real signature, compiled by the JIT.
        if (cx.foreign()) throw new ArgumentException(what + ": callbacks of another platform's types cannot run here");
        Dispatcher d = dispatcher(ret, params, target, what, pointer, true);
        try {
            return JitCallbacks.stub(cx.types(), ret, params, ft.convention(), int128, d::dispatch, arena);
        } catch (Unsupported u) {
            throw new ArgumentException(what + ": " + u.getMessage());
        }
    }

    /**
     * An upcall stub for {@code target} with the C signature {@code ret (*)(params)} in the
     * platform's convention, living in {@code arena}.
     *
     * @param cType the function pointer's C spelling, for messages
     */
    public MemorySegment stub(CallType ret, List<CallType> params, Object target, Arena arena, String what, String cType) {
        for (CallType t : params) checkLinkable(t, what);
        checkLinkable(ret, what);
        var d = dispatcher(ret, params, target, what, cType, false);
        MemoryLayout[] layouts = params.stream().map(CallType::layout).toArray(MemoryLayout[]::new);
        FunctionDescriptor fd = ret.kind() == CallType.Kind.VOID ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(ret.layout(), layouts);
        MethodType carriers = fd.toMethodType();
        MethodHandle h = DISPATCH.bindTo(d).asCollector(Object[].class, params.size()).asType(carriers);
        return Linker.nativeLinker().upcallStub(h, fd, arena);
    }

    /**
     * The dispatcher calling {@code target}'s functional method, checked against the C signature;
     * {@code structResult} says whether a struct may be returned (through a JIT thunk's frame, which
     * holds zeros should the callback throw).
     */
    private Dispatcher dispatcher(CallType ret, List<CallType> params, Object target, String what, String cType, boolean structResult) {
        if (target == null) throw new ArgumentException(what + ": null is not a Java callback (pass NULL as a MemorySegment)");
        Method m = functionalMethod(target.getClass());
        if (m == null) {
            throw new ArgumentException(what + ": " + target.getClass().getName()
                    + " implements no functional interface, so it cannot be a C function pointer");
        }
        if (m.getParameterCount() != params.size()) {
            throw new ArgumentException(what + ": " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + " takes "
                    + m.getParameterCount() + " arguments but the C function pointer " + cType + " passes " + params.size());
        }
        if (ret.kind() == CallType.Kind.STRUCT && !structResult) {
            throw new ArgumentException(what + ": a Java callback returning " + ret.cName()
                    + " by value is not supported (dwarfbind could not return a safe value if it threw)");
        }
        try {
            m.setAccessible(true);
        } catch (InaccessibleObjectException e) {
            // Neither a method handle nor reflection could call it later: say so now, at the call
            // that passes it, rather than from inside C when the callback first runs.
            Class<?> i = m.getDeclaringClass();
            throw new ArgumentException(what + ": the callback's interface " + i.getName() + " is in package "
                    + i.getPackageName() + ", which " + i.getModule() + " does not export to "
                    + Callbacks.class.getModule() + ": make it a public interface in an exported package,"
                    + " add 'exports " + i.getPackageName() + " to " + Callbacks.class.getModule().getName()
                    + ";' to module-info.java, or use a java.util.function interface");
        }
        MethodHandle impl;
        try {
            impl = MethodHandles.lookup().unreflect(m).bindTo(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not accessible (e.g. a lambda of a non-exported interface): go through reflection.
            impl = null;
        }
        return new Dispatcher(cx, target, m, impl, ret, params, what, cType, structResult);
    }

    /** A callback spelled in C (not typed by the debug info) goes through the linker's upcalls only. */
    private static void checkLinkable(CallType t, String what) {
        if (t.jit()) {
            throw new ArgumentException(what + ": a Java callback spelled as a C type cannot take or return " + t.cName()
                    + " (name a typedef or a struct member of the library, whose callbacks the JIT implements)");
        }
    }

    /** The single abstract method of a functional interface {@code c} implements, or null. */
    public static Method functionalMethod(Class<?> c) {
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
}
