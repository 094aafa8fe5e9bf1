package dev.dwarfbind.bind.internal.upcall;

import dev.dwarfbind.bind.error.CallbackException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Where the exception of a Java callback goes. It cannot unwind through C, so the callback
 * returns C its default value and the exception is kept for the call it belongs to:
 * <ul>
 * <li>if a dwarfbind call (dynamic or bound) is on the thread's stack below the callback, it is
 *     rethrown as a {@link CallbackException} by that call when it returns, and by no other;</li>
 * <li>otherwise — a native thread C started, or a callback reached through a raw downcall — no
 *     call can own it, and it goes to the handler ({@link #setHandler}; by default a warning on
 *     {@code System.Logger} "dev.dwarfbind", naming the callback's C type).</li>
 * </ul>
 * Looking at the stack happens only when a callback throws; a call that returns checks one
 * counter, so calls stay as cheap as without callbacks.
 */
public final class CallbackErrors {
    private static final ThreadLocal<Throwable> PENDING = new ThreadLocal<>();
    /** How many exceptions wait to be rethrown, on any thread: the cheap test every call makes. */
    private static final AtomicInteger PENDING_COUNT = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger("dev.dwarfbind");
    private static final BiConsumer<String, Throwable> LOG_IT = (cType, t) ->
            LOG.log(System.Logger.Level.WARNING, "a Java callback of C type " + cType
                    + " threw outside any dwarfbind call (C got the default value)", t);
    private static volatile BiConsumer<String, Throwable> handler = LOG_IT;
    /** Frames of a dwarfbind call: the dynamic call path and generated bound classes. */
    private static final Set<String> CALL_FRAMES = Set.of("dev.dwarfbind.bind.internal.call.CallPlan");
    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(StackWalker.Option.SHOW_HIDDEN_FRAMES));

    /** {@code (String function) -> void}: what a generated bound method calls after its downcall. */
    public static final MethodHandle AFTER_CALL;

    static {
        try {
            AFTER_CALL = MethodHandles.lookup().findStatic(CallbackErrors.class, "afterCall",
                    MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallbackErrors() {
    }

    /**
     * Sets what receives exceptions of callbacks that threw while no dwarfbind call was running
     * on their thread: the callback's C type and the exception. {@code null} restores the default.
     */
    public static void setHandler(BiConsumer<String, Throwable> h) {
        handler = h == null ? LOG_IT : h;
    }

    /** Called by a callback that threw: keeps {@code t} for the call below, or hands it to the handler. */
    static void thrown(String cType, Throwable t) {
        if (insideCall()) {
            if (PENDING.get() == null) {
                PENDING.set(t);
                PENDING_COUNT.incrementAndGet();
            } else {
                PENDING.get().addSuppressed(t);
            }
            return;
        }
        try {
            handler.accept(cType, t);
        } catch (Throwable ignored) {
            // The handler must not unwind through C either.
        }
    }

    private static boolean insideCall() {
        return WALKER.walk(frames -> frames.anyMatch(f -> CALL_FRAMES.contains(f.getClassName())
                || f.getClassName().contains("DwarfbindBound$")));
    }

    /** Throws the exception a callback threw during the call of {@code function} that just returned, if any. */
    public static void afterCall(String function) {
        if (PENDING_COUNT.get() == 0) return;
        Throwable t = PENDING.get();
        if (t != null) {
            PENDING.remove();
            PENDING_COUNT.decrementAndGet();
            throw new CallbackException("a callback passed to " + Objects.requireNonNullElse(function, "a C function")
                    + " threw " + t, t);
        }
    }
}
