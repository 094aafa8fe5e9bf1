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
}
