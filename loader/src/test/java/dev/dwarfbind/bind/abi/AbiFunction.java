package dev.dwarfbind.bind.abi;

import java.util.List;
import java.util.StringJoiner;

/**
 * A generated exported function: it folds all its arguments into a checksum and hands back
 * something Java can predict from the same arguments — the checksum itself converted to the
 * return type, a record filled from it (by value or through a pointer to static storage), a
 * by-value record argument echoed back, or, for {@code void}, the checksum stored through an out
 * pointer.
 *
 * @param index      the function's number, mixed into its checksum so mixed-up symbols show
 * @param name       the exported name
 * @param params     the parameters in order
 * @param returns    what comes back
 * @param returnType the scalar or record returned ({@code null} for void)
 * @param spelling   the return type as written in C
 * @param echo       for {@link Return#ECHO}, the index of the parameter returned
 */
record AbiFunction(int index, String name, List<AbiParam> params, Return returns, AbiType returnType, String spelling,
                   int echo) {
    /** What a function returns. */
    enum Return {
        /** {@code void}; the checksum goes through the {@link AbiParam.Passing#OUT} parameter. */
        VOID,
        /** The checksum converted to a scalar type. */
        SCALAR,
        /** A record filled from the checksum, by value. */
        RECORD,
        /** A by-value record parameter, returned unchanged. */
        ECHO,
        /** A pointer to static storage holding a record filled from the checksum. */
        RECORD_POINTER
    }

    /** The function's C definition. */
    String definition() {
        var sj = new StringJoiner(", ", "(", ")");
        for (AbiParam p : params) sj.add(p.declaration());
        var sb = new StringBuilder(spelling).append(spelling.endsWith("*") ? "" : " ").append(name)
                .append(params.isEmpty() ? "(void)" : sj.toString()).append(" {\n");
        sb.append("    uint64_t h = mix(0x").append(Long.toHexString(AbiChecksum.START)).append("ULL, ").append(index)
                .append(");\n");
        AbiParam out = null;
        for (AbiParam p : params) {
            if (p.passing() == AbiParam.Passing.OUT) out = p;
            else sb.append("    ").append(p.hashStatement()).append('\n');
        }
        switch (returns) {
            case VOID -> sb.append("    *").append(out.name()).append(" = h;\n");
            case SCALAR -> sb.append("    return ")
                    .append(AbiChecksum.cFromChecksum((AbiScalar) returnType, -1, "h")).append(";\n");
            case RECORD -> {
                AbiRecord r = (AbiRecord) returnType;
                sb.append("    ").append(r.cName()).append(" r;\n    fill_").append(r.tag()).append("(&r, h);\n    return r;\n");
            }
            case ECHO -> sb.append("    (void) h;\n    return ").append(params.get(echo).name()).append(";\n");
            case RECORD_POINTER -> {
                AbiRecord r = (AbiRecord) returnType;
                sb.append("    static ").append(r.cName()).append(" r;\n    fill_").append(r.tag())
                        .append("(&r, h);\n    return &r;\n");
            }
        }
        return sb.append("}\n").toString();
    }
}
