package dev.dwarfbind.bind.abi;

/**
 * The scalar kinds of the JIT's ABI generator: the ones java.lang.foreign's linker passes (as
 * company) and the ones only the JIT does. Each value travels as the 64-bit words C's checksum
 * hashes (see {@link JitProgram#PRELUDE}).
 */
enum JitKind {
    CHAR("signed char", 1, 1),
    SHORT("short", 2, 1),
    INT("int", 4, 1),
    LLONG("long long", 8, 1),
    FLOAT("float", 4, 1),
    DOUBLE("double", 8, 1),
    POINTER("void *", 8, 1),
    LDOUBLE("long double", 16, 2),
    I128("__int128", 16, 2),
    U128("unsigned __int128", 16, 2),
    F16("_Float16", 2, 1),
    CLDOUBLE("_Complex long double", 32, 4);

    final String c;
    final int size;
    /** How many checksum words a value has. */
    final int words;

    JitKind(String c, int size, int words) {
        this.c = c;
        this.size = size;
        this.words = words;
    }

    /** Whether only the JIT passes it. */
    boolean exotic() {
        return ordinal() >= LDOUBLE.ordinal();
    }

    /** C statements folding value {@code x} of this kind into {@code h}. */
    String hash(String x) {
        return switch (this) {
            case FLOAT, F16, LDOUBLE -> "h = mixbytes(h, &" + x + ", " + (this == LDOUBLE ? 10 : size) + ");";
            case DOUBLE -> "h = mixbytes(h, &" + x + ", 8);";
            case POINTER -> "h = mix(h, (uint64_t) (uintptr_t) " + x + ");";
            case I128, U128 -> "h = mix(h, (uint64_t) " + x + "); h = mix(h, (uint64_t) ((unsigned __int128) " + x + " >> 64));";
            case CLDOUBLE -> "{ long double re = __real__ " + x + ", im = __imag__ " + x
                    + "; h = mixbytes(h, &re, 10); h = mixbytes(h, &im, 10); }";
            default -> "h = mix(h, (uint64_t) " + x + ");";
        };
    }

    /** C expression of this kind made from checksum {@code h}, exactly (no rounding anywhere). */
    String fromChecksum(String h) {
        return switch (this) {
            case FLOAT -> "(float) (uint32_t) (" + h + " >> 40)";
            case DOUBLE -> "(double) (" + h + " >> 11)";
            case POINTER -> "(void *) (uintptr_t) (" + h + " >> 16)";
            case LDOUBLE -> "(long double) " + h;
            case I128, U128 -> "(" + c + ") (((unsigned __int128) " + h + " << 64) | mix(" + h + ", 1))";
            case F16 -> "(_Float16) (" + h + " >> 53)";
            case CLDOUBLE -> "((long double) " + h + " + (long double) mix(" + h + ", 1) * 1.0il)";
            default -> "(" + c + ") " + h;
        };
    }
}
