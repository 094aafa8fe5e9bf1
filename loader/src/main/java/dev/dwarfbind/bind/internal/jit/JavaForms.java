package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.internal.value.Int128Api;

/**
 * The Java types a bound method gives the values only the JIT passes, where they differ from the
 * carriers dynamic calls use: per parameter and then, at the last index, for the result. A
 * {@code long double} declared {@code double} is converted by the wrapper, so nothing is boxed; an
 * {@code __int128} declared with the API's 128-bit integer class goes to the wrapper as its two halves
 * and comes back as one value of the class, so no {@code BigInteger} is made.
 *
 * @param forms  per parameter, then the result
 * @param int128 the API's 128-bit integer class and its handles (used where a form is {@link Form#INT128})
 */
public record JavaForms(Form[] forms, Int128Api int128) {
    /** How one value is held in Java. */
    public enum Form {
        /** The carrier of dynamic calls: a {@code Number} for {@code long double}, a {@code BigInteger} for {@code __int128}. */
        NATURAL,
        /** A {@code long double} as a Java {@code double} (nearest). */
        DOUBLE,
        /** An {@code __int128} as the API's 128-bit integer class (see {@link Int128Api}). */
        INT128
    }

    /** The form at {@code index} of {@code forms} (NATURAL when {@code forms} is null). */
    static Form at(JavaForms forms, int index) {
        return forms == null ? Form.NATURAL : forms.forms()[index];
    }
}
