package dev.dwarfbind.llvm.jit;

/**
 * LLVM or clang refused something: an {@code LLVMErrorRef}, a parse failure or a compiler diagnostic,
 * with their message as the exception's.
 */
public final class LlvmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception saying {@code message}. */
    public LlvmException(String message) {
        super(message);
    }
}
