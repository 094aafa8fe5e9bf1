package dev.dwarfbind.llvm.jit;

import dev.dwarfbind.llvm.Toolchain;
import dev.dwarfbind.llvm.c.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ORC LLJIT instance: modules of LLVM bitcode (or textual IR) are added to its main JITDylib and
 * their functions looked up by name. Process symbols ({@code memcpy} and the like, which compiled code
 * may call) resolve through a generator searching this process.
 *
 * <p>Thread-safe: adding and looking up are serialised, since a module is parsed into the instance's one
 * LLVM context. {@link #close()} frees the compiled code; callers must make sure nothing runs it any more
 * (the loader ties the addresses to an arena closed first).
 */
public final class OrcJit implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();
    /** This JIT's key for the errors its session reports ({@link SessionErrors}). */
    private final long id = IDS.incrementAndGet();
    private final MemorySegment jit;
    private final MemorySegment context;
    private final MemorySegment mainDylib;
    private boolean closed;

    /**
     * A new LLJIT for this machine's target; loads libLLVM on first use.
     *
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if libLLVM is not found, naming the paths tried
     */
    public OrcJit() {
        // Looked for before LibLlvm initialises: a missing libLLVM is then an exception naming the
        // paths tried, each time, rather than an ExceptionInInitializerError once and then
        // NoClassDefFoundErrors.
        Toolchain.find(Toolchain.Tool.LIBLLVM);
        LibLlvm.load();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check((MemorySegment) LibLlvm.CREATE_LLJIT.invokeExact(out, MemorySegment.NULL), "creating the LLJIT");
            jit = out.get(ValueLayout.ADDRESS, 0);
            SessionErrors.install(jit, id);
            mainDylib = (MemorySegment) LibLlvm.LLJIT_GET_MAIN_JIT_DYLIB.invokeExact(jit);
            byte prefix = (byte) LibLlvm.LLJIT_GET_GLOBAL_PREFIX.invokeExact(jit);
            MemorySegment gen = a.allocate(ValueLayout.ADDRESS);
            MemorySegment err = (MemorySegment) LibLlvm.CREATE_PROCESS_SEARCH_GENERATOR.invokeExact(gen, prefix,
                    MemorySegment.NULL, MemorySegment.NULL);
            if (!err.equals(MemorySegment.NULL)) {
                disposeQuietly();
                check(err, "searching this process for symbols");
            }
            LibLlvm.JIT_DYLIB_ADD_GENERATOR.invokeExact(mainDylib, gen.get(ValueLayout.ADDRESS, 0));
            context = (MemorySegment) LibLlvm.CREATE_THREAD_SAFE_CONTEXT.invokeExact();
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /**
     * Adds a module of bitcode or textual IR.
     *
     * @param name names the module in LLVM's messages
     * @throws LlvmException if LLVM cannot parse it or the JIT refuses it, with LLVM's message
     */
    public synchronized void add(byte[] module, String name) {
        checkOpen();
        try {
            MemorySegment ctx = (MemorySegment) LibLlvm.THREAD_SAFE_CONTEXT_GET_CONTEXT.invokeExact(context);
            MemorySegment parsed = ModuleParser.parse(ctx, module, name);
            MemorySegment tsm = (MemorySegment) LibLlvm.CREATE_THREAD_SAFE_MODULE.invokeExact(parsed, context);
            // Takes the module, on success and failure alike.
            check((MemorySegment) LibLlvm.LLJIT_ADD_IR_MODULE.invokeExact(jit, mainDylib, tsm), "adding module " + name);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /**
     * The address of function or variable {@code symbol}, compiling its module now if it is not yet.
     *
     * @throws LlvmException if it is not defined or its module fails to compile, with LLVM's message
     */
    public synchronized long lookup(String symbol) {
        checkOpen();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.JAVA_LONG);
            MemorySegment error = (MemorySegment) LibLlvm.LLJIT_LOOKUP.invokeExact(jit, out, a.allocateFrom(symbol));
            if (!error.equals(MemorySegment.NULL)) {
                // Why materialising failed is what the session reported meanwhile.
                String failed = message(error);
                String why = SessionErrors.take(id);
                throw new LlvmException("LLVM failed looking up " + symbol + ": " + failed + (why.isEmpty() ? "" : " (" + why + ")"));
            }
            return out.get(ValueLayout.JAVA_LONG, 0);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /** Frees the JIT and all code it compiled. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            LibLlvm.DISPOSE_THREAD_SAFE_CONTEXT.invokeExact(context);
            check((MemorySegment) LibLlvm.DISPOSE_LLJIT.invokeExact(jit), "disposing the LLJIT");
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        } finally {
            SessionErrors.remove(id);
        }
    }

    private void disposeQuietly() throws Throwable {
        SessionErrors.remove(id);
        MemorySegment err = (MemorySegment) LibLlvm.DISPOSE_LLJIT.invokeExact(jit);
        if (!err.equals(MemorySegment.NULL)) message(err);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the JIT is closed");
    }

    /** Throws an {@link LlvmException} with LLVM's message if {@code error} is a failure ({@code LLVMErrorRef} not null). */
    static void check(MemorySegment error, String doing) throws Throwable {
        if (error.equals(MemorySegment.NULL)) return;
        throw new LlvmException("LLVM failed " + doing + ": " + message(error));
    }

    /** Consumes {@code error} and returns its message. */
    static String message(MemorySegment error) throws Throwable {
        MemorySegment m = (MemorySegment) LibLlvm.GET_ERROR_MESSAGE.invokeExact(error);
        String text = m.reinterpret(Long.MAX_VALUE).getString(0);
        LibLlvm.DISPOSE_ERROR_MESSAGE.invokeExact(m);
        return text;
    }
}
