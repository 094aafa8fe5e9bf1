package dev.dwarfbind.llvm.jit;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrcJitTest {
    private static final ClangCompiler CLANG = ClangCompiler.system(List.of("-O2"));

    @Test
    void compilesClangBitcodeAndCallsIt() throws Throwable {
        try (OrcJit jit = new OrcJit()) {
            jit.add(CLANG.bitcode("long mul_add(long a, long b, long c) { return a * b + c; }"), "t1");
            MethodHandle h = Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(jit.lookup("mul_add")),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            assertEquals(6L * 7 + 5, (long) h.invokeExact(6L, 7L, 5L));
        }
    }

    @Test
    void resolvesSymbolsOfThisProcess() throws Throwable {
        // A 4 KiB struct copy compiles to a call of memcpy, which only the process (libc) defines.
        String c = "struct big { char b[4096]; }; void copy(struct big *d, const struct big *s) { *d = *s; }";
        try (OrcJit jit = new OrcJit(); Arena a = Arena.ofConfined()) {
            jit.add(CLANG.bitcode(c), "t2");
            MethodHandle h = Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(jit.lookup("copy")),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            MemorySegment s = a.allocate(4096);
            MemorySegment d = a.allocate(4096);
            s.set(ValueLayout.JAVA_BYTE, 4095, (byte) 42);
            h.invokeExact(d, s);
            assertEquals(42, d.get(ValueLayout.JAVA_BYTE, 4095));
        }
    }

    @Test
    void llvmErrorsAreExceptionsWithLlvmsMessage() {
        try (OrcJit jit = new OrcJit()) {
            var parse = assertThrows(LlvmException.class,
                    () -> jit.add("define i32 @f( {".getBytes(StandardCharsets.UTF_8), "broken"));
            assertTrue(parse.getMessage().contains("broken"), parse.getMessage());
            assertTrue(parse.getMessage().contains("expected"), parse.getMessage());
            var lookup = assertThrows(LlvmException.class, () -> jit.lookup("no_such_function"));
            assertTrue(lookup.getMessage().contains("no_such_function"), lookup.getMessage());
            // A module needing a symbol nothing defines fails when compiled: the session's report
            // of what is missing comes with the lookup's exception (not on standard error).
            jit.add("declare i32 @dwb_undefined()\ndefine i32 @needs() {\n %r = call i32 @dwb_undefined()\n ret i32 %r\n}"
                    .getBytes(StandardCharsets.UTF_8), "needing");
            var materialise = assertThrows(LlvmException.class, () -> jit.lookup("needs"));
            assertTrue(materialise.getMessage().contains("Failed to materialize symbols")
                    && materialise.getMessage().contains("Symbols not found: [ dwb_undefined ]"), materialise.getMessage());
            // A second definition of the same symbol is LLJIT's error, reported when added.
            jit.add("define i32 @twice() { ret i32 1 }".getBytes(StandardCharsets.UTF_8), "a");
            var dup = assertThrows(LlvmException.class,
                    () -> jit.add("define i32 @twice() { ret i32 2 }".getBytes(StandardCharsets.UTF_8), "b"));
            assertTrue(dup.getMessage().toLowerCase().contains("duplicate"), dup.getMessage());
        }
    }

    @Test
    void clangDiagnosticsAreExceptions() {
        var e = assertThrows(LlvmException.class, () -> CLANG.bitcode("int f(void) { return undeclared; }"));
        assertTrue(e.getMessage().contains("undeclared"), e.getMessage());
    }

    @Test
    void closedJitRefusesWork() {
        OrcJit jit = new OrcJit();
        jit.close();
        jit.close();
        assertThrows(IllegalStateException.class, () -> jit.lookup("x"));
    }
}
