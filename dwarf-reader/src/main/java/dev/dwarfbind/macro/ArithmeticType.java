package dev.dwarfbind.macro;

import dev.dwarfbind.types.DataModel;
import dev.dwarfbind.types.ScalarKind;

import java.math.BigInteger;
import java.util.Map;

/**
 * A C arithmetic type a constant expression can have, with its size under one data model.
 *
 * @param name   the C spelling ({@code "unsigned long"})
 * @param kind   the scalar kind the type system records
 * @param size   size in bytes
 * @param signed whether an integer type is signed ({@code true} for floating types)
 * @param rank   the integer conversion rank (bool 0, char 1, short 2, int 3, long 4, long long 5),
 *               or for floating types 10 (float), 11 (double), 12 (long double)
 */
public record ArithmeticType(String name, ScalarKind kind, int size, boolean signed, int rank) {
    static final int INT_RANK = 3;

    /** Whether this is a floating type. */
    public boolean floating() {
        return kind == ScalarKind.FLOAT;
    }

    /** Number of value bits of an integer type. */
    int bits() {
        return kind == ScalarKind.BOOL ? 1 : size * 8;
    }

    BigInteger min() {
        return signed ? BigInteger.ONE.shiftLeft(bits() - 1).negate() : BigInteger.ZERO;
    }

    BigInteger max() {
        return signed ? BigInteger.ONE.shiftLeft(bits() - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits()).subtract(BigInteger.ONE);
    }

    boolean holds(BigInteger v) {
        return v.compareTo(min()) >= 0 && v.compareTo(max()) <= 0;
    }

    /**
     * The arithmetic types of C under {@code model}, by every spelling a cast may use once
     * qualifiers are dropped and the words sorted ({@code "int unsigned"} is {@code unsigned
     * int}); also the fixed-width and size typedefs of {@code <stdint.h>} and
     * {@code <stddef.h>}, whose sizes the ABI fixes.
     */
    static Map<String, ArithmeticType> all(DataModel model, boolean charSigned) {
        var m = new java.util.HashMap<String, ArithmeticType>();
        int l = model.longSize();
        var bool = new ArithmeticType("_Bool", ScalarKind.BOOL, 1, false, 0);
        var chr = new ArithmeticType("char", ScalarKind.CHAR, 1, charSigned, 1);
        var schar = new ArithmeticType("signed char", ScalarKind.SIGNED_CHAR, 1, true, 1);
        var uchar = new ArithmeticType("unsigned char", ScalarKind.UNSIGNED_CHAR, 1, false, 1);
        var shrt = new ArithmeticType("short", ScalarKind.SIGNED, 2, true, 2);
        var ushrt = new ArithmeticType("unsigned short", ScalarKind.UNSIGNED, 2, false, 2);
        var integer = new ArithmeticType("int", ScalarKind.SIGNED, 4, true, 3);
        var uint = new ArithmeticType("unsigned int", ScalarKind.UNSIGNED, 4, false, 3);
        var lng = new ArithmeticType("long", ScalarKind.SIGNED, l, true, 4);
        var ulng = new ArithmeticType("unsigned long", ScalarKind.UNSIGNED, l, false, 4);
        var llng = new ArithmeticType("long long", ScalarKind.SIGNED, 8, true, 5);
        var ullng = new ArithmeticType("unsigned long long", ScalarKind.UNSIGNED, 8, false, 5);
        var flt = new ArithmeticType("float", ScalarKind.FLOAT, 4, true, 10);
        var dbl = new ArithmeticType("double", ScalarKind.FLOAT, 8, true, 11);
        put(m, bool, "_Bool");
        put(m, chr, "char");
        put(m, schar, "signed char");
        put(m, uchar, "unsigned char");
        put(m, shrt, "short", "short int", "signed short", "signed short int");
        put(m, ushrt, "unsigned short", "unsigned short int");
        put(m, integer, "int", "signed", "signed int");
        put(m, uint, "unsigned", "unsigned int");
        put(m, lng, "long", "long int", "signed long", "signed long int");
        put(m, ulng, "unsigned long", "unsigned long int");
        put(m, llng, "long long", "long long int", "signed long long", "signed long long int");
        put(m, ullng, "unsigned long long", "unsigned long long int");
        put(m, flt, "float");
        put(m, dbl, "double");
        // Fixed by the ABI whatever the headers say.
        put(m, schar, "int8_t");
        put(m, uchar, "uint8_t");
        put(m, shrt, "int16_t");
        put(m, ushrt, "uint16_t");
        put(m, integer, "int32_t");
        put(m, uint, "uint32_t");
        ArithmeticType i64 = l == 8 ? lng : llng;
        ArithmeticType u64 = l == 8 ? ulng : ullng;
        put(m, i64, "int64_t", "intmax_t");
        put(m, u64, "uint64_t", "uintmax_t");
        ArithmeticType ptr = model.pointerSize() == 4 ? integer : l == 8 ? lng : llng;
        ArithmeticType uptr = model.pointerSize() == 4 ? uint : l == 8 ? ulng : ullng;
        put(m, ptr, "intptr_t", "ptrdiff_t", "ssize_t");
        put(m, uptr, "uintptr_t", "size_t");
        return Map.copyOf(m);
    }

    private static void put(Map<String, ArithmeticType> m, ArithmeticType t, String... spellings) {
        for (String s : spellings) m.put(key(s), t);
    }

    /** The words of a type name sorted, so that word order does not matter ({@code long unsigned}). */
    static String key(String spelling) {
        String[] words = spelling.trim().split("\\s+");
        java.util.Arrays.sort(words);
        return String.join(" ", words);
    }
}
