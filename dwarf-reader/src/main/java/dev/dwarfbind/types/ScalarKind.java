package dev.dwarfbind.types;

/**
 * What a scalar's bits mean. {@code int} and {@code long} share {@link #SIGNED}: the scalar's name
 * and size tell them apart, as C itself does.
 */
public enum ScalarKind {
    /** {@code _Bool}. */
    BOOL,
    /** Plain {@code char}, whose signedness is the platform's (see {@link ScalarType#signed()}). */
    CHAR,
    /** {@code signed char}. */
    SIGNED_CHAR,
    /** {@code unsigned char}. */
    UNSIGNED_CHAR,
    /** Signed integers: {@code short}, {@code int}, {@code long}, {@code long long}, {@code __int128}. */
    SIGNED,
    /** Unsigned integers of every width. */
    UNSIGNED,
    /** Unicode character types ({@code char8_t}, {@code char16_t}, {@code char32_t}). */
    UNICODE_CHAR,
    /** Binary floating point: {@code _Float16}, {@code float}, {@code double}, {@code long double}, {@code __float128}. */
    FLOAT,
    /** {@code _Complex} floating point; the size counts both parts. */
    COMPLEX,
    /** Decimal floating point ({@code _Decimal32} and kin). */
    DECIMAL_FLOAT;

    /** Whether values of this kind are whole numbers (bool and characters included). */
    public boolean isInteger() {
        return switch (this) {
            case BOOL, CHAR, SIGNED_CHAR, UNSIGNED_CHAR, SIGNED, UNSIGNED, UNICODE_CHAR -> true;
            case FLOAT, COMPLEX, DECIMAL_FLOAT -> false;
        };
    }
}
