package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.llvm.ToolNotFoundException;
import dev.dwarfbind.llvm.jit.ClangCompiler;
import dev.dwarfbind.llvm.jit.LlvmException;
import dev.dwarfbind.llvm.jit.OrcJit;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JIT of one library: its ORC LLJIT (made, and libLLVM loaded, on the first call that needs it),
 * its wrappers cached per C signature, and the shared arena their addresses live in. Closing the
 * library closes the arena, whose cleanup frees the LLJIT and its code; a call through a wrapper
 * after that fails with {@link IllegalStateException} (the linker checks the address segment's arena
 * on every call) instead of jumping into freed memory. Thread-safe.
 */
public final class JitDowncalls implements AutoCloseable {
    /** One clang for every library: compiled wrappers are cached per source text for the JVM's life. */
    private static final class Compiler {
        static final ClangCompiler CLANG = ClangCompiler.system(List.of("-O2", "-fno-stack-protector", "-w"));
    }

    /**
     * {@code void w(void *fn, char *frame)}, both passed as integers (the same registers on every
     * platform the JIT runs on): a segment argument would make each call acquire and release the
     * frame's arena, and the caller keeps the frame reachable itself.
     */
    private static final FunctionDescriptor WRAPPER = FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    private final TypeSystem ts;
    private final Map<String, MemorySegment> wrappers = new ConcurrentHashMap<>();
    private OrcJit jit;
    private Arena arena;
    private boolean closed;

    public JitDowncalls(TypeSystem ts) {
        this.ts = ts;
    }

    /**
     * A method handle calling {@code function} as {@code ret (cc *)(params)} (variadic after the first
     * {@code fixed} parameters, unless {@code fixed} is -1), with the linker's carrier
     * shape: a leading {@code SegmentAllocator} for a struct result, then the errno capture segment when
     * {@code options} ask for it, then the parameters.
     *
     * @param what the function, for messages
     * @throws Unsupported if clang or LLVM cannot make the wrapper (their message included), or the
     *                     LLVM toolchain is not installed
     */
    public MethodHandle downcall(MemorySegment function, CallType ret, CallType[] params, int fixed, CallingConvention cc,
                                 String what, Linker.Option... options) {
        Frame frame = Frame.of(ret, params);
        String body;
        try {
            body = WrapperSource.of(ts, ret, params, fixed, cc, frame, "dwb_w");
        } catch (Unsupported u) {
            throw new Unsupported("cannot call " + what + " through the JIT: " + u.getMessage());
        }
        MemorySegment wrapper = wrapper(body, what);
        MethodHandle h = Linker.nativeLinker().downcallHandle(WRAPPER, options);
        h = MethodHandles.insertArguments(h, 0, wrapper);
        boolean capture = h.type().parameterCount() == 3;
        return new JitCall(function, h, capture, ret, params, frame).handle();
    }

    /** The address of the wrapper {@code source} defines (as {@code dwb_w}), compiling it on first use. */
    private MemorySegment wrapper(String source, String what) {
        MemorySegment w = wrappers.get(source);
        if (w != null) return w;
        synchronized (this) {
            w = wrappers.get(source);
            if (w != null) return w;
            if (closed) throw new IllegalStateException("the library is closed: cannot call " + what);
            // Unique per distinct signature: the LLJIT's one dylib holds every wrapper of the library.
            String symbol = "dwb_w_" + digest(source);
            String named = source.replace(" dwb_w(", " " + symbol + "(");
            try {
                byte[] bitcode = Compiler.CLANG.bitcode(named);
                OrcJit j = jit();
                j.add(bitcode, symbol);
                long address = j.lookup(symbol);
                w = MemorySegment.ofAddress(address).reinterpret(arena, null);
            } catch (LlvmException | ToolNotFoundException e) {
                throw new Unsupported("cannot call " + what + " through the JIT: " + e.getMessage());
            }
            wrappers.put(source, w);
            return w;
        }
    }

    private OrcJit jit() {
        if (jit == null) {
            OrcJit j = new OrcJit();
            Arena a = Arena.ofShared();
            // Frees the JIT once the arena is closed, that is once no call through a wrapper is running.
            MemorySegment.NULL.reinterpret(a, s -> j.close());
            jit = j;
            arena = a;
        }
        return jit;
    }

    /** Whether the JIT was made and its memory has been freed (the library closed with no call running). */
    public synchronized boolean released() {
        return arena != null && !arena.scope().isAlive();
    }

    /** Whether any wrapper has been compiled (libLLVM loaded) for this library. */
    public synchronized boolean started() {
        return jit != null;
    }

    /**
     * Frees the JIT and its wrappers. If a call through a wrapper is running on another thread at that
     * moment, the code it runs cannot be freed: the JIT is then kept (held until the JVM exits) rather
     * than {@code close()} failing; later calls fail all the same, since the library is closed.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (arena != null) {
            try {
                arena.close();
            } catch (IllegalStateException running) {
                // A call is running: leave the arena (and the JIT) alive rather than fail close().
            }
        }
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
