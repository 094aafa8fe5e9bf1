package dev.dwarfbind.types;

import java.util.List;
import java.util.Objects;

/**
 * A struct or union, complete or opaque.
 *
 * @param kind      struct or union
 * @param tag       the tag ({@code struct tag}), or {@code null} for an anonymous record
 * @param byteSize  size in bytes, padding included; 0 for an incomplete record
 * @param alignment alignment in bytes; for a packed record 1 unless an {@code aligned} attribute
 *                  raised it
 * @param fields    members in declaration order
 * @param complete  {@code false} for a record only ever declared ({@code struct opaque;})
 * @param packed    whether some member sits below its natural alignment, as
 *                  {@code __attribute__((packed))} makes it
 */
public record RecordType(RecordKind kind, String tag, long byteSize, int alignment, List<Field> fields,
                         boolean complete, boolean packed) implements CType {
    public RecordType {
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
        if (byteSize < 0) throw new IllegalArgumentException(kind.keyword() + " " + tag + " has size " + byteSize);
        if (alignment <= 0) throw new IllegalArgumentException(kind.keyword() + " " + tag + " has alignment " + alignment);
    }

    /** An incomplete (opaque) record: known by tag only. */
    public static RecordType opaque(RecordKind kind, String tag) {
        return new RecordType(kind, tag, 0, 1, List.of(), false, false);
    }

    /** The direct member called {@code name}, or {@code null} (members of anonymous members are not searched). */
    public Field field(String name) {
        for (Field f : fields) {
            if (name.equals(f.name())) return f;
        }
        return null;
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof RecordType o
                && kind.equals(o.kind)
                && Objects.equals(tag, o.tag)
                && byteSize == o.byteSize
                && alignment == o.alignment
                && fields.equals(o.fields)
                && complete == o.complete
                && packed == o.packed;
    }

    @Override
    public int hashCode() {
        int h = kind.hashCode();
        h = 31 * h + Objects.hashCode(tag);
        h = 31 * h + Long.hashCode(byteSize);
        h = 31 * h + alignment;
        h = 31 * h + fields.hashCode();
        h = 31 * h + Boolean.hashCode(complete);
        h = 31 * h + Boolean.hashCode(packed);
        return h;
    }
}
