package dev.dwarfbind.llvm.jit;

import dev.dwarfbind.llvm.c.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Bitcode or textual IR parsed into an LLVM context, for the JIT and for reading a module's types. */
public final class ModuleParser {
    private ModuleParser() {
    }

    /**
     * The module {@code bitcode} holds, parsed in {@code context} ({@code LLVMContextRef}); the caller
     * owns it.
     *
     * @param name names the module in LLVM's messages
     * @throws LlvmException if LLVM cannot parse it, with LLVM's message
     */
    public static MemorySegment parse(MemorySegment context, byte[] bitcode, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment bytes = a.allocate(Math.max(1, bitcode.length));
            MemorySegment.copy(bitcode, 0, bytes, ValueLayout.JAVA_BYTE, 0, bitcode.length);
            MemorySegment buffer = (MemorySegment) LibLlvm.CREATE_MEMORY_BUFFER_COPY.invokeExact(bytes, (long) bitcode.length,
                    a.allocateFrom(name));
            MemorySegment moduleOut = a.allocate(ValueLayout.ADDRESS);
            MemorySegment message = a.allocate(ValueLayout.ADDRESS);
            // Takes the buffer, on success and failure alike.
            int failed = (int) LibLlvm.PARSE_IR_IN_CONTEXT.invokeExact(context, buffer, moduleOut, message);
            if (failed != 0) {
                MemorySegment m = message.get(ValueLayout.ADDRESS, 0);
                String text = m.equals(MemorySegment.NULL) ? "(no message)" : m.reinterpret(Long.MAX_VALUE).getString(0);
                if (!m.equals(MemorySegment.NULL)) LibLlvm.DISPOSE_MESSAGE.invokeExact(m);
                throw new LlvmException("LLVM cannot read module " + name + ": " + text);
            }
            return moduleOut.get(ValueLayout.ADDRESS, 0);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }
}
