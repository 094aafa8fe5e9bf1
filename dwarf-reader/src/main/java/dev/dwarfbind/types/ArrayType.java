package dev.dwarfbind.types;

/**
 * A C array. Multi-dimensional arrays nest, as in C: {@code int[2][3]} is an array of 2 arrays of 3
 * ints.
 *
 * @param element id of the element type
 * @param count   number of elements, or {@link #UNKNOWN_COUNT} for a flexible array member or an
 *                array of unspecified size ({@code extern int table[];})
 */
public record ArrayType(int element, long count) implements CType {
    /** The count of an array whose size C leaves open. */
    public static final long UNKNOWN_COUNT = -1;

    public ArrayType {
        if (count < UNKNOWN_COUNT) throw new IllegalArgumentException("array count " + count);
    }

    /** Whether the array has no declared size (flexible array member or {@code T x[]}). */
    public boolean isFlexible() {
        return count == UNKNOWN_COUNT;
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ArrayType o
                && element == o.element
                && count == o.count;
    }

    @Override
    public int hashCode() {
        return 31 * element + Long.hashCode(count);
    }
}
