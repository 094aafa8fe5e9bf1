package dev.dwarfbind.bind.internal.codegen;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;

/**
 * One method of a bound interface, ready for code generation.
 *
 * @param method      the interface method
 * @param handle      the downcall with every conversion applied, of the method's type except that
 *                    parameters with a temporary take {@code MemorySegment}
 * @param temporaries per parameter, what the generated code copies to native memory first
 * @param function    the C function's name, for the exception of a callback that threw during the call
 * @param what        per parameter, how messages name it ({@code "argument 1 (s) of count_vowels"})
 */
record BoundMethod(Method method, MethodHandle handle, Temporary[] temporaries, String function, String[] what) {
    /** What a parameter needs copied to temporary native memory for the call. */
    enum Temporary {
        /** Passed as is. */
        NONE,
        /** A {@code String} copied to NUL-terminated UTF-8. */
        STRING,
        /** A primitive array copied in (a pointer to const: not copied back). */
        ARRAY_IN,
        /** A primitive array copied in and, after the call, back out. */
        ARRAY_IN_OUT
    }

    boolean needsArena() {
        for (Temporary t : temporaries) if (t != Temporary.NONE) return true;
        return false;
    }
}
