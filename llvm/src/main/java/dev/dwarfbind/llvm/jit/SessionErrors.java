package dev.dwarfbind.llvm.jit;

import dev.dwarfbind.llvm.c.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The errors an LLJIT's execution session reports rather than returns, kept for the call that failed.
 * ORC reports why a module could not be materialised (a symbol it needs that nothing defines, say) to
 * the session's error reporter, whose default prints "JIT session error: ..." on standard error, while
 * the lookup that caused it only fails with "Failed to materialize symbols". Each {@link OrcJit}
 * installs this reporter with its own id as context; the messages wait here until its failing lookup
 * takes them into its exception.
 */
final class SessionErrors {
    /** A session keeps at most this many messages no call took (ORC may report without a caller failing). */
    private static final int KEPT = 16;
    private static final Map<Long, List<String>> BY_JIT = new ConcurrentHashMap<>();
    private static final MemorySegment REPORTER;

    static {
        try {
            var report = MethodHandles.lookup().findStatic(SessionErrors.class, "report",
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));
            REPORTER = Linker.nativeLinker().upcallStub(report,
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SessionErrors() {
    }

    /** Installs the reporter on {@code jit}'s session, under {@code id}. */
    static void install(MemorySegment jit, long id) throws Throwable {
        BY_JIT.put(id, new ArrayList<>());
        MemorySegment session = (MemorySegment) LibLlvm.LLJIT_GET_EXECUTION_SESSION.invokeExact(jit);
        LibLlvm.SET_ERROR_REPORTER.invokeExact(session, REPORTER, MemorySegment.ofAddress(id));
    }

    /** The messages reported for {@code id} since last asked, joined, or empty. */
    static String take(long id) {
        List<String> kept = BY_JIT.get(id);
        if (kept == null) return "";
        synchronized (kept) {
            String all = String.join("; ", kept);
            kept.clear();
            return all;
        }
    }

    /** Forgets {@code id} (its JIT is disposed). */
    static void remove(long id) {
        BY_JIT.remove(id);
    }

    /** The reporter: consumes the error and keeps its message. Nothing may escape an upcall (the JVM would abort). */
    private static void report(MemorySegment context, MemorySegment error) {
        try {
            String message = OrcJit.message(error);
            List<String> kept = BY_JIT.get(context.address());
            if (kept == null) return;
            synchronized (kept) {
                if (kept.size() < KEPT) kept.add(message);
            }
        } catch (Throwable t) {
            // Dropped: the failing call still fails, with ORC's own message.
        }
    }
}
