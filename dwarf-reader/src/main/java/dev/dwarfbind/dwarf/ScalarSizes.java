package dev.dwarfbind.dwarf;

import dev.dwarfbind.types.ScalarKind;

/**
 * The sizes C compilers give base types of each kind on the targets dwarfbind reads. A base type
 * DIE of another size is either C23's {@code _BitInt(N)} (an integer) or not from a C compiler.
 */
final class ScalarSizes {
    private ScalarSizes() {
    }

    /** Whether a base type of {@code kind} may have {@code size} bytes. */
    static boolean valid(ScalarKind kind, int size) {
        return switch (kind) {
            // _Bool is 1 byte on every ELF ABI; some older ABIs made it 4.
            case BOOL -> size == 1 || size == 4;
            case CHAR, SIGNED_CHAR, UNSIGNED_CHAR -> size == 1;
            case SIGNED, UNSIGNED -> size == 1 || size == 2 || size == 4 || size == 8 || size == 16;
            // _Float16/__bf16, float, double, the x87 format in 12 (i386) or 16 bytes, __float128.
            case FLOAT -> size == 2 || size == 4 || size == 8 || size == 12 || size == 16;
            case COMPLEX -> size == 4 || size == 8 || size == 16 || size == 24 || size == 32;
            case DECIMAL_FLOAT -> size == 4 || size == 8 || size == 16;
            case UNICODE_CHAR -> size == 1 || size == 2 || size == 4;
        };
    }

    /** The valid sizes of {@code kind}, for messages. */
    static String describe(ScalarKind kind) {
        return switch (kind) {
            case BOOL -> "_Bool has 1 (or 4) bytes";
            case CHAR, SIGNED_CHAR, UNSIGNED_CHAR -> "characters have 1 byte";
            case SIGNED, UNSIGNED -> "dwarfbind supports integers of 1, 2, 4, 8 and 16 bytes (not _BitInt)";
            case FLOAT -> "floating types have 2, 4, 8, 12 or 16 bytes";
            case COMPLEX -> "complex types have 4, 8, 16, 24 or 32 bytes";
            case DECIMAL_FLOAT -> "decimal floating types have 4, 8 or 16 bytes";
            case UNICODE_CHAR -> "character types have 1, 2 or 4 bytes";
        };
    }
}
