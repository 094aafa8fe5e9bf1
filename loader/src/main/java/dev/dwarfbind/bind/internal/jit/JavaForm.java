package dev.dwarfbind.bind.internal.jit;

/**
 * How Java holds one value only the JIT passes, where a bound method's declared type differs from the
 * carrier dynamic calls use: a {@code long double} declared {@code double} is converted by the wrapper,
 * so nothing is boxed; one declared {@code BigDecimal} is made from the result's bits with no object in
 * between; an {@code __int128} declared with the API's 128-bit integer class goes to the wrapper as its
 * two halves and comes back as one value of the class, so no {@code BigInteger} is made.
 */
public enum JavaForm {
    /**
     * The carrier of dynamic calls: a {@code Number} for {@code long double}; for {@code __int128} a
     * {@code BigInteger} result, and an argument that is a {@code BigInteger} or a value of the API's
     * 128-bit integer class (told apart per call).
     */
    NATURAL,
    /** A {@code long double} as a Java {@code double} (nearest). */
    DOUBLE,
    /**
     * A {@code long double} as a {@code BigDecimal}: a result made straight from the frame's bits (±∞ and
     * NaN refused), an argument converted as a {@link #NATURAL} {@code Number} is.
     */
    BIG_DECIMAL,
    /** An {@code __int128} as the API's 128-bit integer class (see {@code Int128Api}), never a {@code BigInteger}. */
    INT128
}
