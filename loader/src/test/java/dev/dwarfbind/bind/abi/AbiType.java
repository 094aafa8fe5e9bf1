package dev.dwarfbind.bind.abi;

/**
 * A C type the ABI generator can put in a signature or a record: a scalar or a generated struct
 * or union. Arrays, pointers and bitfields are properties of the place a type is used
 * ({@link AbiMember}, {@link AbiParam}), not types of their own, which keeps the model small.
 */
sealed interface AbiType permits AbiScalar, AbiRecord {
    /** How many scalar values (leaves) one value of this type carries; bounds record growth. */
    int leafCount();
}
