package dev.dwarfbind.bind.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated struct or union, named or anonymous (an anonymous one is only ever a member of
 * another record). Knows its C definition and the C helpers the generated functions use on it:
 * {@code hash_<tag>} folds its leaves into a checksum and {@code fill_<tag>} builds a value from
 * one.
 *
 * <p>A union carries one live member, {@link #active()}: Java writes only that member, C hashes
 * and fills only that member. Reading another member would look at bytes nobody wrote.
 */
final class AbiRecord implements AbiType {
    private final String tag;
    private final boolean union;
    private final List<AbiMember> members;
    private final int active;
    private final List<AbiLeaf> leaves;

    /**
     * @param tag     the tag, or {@code null} for an anonymous member record
     * @param union   union or struct
     * @param members the members, in declaration order
     * @param active  for a union, the index of the live member (one with a value)
     */
    AbiRecord(String tag, boolean union, List<AbiMember> members, int active) {
        this.tag = tag;
        this.union = union;
        this.members = List.copyOf(members);
        this.active = active;
        if (union && !members.get(active).hasValue()) throw new IllegalArgumentException("live member has no value");
        var out = new ArrayList<AbiLeaf>();
        collect("", out);
        this.leaves = List.copyOf(out);
    }

    String tag() {
        return tag;
    }

    boolean union() {
        return union;
    }

    List<AbiMember> members() {
        return members;
    }

    int active() {
        return active;
    }

    /** {@code struct r4} or {@code union r7}. */
    String cName() {
        return (union ? "union " : "struct ") + tag;
    }

    /** The typedef every named record also gets, so signatures can spell it either way. */
    String typedefName() {
        return tag + "_t";
    }

    /** The scalars of a value, in checksum order, with paths relative to the record. */
    List<AbiLeaf> leaves() {
        return leaves;
    }

    @Override
    public int leafCount() {
        return leaves.size();
    }

    private void collect(String prefix, List<AbiLeaf> out) {
        List<AbiMember> live = union ? List.of(members.get(active)) : members;
        for (AbiMember m : live) {
            if (!m.hasValue()) continue;
            if (m.name() == null) {
                // Anonymous struct/union: its members are reached as if they were ours.
                ((AbiRecord) m.type()).collect(prefix, out);
                continue;
            }
            String base = prefix.isEmpty() ? m.name() : prefix + "." + m.name();
            if (m.count() == 0) {
                leaf(base, m, out);
            } else {
                for (int i = 0; i < m.count(); i++) leaf(base + "[" + i + "]", m, out);
            }
        }
    }

    private static void leaf(String path, AbiMember m, List<AbiLeaf> out) {
        switch (m.type()) {
            case AbiScalar s -> out.add(new AbiLeaf(path, s, m.bits()));
            case AbiRecord r -> r.collect(path, out);
        }
    }

    /** {@code struct [tag] { ... }} with members indented below {@code indent}. */
    String body(String indent) {
        var sb = new StringBuilder(union ? "union" : "struct");
        if (tag != null) sb.append(' ').append(tag);
        sb.append(" {\n");
        for (AbiMember m : members) sb.append(indent).append("    ").append(m.declaration(indent + "    ")).append('\n');
        return sb.append(indent).append('}').toString();
    }

    /** The top-level definition and its typedef. */
    String definition() {
        return body("") + ";\ntypedef " + cName() + " " + typedefName() + ";\n";
    }

    /** {@code static uint64_t hash_<tag>(uint64_t h, const T *v)}: folds every leaf into {@code h}. */
    String hashFunction() {
        var sb = new StringBuilder("static inline uint64_t hash_").append(tag).append("(uint64_t h, const ")
                .append(cName()).append(" *v) {\n");
        for (AbiLeaf l : leaves) {
            sb.append("    h = mix(h, ").append(AbiChecksum.cCanonical(l.kind(), "v->" + l.path())).append(");\n");
        }
        return sb.append("    return h;\n}\n").toString();
    }

    /**
     * {@code static void fill_<tag>(T *v, uint64_t h)}: zeroes the value, then sets leaf {@code i}
     * to {@link AbiChecksum#fromChecksum} of {@code mix(h, i + 1)}.
     */
    String fillFunction() {
        var sb = new StringBuilder("static inline void fill_").append(tag).append('(').append(cName())
                .append(" *v, uint64_t h) {\n    memset(v, 0, sizeof *v);\n");
        for (int i = 0; i < leaves.size(); i++) {
            AbiLeaf l = leaves.get(i);
            sb.append("    v->").append(l.path()).append(" = ")
                    .append(AbiChecksum.cFromChecksum(l.kind(), l.bits(), "mix(h, " + (i + 1) + ")")).append(";\n");
        }
        return sb.append("}\n").toString();
    }
}
