package dev.dwarfbind.gen.model;

/**
 * One member of a struct or union, as the accessors of its record class. Members of anonymous
 * struct and union members are the outer record's own, at their offsets from its start, as C
 * names them.
 */
public sealed interface Member permits Member.Value, Member.Bitfield, Member.Slice, Member.Array {
    /** The C member name. */
    String cName();

    /** The accessor name. */
    String javaName();

    /**
     * A scalar or pointer member: a getter and a setter of its carrier.
     *
     * @param offset   byte offset from the start of the record
     * @param carrier  the Java type
     * @param aligned  whether it sits at its natural alignment (not in a packed record)
     */
    record Value(String cName, String javaName, String cType, long offset, Carrier carrier, boolean aligned)
            implements Member {
    }

    /**
     * A bitfield: a getter and a setter of {@code int} (or {@code long} for storage wider than 32
     * bits, {@code boolean} for {@code _Bool}), masked and, if signed, sign-extended as C does.
     *
     * @param bitOffset offset of its first bit from the start of the record (little-endian numbering)
     * @param bitSize   its width
     * @param signed    whether reads sign-extend
     */
    record Bitfield(String cName, String javaName, String cType, long bitOffset, int bitSize, boolean signed,
                    Carrier carrier) implements Member {
    }

    /**
     * A member that is memory: a nested struct or union, or a value Java has no carrier for
     * ({@code long double}); a getter of its slice and a setter copying into it.
     *
     * @param recordClass the generated class of a nested record, or {@code null}
     */
    record Slice(String cName, String javaName, String cType, long offset, long byteSize, String recordClass)
            implements Member {
    }

    /**
     * An array member: a getter of its slice, and for arrays of scalars indexed getters and setters.
     *
     * @param count       element count (0 for a flexible array member)
     * @param elementSize size of one element in bytes
     * @param element     the element carrier, or {@code null} if elements are not scalars
     */
    record Array(String cName, String javaName, String cType, long offset, long count, long elementSize,
                 Carrier element, boolean aligned) implements Member {
    }
}
