package dev.dwarfbind.bind.internal.value;

import java.lang.invoke.MethodHandle;
import java.math.BigInteger;

/**
 * The API's 128-bit integer value class as the machinery sees it, given by the API (see
 * {@link ApiObjects}) so that the machinery never names it: a value is two {@code long} halves in two's
 * complement. The handles are typed with {@code Object} for the value so that generated code and this
 * class can call them exactly; generated code holds them as constants, which the JIT compiler inlines.
 *
 * @param type the value class
 * @param make {@code (long high, long low) -> Object}: a value of these halves
 * @param high {@code (Object) -> long}: bits 64 to 127 of a value
 * @param low  {@code (Object) -> long}: bits 0 to 63 of a value
 */
public record Int128Api(Class<?> type, MethodHandle make, MethodHandle high, MethodHandle low) {
    /** Whether {@code v} is a value of the class. */
    public boolean is(Object v) {
        return type.isInstance(v);
    }

    /** A value of these halves. */
    public Object make(long high, long low) {
        try {
            return (Object) make.invokeExact(high, low);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The value of {@code v} (a value of the class) read as signed or unsigned. */
    public BigInteger toBigInteger(Object v, boolean signed) {
        try {
            return BigInt128.of((long) high.invokeExact(v), (long) low.invokeExact(v), signed);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The value of {@code b} (range-checked) as a value of the class. */
    public Object of(BigInteger b) {
        return make(BigInt128.high(b), BigInt128.low(b));
    }
}
