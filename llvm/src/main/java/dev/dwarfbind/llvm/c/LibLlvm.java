package dev.dwarfbind.llvm.c;


import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles to the LLVM C functions dwarfbind needs, in libLLVM-19. Opaque LLVM references
 * ({@code LLVMContextRef}, {@code LLVMErrorRef}, ...) are {@link MemorySegment} addresses.
 *
 * <p>The library is loaded when this class initialises, which happens on the first JIT request: a
 * program that never needs the JIT never maps libLLVM (the loader's tests check that). The native
 * targets are initialised once here as well, since {@code LLVMInitializeNativeTarget} is an inline
 * function of {@code Target.h} that Panama cannot call.
 */
public final class LibLlvm {

    // Error.h
    /** {@code char *LLVMGetErrorMessage(LLVMErrorRef)}: consumes the error. */
    public static final MethodHandle GET_ERROR_MESSAGE = fn("LLVMGetErrorMessage", ADDRESS, ADDRESS);
    /** {@code void LLVMDisposeErrorMessage(char *)}. */
    public static final MethodHandle DISPOSE_ERROR_MESSAGE = proc("LLVMDisposeErrorMessage", ADDRESS);
    // Core.h
    /** {@code void LLVMDisposeMessage(char *)}. */
    public static final MethodHandle DISPOSE_MESSAGE = proc("LLVMDisposeMessage", ADDRESS);
    /** {@code LLVMMemoryBufferRef LLVMCreateMemoryBufferWithMemoryRangeCopy(const char *, size_t, const char *name)}. */
    public static final MethodHandle CREATE_MEMORY_BUFFER_COPY =
            fn("LLVMCreateMemoryBufferWithMemoryRangeCopy", ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
    /** {@code void LLVMDisposeModule(LLVMModuleRef)}. */
    public static final MethodHandle DISPOSE_MODULE = proc("LLVMDisposeModule", ADDRESS);
    /** {@code void LLVMGetVersion(unsigned *major, unsigned *minor, unsigned *patch)}. */
    public static final MethodHandle GET_VERSION = proc("LLVMGetVersion", ADDRESS, ADDRESS, ADDRESS);
    // IRReader.h: reads bitcode and textual IR alike, and says why it failed.
    /** {@code LLVMBool LLVMParseIRInContext(LLVMContextRef, LLVMMemoryBufferRef (taken), LLVMModuleRef *, char **msg)}. */
    public static final MethodHandle PARSE_IR_IN_CONTEXT =
            fn("LLVMParseIRInContext", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    // Orc.h
    /** {@code LLVMOrcThreadSafeContextRef LLVMOrcCreateNewThreadSafeContext(void)}. */
    public static final MethodHandle CREATE_THREAD_SAFE_CONTEXT = fn("LLVMOrcCreateNewThreadSafeContext", ADDRESS);
    /** {@code LLVMContextRef LLVMOrcThreadSafeContextGetContext(LLVMOrcThreadSafeContextRef)}. */
    public static final MethodHandle THREAD_SAFE_CONTEXT_GET_CONTEXT =
            fn("LLVMOrcThreadSafeContextGetContext", ADDRESS, ADDRESS);
    /** {@code void LLVMOrcDisposeThreadSafeContext(LLVMOrcThreadSafeContextRef)}. */
    public static final MethodHandle DISPOSE_THREAD_SAFE_CONTEXT = proc("LLVMOrcDisposeThreadSafeContext", ADDRESS);
    /** {@code LLVMOrcThreadSafeModuleRef LLVMOrcCreateNewThreadSafeModule(LLVMModuleRef (taken), LLVMOrcThreadSafeContextRef)}. */
    public static final MethodHandle CREATE_THREAD_SAFE_MODULE =
            fn("LLVMOrcCreateNewThreadSafeModule", ADDRESS, ADDRESS, ADDRESS);
    /** {@code LLVMErrorRef LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(generator *, char prefix, filter, ctx)}. */
    public static final MethodHandle CREATE_PROCESS_SEARCH_GENERATOR = fn(
            "LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess", ADDRESS, ADDRESS, ValueLayout.JAVA_BYTE, ADDRESS, ADDRESS);
    /** {@code void LLVMOrcJITDylibAddGenerator(LLVMOrcJITDylibRef, LLVMOrcDefinitionGeneratorRef (taken))}. */
    public static final MethodHandle JIT_DYLIB_ADD_GENERATOR = proc("LLVMOrcJITDylibAddGenerator", ADDRESS, ADDRESS);
    // LLJIT.h
    /** {@code LLVMErrorRef LLVMOrcCreateLLJIT(LLVMOrcLLJITRef *, LLVMOrcLLJITBuilderRef (null: defaults))}. */
    public static final MethodHandle CREATE_LLJIT = fn("LLVMOrcCreateLLJIT", ADDRESS, ADDRESS, ADDRESS);
    /** {@code LLVMErrorRef LLVMOrcDisposeLLJIT(LLVMOrcLLJITRef)}. */
    public static final MethodHandle DISPOSE_LLJIT = fn("LLVMOrcDisposeLLJIT", ADDRESS, ADDRESS);
    /** {@code LLVMOrcJITDylibRef LLVMOrcLLJITGetMainJITDylib(LLVMOrcLLJITRef)}. */
    public static final MethodHandle LLJIT_GET_MAIN_JIT_DYLIB = fn("LLVMOrcLLJITGetMainJITDylib", ADDRESS, ADDRESS);
    /** {@code char LLVMOrcLLJITGetGlobalPrefix(LLVMOrcLLJITRef)}. */
    public static final MethodHandle LLJIT_GET_GLOBAL_PREFIX = fn("LLVMOrcLLJITGetGlobalPrefix", ValueLayout.JAVA_BYTE, ADDRESS);
    /** {@code LLVMErrorRef LLVMOrcLLJITAddLLVMIRModule(LLVMOrcLLJITRef, LLVMOrcJITDylibRef, LLVMOrcThreadSafeModuleRef (taken))}. */
    public static final MethodHandle LLJIT_ADD_IR_MODULE = fn("LLVMOrcLLJITAddLLVMIRModule", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    /** {@code LLVMErrorRef LLVMOrcLLJITLookup(LLVMOrcLLJITRef, LLVMOrcExecutorAddress *, const char *name)}. */
    public static final MethodHandle LLJIT_LOOKUP = fn("LLVMOrcLLJITLookup", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    /** {@code LLVMOrcExecutionSessionRef LLVMOrcLLJITGetExecutionSession(LLVMOrcLLJITRef)}. */
    public static final MethodHandle LLJIT_GET_EXECUTION_SESSION = fn("LLVMOrcLLJITGetExecutionSession", ADDRESS, ADDRESS);
    /** {@code void LLVMOrcExecutionSessionSetErrorReporter(LLVMOrcExecutionSessionRef, void (*)(void *ctx, LLVMErrorRef), void *ctx)}. */
    public static final MethodHandle SET_ERROR_REPORTER = proc("LLVMOrcExecutionSessionSetErrorReporter", ADDRESS, ADDRESS, ADDRESS);

    static {
        initializeNativeTarget();
    }

    private LibLlvm() {
    }

    /** Forces the library to load (and fails with {@link dev.dwarfbind.llvm.ToolNotFoundException} if it cannot). */
    public static void load() {
        // Class initialisation did the work.
    }

    /** The libLLVM version, e.g. {@code 19.1.7}. */
    public static String version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT, 3);
            GET_VERSION.invokeExact(v, v.asSlice(4), v.asSlice(8));
            return v.getAtIndex(JAVA_INT, 0) + "." + v.getAtIndex(JAVA_INT, 1) + "." + v.getAtIndex(JAVA_INT, 2);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether {@code name} is exported by the loaded libLLVM. */
    public static boolean has(String name) {
        return LlvmSymbols.has(name);
    }

    private static void initializeNativeTarget() {
        // What LLVMInitializeNativeTarget and LLVMInitializeNativeAsmPrinter expand to on this machine.
        String arch = System.getProperty("os.arch");
        String target = switch (arch) {
            case "amd64", "x86_64" -> "X86";
            case "aarch64", "arm64" -> "AArch64";
            default -> throw new UnsupportedOperationException("the JIT knows no LLVM target for os.arch " + arch);
        };
        for (String part : new String[] {"TargetInfo", "Target", "TargetMC", "AsmPrinter"}) {
            MethodHandle init = proc("LLVMInitialize" + target + part);
            try {
                init.invokeExact();
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    private static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
        return LlvmSymbols.fn(name, result, args);
    }

    private static MethodHandle proc(String name, MemoryLayout... args) {
        return LlvmSymbols.proc(name, args);
    }

    /** Unchecked exceptions and errors as they are; a checked one (none of these handles throws any) wrapped. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
