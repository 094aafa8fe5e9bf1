package dev.dwarfbind.types;

/**
 * The sizes a C data model gives {@code int}, {@code long} and pointers. The readers take every
 * scalar's size from the debug info, so the model is what a consumer needs when no type says it
 * (a printer choosing a spelling, a program building another platform's structs). {@code long
 * double} is not part of it: MSVC makes it {@code double} (8 bytes), MinGW on the same Windows
 * target the x87 format (16 bytes), and the debug info records which.
 */
public enum DataModel {
    /** 32-bit: int, long and pointers are 4 bytes (i386, arm32 on any OS). */
    ILP32(4, 4),
    /** 64-bit Unix: long and pointers are 8 bytes. */
    LP64(8, 8),
    /** 64-bit Windows: long stays 4 bytes, pointers are 8. */
    LLP64(4, 8);

    private final int longSize;
    private final int pointerSize;

    DataModel(int longSize, int pointerSize) {
        this.longSize = longSize;
        this.pointerSize = pointerSize;
    }

    /** Size of {@code long} and {@code unsigned long} in bytes. */
    public int longSize() {
        return longSize;
    }

    /** Size of a data pointer in bytes. */
    public int pointerSize() {
        return pointerSize;
    }
}
