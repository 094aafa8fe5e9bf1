package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.value.Int128Api;
import dev.dwarfbind.llvm.ToolNotFoundException;
import dev.dwarfbind.llvm.jit.ClangCompiler;
import dev.dwarfbind.llvm.jit.LlvmException;
import dev.dwarfbind.llvm.jit.OrcJit;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JIT of one library: its ORC LLJIT (made, and libLLVM loaded, on the first call that needs it) and
 * its wrappers cached per C signature and way of passing values. Closing the library makes later calls
 * through its wrappers fail with {@link IllegalStateException} ({@link JitState}); the LLJIT and its code
 * are freed once nothing can call them: the wrappers' addresses live in an automatic arena, which every
 * call handle made from them keeps alive, and whose cleanup disposes the LLJIT. (The alternative, a shared
 * arena closed with the library, makes every call acquire and release it: two atomic updates, as much as
 * the whole of a plain downcall.) Thread-safe.
 */
public final class JitDowncalls implements AutoCloseable {
    /** One clang for every library: compiled wrappers are cached per source text for the JVM's life. */
    private static final class Compiler {
        static final ClangCompiler CLANG = ClangCompiler.system(List.of("-O2", "-fno-stack-protector", "-w"));
    }

    /** The clang compiling wrappers and thunks (found on first use). */
    static ClangCompiler clang() {
        return Compiler.CLANG;
    }

    private final TypeSystem ts;
    private final Int128Passing int128;
    private final Int128Api int128Value;
    private final JitState state = new JitState();
    private final Map<String, MemorySegment> wrappers = new ConcurrentHashMap<>();
    /** Set by the arena's cleanup once the LLJIT has been disposed. */
    private final AtomicBoolean released = new AtomicBoolean();
    private OrcJit jit;
    private Arena arena;
    private boolean started;
    private boolean closed;

    /**
     * @param int128      how the library's code passes {@code __int128} arguments
     * @param int128Value the API's 128-bit integer, which {@code __int128} arguments and results may be
     */
    public JitDowncalls(TypeSystem ts, Int128Passing int128, Int128Api int128Value) {
        this.ts = ts;
        this.int128 = int128;
        this.int128Value = int128Value;
    }

    /**
     * A method handle calling {@code function} as {@code ret (cc *)(params)} (variadic after the first
     * {@code fixed} parameters, unless {@code fixed} is -1), with the linker's carrier
     * shape: a leading {@code SegmentAllocator} for a struct result, then the errno capture segment when
     * {@code options} ask for it, then the parameters.
     *
     * @param forms    null, or per parameter and then for the result, how a bound method holds the values
     *                 only the JIT passes (see {@link JavaForm}) rather than as the carriers of dynamic calls
     * @param what     the function, for messages
     * @throws Unsupported if clang or LLVM cannot make the wrapper (their message included), or the
     *                     LLVM toolchain is not installed
     */
    public MethodHandle downcall(MemorySegment function, CallType ret, CallType[] params, int fixed, CallingConvention cc,
                                 JavaForm[] forms, String what, Linker.Option... options) {
        Frame frame = Frame.of(ret, params);
        Passing[] passing = new Passing[params.length];
        JavaForm[] form = new JavaForm[params.length + 1];
        for (int i = 0; i <= params.length; i++) form[i] = forms == null ? JavaForm.NATURAL : forms[i];
        for (int i = 0; i < params.length; i++) passing[i] = Passing.of(params[i], form[i] == JavaForm.DOUBLE, false);
        Passing resultPassing = Passing.of(ret, form[params.length] == JavaForm.DOUBLE, true);
        String body;
        try {
            body = WrapperSource.of(ts, ret, params, fixed, cc, frame, "dwb_w", resultPassing, passing, int128);
        } catch (Unsupported u) {
            throw new Unsupported("cannot call " + what + " through the JIT: " + u.getMessage());
        }
        MemorySegment wrapper = wrapper(body, what);
        var layouts = new ArrayList<MemoryLayout>(List.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        for (int i = 0; i < params.length; i++) {
            switch (passing[i]) {
                case DIRECT -> layouts.add(params[i].layout());
                case HALF_BITS -> layouts.add(ValueLayout.JAVA_SHORT);
                case AS_DOUBLE -> layouts.add(ValueLayout.JAVA_DOUBLE);
                case X87_BITS -> layouts.addAll(List.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                case HALVES -> layouts.addAll(List.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
                case FRAME, NONE -> { }
            }
        }
        MemoryLayout[] args = layouts.toArray(MemoryLayout[]::new);
        FunctionDescriptor fd = switch (resultPassing) {
            case DIRECT -> FunctionDescriptor.of(ret.layout(), args);
            case HALF_BITS -> FunctionDescriptor.of(ValueLayout.JAVA_SHORT, args);
            case AS_DOUBLE -> FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, args);
            default -> FunctionDescriptor.ofVoid(args);
        };
        MethodHandle h = Linker.nativeLinker().downcallHandle(wrapper, fd, options);
        boolean capture = h.type().parameterCount() > 0 && h.type().parameterType(0) == MemorySegment.class;
        // The function's address is a constant of the call: the wrapper is shared by every function of the signature.
        h = MethodHandles.insertArguments(h, capture ? 1 : 0, function.address());
        return JitCall.handle(h, state, what, capture, ret, resultPassing, params, passing, frame, form, int128Value);
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
            Arena a = Arena.ofAuto();
            AtomicBoolean done = released;
            // Frees the JIT once no wrapper address (and so no call handle) is reachable: nothing can run its code then.
            MemorySegment.NULL.reinterpret(a, s -> {
                j.close();
                done.set(true);
            });
            jit = j;
            arena = a;
            started = true;
        }
        return jit;
    }

    /** Whether the JIT was made and its memory has been freed (the library closed and its calls unreachable). */
    public boolean released() {
        return released.get();
    }

    /** Whether any wrapper has been compiled (libLLVM loaded) for this library. */
    public synchronized boolean started() {
        return started;
    }

    /**
     * Makes later calls through the library's wrappers fail and drops this object's hold on the JIT, which
     * is freed once the call handles made from it are unreachable too.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        state.close();
        wrappers.clear();
        jit = null;
        arena = null;
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
