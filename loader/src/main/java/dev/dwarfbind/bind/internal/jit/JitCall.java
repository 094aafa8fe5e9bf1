package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.value.Int128;
import dev.dwarfbind.bind.internal.value.X87;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One function called through its wrapper: writes the carrier values the linker path would pass into
 * a frame, calls the wrapper with the function's address and the frame, and reads the result back as
 * the linker path's carrier. {@link #handle()} has the linker's shape (a leading {@link SegmentAllocator}
 * for a struct result, then the errno capture segment if asked for, then the parameters' carriers), so
 * the rest of the loader cannot tell the paths apart.
 *
 * <p>Each thread reuses one frame; a call made while the thread's frame is in use (a callback calling
 * back into C) takes a fresh one, since the outer call's result may not be written yet.
 */
final class JitCall {
    private static final MethodHandle CALL;

    static {
        try {
            CALL = MethodHandles.lookup().findVirtual(JitCall.class, "call", MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MemorySegment function;
    /** {@code (long fn, long frame)} or, capturing errno, {@code (MemorySegment capture, long fn, long frame)}. */
    private final MethodHandle wrapper;
    private final boolean capture;
    private final CallType ret;
    private final CallType[] params;
    private final Frame frame;
    private final ThreadLocal<Scratch> scratch;

    /** A thread's frame and whether a call on that thread is using it. */
    private static final class Scratch {
        final MemorySegment memory;
        boolean busy;

        Scratch(MemorySegment memory) {
            this.memory = memory;
        }
    }

    JitCall(MemorySegment function, MethodHandle wrapper, boolean capture, CallType ret, CallType[] params, Frame frame) {
        this.function = function;
        this.wrapper = wrapper;
        this.capture = capture;
        this.ret = ret;
        this.params = params.clone();
        this.frame = frame;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(Arena.ofAuto().allocate(frame.size(), frame.alignment())));
    }

    /** The call as a method handle of the linker's shape (see the class comment). */
    MethodHandle handle() {
        boolean struct = ret.kind() == CallType.Kind.STRUCT;
        var types = new java.util.ArrayList<Class<?>>();
        if (struct) types.add(SegmentAllocator.class);
        if (capture) types.add(MemorySegment.class);
        for (CallType p : params) types.add(p.carrier());
        Class<?> r = ret.kind() == CallType.Kind.VOID ? void.class : ret.carrier();
        return CALL.bindTo(this).asCollector(Object[].class, types.size()).asType(MethodType.methodType(r, types));
    }

    private Object call(Object[] a) throws Throwable {
        Scratch s = scratch.get();
        if (s.busy) {
            try (Arena arena = Arena.ofConfined()) {
                return callIn(arena.allocate(frame.size(), frame.alignment()), a);
            }
        }
        s.busy = true;
        try {
            return callIn(s.memory, a);
        } finally {
            s.busy = false;
        }
    }

    private Object callIn(MemorySegment f, Object[] a) throws Throwable {
        int k = 0;
        SegmentAllocator allocator = ret.kind() == CallType.Kind.STRUCT ? (SegmentAllocator) a[k++] : null;
        MemorySegment captured = capture ? (MemorySegment) a[k++] : null;
        for (int i = 0; i < params.length; i++) write(f, frame.offsets()[i], params[i], a[k + i]);
        if (capture) {
            wrapper.invokeExact(captured, function.address(), f.address());
        } else {
            wrapper.invokeExact(function.address(), f.address());
        }
        // The frame was passed as an address: keep its memory until the call has returned.
        Reference.reachabilityFence(f);
        return read(f, frame.result(), ret, allocator);
    }

    private static void write(MemorySegment f, long at, CallType ct, Object v) {
        switch (ct.kind()) {
            case INT -> {
                switch (v) {
                    case Byte b -> f.set(ValueLayout.JAVA_BYTE, at, b);
                    case Short x -> f.set(ValueLayout.JAVA_SHORT, at, x);
                    case Integer x -> f.set(ValueLayout.JAVA_INT, at, x);
                    default -> f.set(ValueLayout.JAVA_LONG, at, (Long) v);
                }
            }
            case BOOL -> f.set(ValueLayout.JAVA_BYTE, at, (byte) ((Boolean) v ? 1 : 0));
            case FLOAT -> f.set(ValueLayout.JAVA_FLOAT, at, (Float) v);
            case DOUBLE -> f.set(ValueLayout.JAVA_DOUBLE, at, (Double) v);
            case FLOAT16 -> f.set(ValueLayout.JAVA_SHORT, at, Float.floatToFloat16((Float) v));
            case POINTER, FUNCTION_POINTER -> f.set(ValueLayout.JAVA_LONG, at, ((MemorySegment) v).address());
            case STRUCT -> MemorySegment.copy((MemorySegment) v, 0, f, at, ct.layout().byteSize());
            case LONG_DOUBLE -> longDouble(f, at, (Number) v);
            case INT128 -> Int128.write(f, at, (BigInteger) v);
            case COMPLEX -> {
                Number[] parts = (Number[]) v;
                longDouble(f, at, parts[0]);
                longDouble(f, at + 16, parts[1]);
            }
            case VOID -> throw new IllegalArgumentException("void parameter");
        }
    }

    private static void longDouble(MemorySegment f, long at, Number v) {
        if (v instanceof BigDecimal b) {
            X87.write(f, at, b);
        } else {
            X87.write(f, at, v.doubleValue());
        }
    }

    private static Object read(MemorySegment f, long at, CallType ct, SegmentAllocator allocator) {
        return switch (ct.kind()) {
            case VOID -> null;
            case INT -> switch ((int) ct.layout().byteSize()) {
                case 1 -> f.get(ValueLayout.JAVA_BYTE, at);
                case 2 -> f.get(ValueLayout.JAVA_SHORT, at);
                case 4 -> f.get(ValueLayout.JAVA_INT, at);
                default -> f.get(ValueLayout.JAVA_LONG, at);
            };
            case BOOL -> f.get(ValueLayout.JAVA_BYTE, at) != 0;
            case FLOAT -> f.get(ValueLayout.JAVA_FLOAT, at);
            case DOUBLE -> f.get(ValueLayout.JAVA_DOUBLE, at);
            case FLOAT16 -> Float.float16ToFloat(f.get(ValueLayout.JAVA_SHORT, at));
            case POINTER, FUNCTION_POINTER -> MemorySegment.ofAddress(f.get(ValueLayout.JAVA_LONG, at));
            case STRUCT -> {
                MemorySegment r = allocator.allocate(ct.layout().byteSize(), ct.layout().byteAlignment());
                MemorySegment.copy(f, at, r, 0, ct.layout().byteSize());
                yield r;
            }
            case LONG_DOUBLE -> X87.value(f, at);
            case INT128 -> Int128.read(f, at, ct.min() != 0);
            case COMPLEX -> new Number[] {X87.value(f, at), X87.value(f, at + 16)};
        };
    }
}
