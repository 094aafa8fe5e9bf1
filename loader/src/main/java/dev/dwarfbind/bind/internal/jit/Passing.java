package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.internal.abi.CallType;

/**
 * How one argument or the result crosses between Java and a wrapper: in registers as something
 * {@code java.lang.foreign}'s linker passes itself whenever that loses nothing, through the wrapper's
 * frame (per-thread memory) otherwise. Passing values in registers is what keeps a wrapped call close to
 * a plain one: nothing to store and load again, no per-call allocation.
 */
enum Passing {
    /** As the linker passes the type itself (integers, {@code _Bool}, {@code float}, {@code double}, pointers). */
    DIRECT,
    /**
     * {@code _Float16} as its 16 bits, converted to and from {@code float} in Java (rounded to nearest,
     * ties to even): the wrapper cannot convert it, as that takes compiler-rt helpers this process lacks.
     */
    HALF_BITS,
    /** {@code long double} as a {@code double}, converted by the wrapper: for Java code that gives and takes doubles. */
    AS_DOUBLE,
    /** {@code long double} argument as its bits, a {@code long} significand and an {@code int} sign and exponent. */
    X87_BITS,
    /** {@code __int128} argument as two {@code long}s, low half first. */
    HALVES,
    /** Stored in the frame: structs, complex values, and results needing more than one register. */
    FRAME,
    /** No value: a {@code void} result. */
    NONE;

    /**
     * How {@code ct} is passed; {@code asDouble} asks for a {@code long double} carried as a Java
     * {@code double}, and {@code result} says whether it is the result (which has one register).
     */
    static Passing of(CallType ct, boolean asDouble, boolean result) {
        return switch (ct.kind()) {
            case VOID -> NONE;
            case INT, BOOL, FLOAT, DOUBLE, POINTER, FUNCTION_POINTER -> DIRECT;
            case FLOAT16 -> HALF_BITS;
            case LONG_DOUBLE -> asDouble ? AS_DOUBLE : result ? FRAME : X87_BITS;
            case INT128 -> result ? FRAME : HALVES;
            case STRUCT, COMPLEX -> FRAME;
        };
    }

    /**
     * The Java type the call's method handle takes or returns for {@code ct} passed this way and held in
     * Java as {@code form} says: an {@code __int128} argument, and a result of the API's 128-bit integer,
     * as an {@code Object} (a {@code BigInteger} or the API's value, cast by the caller); a {@code long
     * double} declared {@code BigDecimal} as one.
     */
    Class<?> javaType(CallType ct, JavaForm form) {
        return switch (this) {
            case AS_DOUBLE -> double.class;
            case NONE -> void.class;
            case HALVES -> Object.class;
            default -> switch (form) {
                case INT128 -> Object.class;
                case BIG_DECIMAL -> java.math.BigDecimal.class;
                case NATURAL, DOUBLE -> ct.carrier();
            };
        };
    }
}
