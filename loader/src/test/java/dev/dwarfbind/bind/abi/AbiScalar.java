package dev.dwarfbind.bind.abi;

import java.util.List;

/**
 * Every scalar kind java.lang.foreign's linker can pass on x86-64 Linux, with what the generator
 * needs to know about it: C spellings (the base one plus {@code <stdint.h>} typedefs that mean the
 * same type, so signatures also go through typedef stripping), size and signedness.
 *
 * <p>Values of every kind travel through the test as a <em>canonical</em> {@code long}: exactly
 * the 64 bits C gets when it converts the value to {@code uint64_t} for the checksum — integers
 * sign- or zero-extended by their C type, {@code _Bool} as 0/1, floats and doubles as their raw
 * bit pattern (zero-extended), pointers as their address.
 */
enum AbiScalar implements AbiType {
    BOOL("_Bool", 1, false),
    CHAR("char", 1, true), // signed on x86-64 Linux with both compilers
    SCHAR("signed char", 1, true, "int8_t"),
    UCHAR("unsigned char", 1, false, "uint8_t"),
    SHORT("short", 2, true, "int16_t", "short int"),
    USHORT("unsigned short", 2, false, "uint16_t"),
    INT("int", 4, true, "int32_t", "signed"),
    UINT("unsigned", 4, false, "uint32_t", "unsigned int"),
    LONG("long", 8, true, "int64_t", "long int"),
    ULONG("unsigned long", 8, false, "uint64_t", "size_t"),
    LLONG("long long", 8, true),
    ULLONG("unsigned long long", 8, false),
    FLOAT("float", 4, false),
    DOUBLE("double", 8, false),
    POINTER("void *", 8, false);

    private final String cName;
    private final int size;
    private final boolean signed;
    private final List<String> aliases;

    AbiScalar(String cName, int size, boolean signed, String... aliases) {
        this.cName = cName;
        this.size = size;
        this.signed = signed;
        this.aliases = List.of(aliases);
    }

    /** The base C spelling, e.g. {@code unsigned short}. */
    String cName() {
        return cName;
    }

    /** Other spellings of the same C type, all typedefs from {@code <stdint.h>}/{@code <stddef.h>}. */
    List<String> aliases() {
        return aliases;
    }

    int size() {
        return size;
    }

    int bits() {
        return size * 8;
    }

    /** Whether the C type is a signed integer type. */
    boolean signed() {
        return signed;
    }

    /** Integer types other than {@code _Bool} (the ones with a range and a bitfield width). */
    boolean isInteger() {
        return this != BOOL && this != FLOAT && this != DOUBLE && this != POINTER;
    }

    /** Kinds that may declare a bitfield. */
    boolean bitfieldCapable() {
        return isInteger() || this == BOOL;
    }

    @Override
    public int leafCount() {
        return 1;
    }

    /**
     * The canonical value of an integer of {@code width} bits with this kind's signedness, taken
     * from the low bits of {@code x}: C's conversion of {@code x} to that type.
     */
    long narrow(long x, int width) {
        if (width == 64) return x;
        return signed ? x << (64 - width) >> (64 - width) : x & ((1L << width) - 1);
    }
}
