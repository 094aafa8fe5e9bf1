package dev.dwarfbind.types;

import java.util.Objects;
import java.util.Set;

/**
 * A type with qualifiers. Chains such as {@code const volatile int} are folded into one node with
 * both qualifiers, so two spellings of the same qualified type are one type.
 *
 * @param qualifiers at least one qualifier
 * @param type       id of the unqualified type
 */
public record QualifiedType(Set<Qualifier> qualifiers, int type) implements CType {
    public QualifiedType {
        Objects.requireNonNull(qualifiers, "qualifiers");
        if (qualifiers.isEmpty()) throw new IllegalArgumentException("a qualified type needs a qualifier");
        qualifiers = Set.copyOf(qualifiers);
    }

    /** Whether {@code q} is among the qualifiers. */
    public boolean has(Qualifier q) {
        return qualifiers.contains(q);
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof QualifiedType o
                && qualifiers.equals(o.qualifiers)
                && type == o.type;
    }

    @Override
    public int hashCode() {
        return 31 * qualifiers.hashCode() + type;
    }
}
