package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.CallbackException;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.call.CallPlan;
import dev.dwarfbind.bind.internal.call.TypedArg;
import dev.dwarfbind.bind.internal.value.Conversions;
import dev.dwarfbind.types.FunctionDecl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * An exported C function, callable with Java values: {@code lib.function("add").invoke(4, 5)}.
 * Arguments are converted by the rules of the C parameter types (see {@code docs/loader.md})
 * and checked before any native code runs; the result comes back typed.
 *
 * <p>Thread-safe: calls from many threads at once are fine (each call's temporary memory is its
 * own).
 */
public final class NativeFunction {
    private final Library lib;
    private final CallPlan plan;
    private final boolean variadic;

    NativeFunction(Library lib, CallPlan plan) {
        this.lib = lib;
        this.plan = plan;
        this.variadic = plan.functionType().variadic();
    }

    /** The C declaration, e.g. {@code int add(int a, int b);}. */
    public String signature() {
        return plan.signature();
    }

    /** The exported name. */
    public String name() {
        return plan.declaration().name();
    }

    /** The declaration from the debug info. */
    public FunctionDecl declaration() {
        return plan.declaration();
    }

    /** The function's address (a C function pointer to it). */
    public MemorySegment address() {
        return plan.address();
    }

    /**
     * The downcall method handle for the fixed parameters, with the linker's own carrier types
     * ({@code int}, {@code MemorySegment}, ...): for callers who want raw speed and manage
     * conversions themselves. For a struct return the first parameter is a
     * {@link SegmentAllocator}; with {@link CallOption#ERRNO} the next is the capture segment. Through
     * the JIT, a {@code long double} is a {@code Number} and an {@code __int128} parameter an
     * {@code Object}, a {@code BigInteger} (not range-checked here) or an {@link Int128}; an
     * {@code __int128} result is a {@code BigInteger}.
     */
    public MethodHandle downcallHandle() {
        return plan.downcall(List.of());
    }

    /**
     * Calls the function. A variadic function takes its fixed arguments converted by their C
     * types and the rest by their Java types with C's default argument promotions ({@code int}
     * and smaller to {@code int}, {@code float} to {@code double}, {@code String} to
     * {@code char *}, {@code MemorySegment} and {@link CStruct} to pointers); pass a
     * {@link VarArg} to give a variadic argument's C type explicitly.
     *
     * @return the result: {@code Integer}/{@code Long} for integers (Long for unsigned int and
     *         64-bit types), {@code Boolean}, {@code Float}/{@code Double}, a
     *         {@code MemorySegment} for pointers, a {@link CStruct} for struct values, or
     *         {@code null} for void
     * @throws ArgumentException if an argument cannot be converted (nothing native has run)
     * @throws CallbackException if a Java callback threw during the call
     */
    public Object invoke(Object... args) {
        return invokeWith(null, args);
    }

    /**
     * Like {@link #invoke}, with the memory of a struct result allocated by {@code allocator}
     * instead of garbage-collected memory. When {@code allocator} is an {@link Arena}, the call's
     * temporary memory (strings, copies of arrays, callback stubs) is allocated there too and
     * stays valid until that arena closes: for C that keeps a pointer into an argument, such as
     * {@code strtol}'s end pointer into its input string.
     */
    public Object invokeWith(SegmentAllocator allocator, Object... args) {
        if (variadic && args != null) args = typedVarArgs(args);
        return plan.invoke(allocator, args);
    }

    private static Object[] typedVarArgs(Object[] args) {
        Object[] out = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof VarArg v) {
                if (out == args) out = args.clone();
                out[i] = new TypedArg(v.cType(), v.value());
            }
        }
        return out;
    }

    /**
     * A C function pointer to {@code target} (any functional interface), typed as parameter
     * {@code index} (0-based) of this function, valid while {@code arena} is open: for passing a
     * callback through a bound interface, or to C code that keeps it beyond one call.
     */
    public MemorySegment callback(int index, Object target, Arena arena) {
        return plan.callback(index, target, arena);
    }

    /** Reads the NUL-terminated UTF-8 string a {@code char *} result points to ({@code null} for NULL). */
    public static String string(Object pointerResult) {
        if (pointerResult == null) return null;
        if (!(pointerResult instanceof MemorySegment m)) {
            throw new ArgumentException("expected a pointer result (MemorySegment), got " + pointerResult.getClass().getSimpleName());
        }
        return Conversions.string(m);
    }

    /** Calls the function and reads its {@code char *} result as a string. */
    public String invokeString(Object... args) {
        CallType ret = plan.returnType();
        if (!(ret.kind() == CallType.Kind.POINTER && lib.values().isCharacterType(ret.target()))) {
            throw new ArgumentException(name() + " returns " + ret.cName() + ", not a character pointer");
        }
        return string(invoke(args));
    }

    @Override
    public String toString() {
        return signature();
    }
}
