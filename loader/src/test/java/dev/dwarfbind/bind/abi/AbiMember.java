package dev.dwarfbind.bind.abi;

/**
 * One member declaration of a generated struct or union.
 *
 * @param name  the member name, or {@code null} for an anonymous struct/union member (C11) or an
 *              unnamed bitfield (neither is addressable by name; anonymous records' own members
 *              are, through the enclosing record, in C and in dwarfbind's member paths alike)
 * @param type  a scalar or a record
 * @param count array length, or 0 for a plain member
 * @param bits  bitfield width, or -1 for an ordinary member (0 only for an unnamed {@code : 0})
 */
record AbiMember(String name, AbiType type, int count, int bits) {
    boolean isBitfield() {
        return bits >= 0;
    }

    /** Whether the member carries values the checksum sees (unnamed bitfields are padding). */
    boolean hasValue() {
        return name != null || type instanceof AbiRecord;
    }

    int leafCount() {
        if (!hasValue()) return 0;
        return type.leafCount() * Math.max(1, count);
    }

    /** The C declaration inside the record body, e.g. {@code "unsigned f3 : 5;"}. */
    String declaration(String indent) {
        if (name == null && type instanceof AbiRecord r) return r.body(indent) + ";";
        String t = type instanceof AbiScalar s ? s.cName() : ((AbiRecord) type).cName();
        if (isBitfield()) return t + (name == null ? "" : " " + name) + " : " + bits + ";";
        return t + " " + name + (count > 0 ? "[" + count + "]" : "") + ";";
    }
}
