package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;

/**
 * The initial length that opens a unit, an address-range table and the other DWARF headers:
 * 32-bit, or {@code 0xffffffff} followed by a 64-bit length for 64-bit DWARF; the values from
 * {@code 0xfffffff0} up are reserved.
 *
 * @param length     the length of what follows it
 * @param offsetSize 4 for 32-bit DWARF, 8 for 64-bit
 */
record InitialLength(long length, int offsetSize) {
    /**
     * Reads the initial length at {@code c}, which stands at {@code offset} of {@code section}.
     *
     * @throws BinaryFormatException for a reserved value
     */
    static InitialLength read(Cursor c, Bytes section, long offset) {
        long length = c.u32();
        if (length == 0xffff_ffffL) return new InitialLength(c.u64(), 8);
        if (length >= 0xffff_fff0L) throw section.error(offset, "reserved unit length 0x" + Long.toHexString(length));
        return new InitialLength(length, 4);
    }
}
