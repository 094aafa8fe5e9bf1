package dev.dwarfbind.bind.abi;

/**
 * One parameter of a generated function.
 *
 * @param name     the C parameter name
 * @param passing  how the value travels
 * @param type     the scalar or record passed (for {@link Passing#POINTER}, the pointee)
 * @param spelling the C type as written in the declaration, e.g. {@code "const r3_t *"}
 */
record AbiParam(String name, Passing passing, AbiType type, String spelling) {
    /** How a parameter travels. */
    enum Passing {
        /** A scalar or a record by value. */
        VALUE,
        /** A pointer to a scalar or a record, which C dereferences (NULL allowed). */
        POINTER,
        /** {@code uint64_t *out}: where a void function stores its checksum; not hashed. */
        OUT
    }

    /** {@code "const r3_t *p4"}. */
    String declaration() {
        return spelling + (spelling.endsWith("*") ? "" : " ") + name;
    }

    /** The C statement folding this parameter into checksum {@code h}. */
    String hashStatement() {
        return switch (passing) {
            case OUT -> "";
            case VALUE -> switch (type) {
                case AbiScalar s -> "h = mix(h, " + AbiChecksum.cCanonical(s, name) + ");";
                case AbiRecord r -> "h = hash_" + r.tag() + "(h, &" + name + ");";
            };
            case POINTER -> "h = " + name + " ? " + switch (type) {
                case AbiScalar s -> "mix(h, " + AbiChecksum.cCanonical(s, "*" + name) + ")";
                case AbiRecord r -> "hash_" + r.tag() + "(h, " + name + ")";
            } + " : mix(h, NULL_TAG);";
        };
    }
}
