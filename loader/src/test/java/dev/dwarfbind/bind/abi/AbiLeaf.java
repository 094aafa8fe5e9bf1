package dev.dwarfbind.bind.abi;

/**
 * One scalar inside a record value, in the order the checksum visits them.
 *
 * @param path the member path from the record, e.g. {@code "f1[2].f4"}: the same text is a C
 *             member access (after {@code v->}) and a dwarfbind path for {@code CStruct.get/set},
 *             so the compiler and the loader each resolve it on their own
 * @param kind the scalar kind (a bitfield's declared type)
 * @param bits bitfield width, or -1
 */
record AbiLeaf(String path, AbiScalar kind, int bits) {
    boolean isBitfield() {
        return bits >= 0;
    }

    /** Width in bits of the value: the bitfield width or the type's. */
    int width() {
        return isBitfield() ? bits : kind.bits();
    }
}
