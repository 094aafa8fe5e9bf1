package dev.dwarfbind.cprint;

import dev.dwarfbind.types.Field;

import java.util.List;

/**
 * How to write a struct or union so that a compiler lays it out as recorded: the attributes on
 * the record, and its members in order with their attributes and the explicit padding C needs
 * where implicit padding would not land a member on its recorded offset.
 *
 * @param packed    whether the record gets {@code __attribute__((packed))}
 * @param alignment the {@code aligned(N)} the record gets, or 0 for none
 * @param items     members and padding, in declaration order
 * @param exact     whether the plan reproduces every offset, the size and the alignment; when it
 *                  does not, the record's numbers are ones no C declaration gives (overlapping
 *                  members, a size smaller than the members) and the plan is a best effort
 */
record RecordPlan(boolean packed, int alignment, List<Item> items, boolean exact) {
    RecordPlan {
        items = List.copyOf(items);
    }

    /** One line of the record's body. */
    sealed interface Item permits Member, BytePadding, BitPadding {
    }

    /**
     * A member of the type system's record.
     *
     * @param field           the member
     * @param alignment       the {@code aligned(N)} it gets, or 0 for none
     * @param packed          whether it gets {@code __attribute__((packed))}
     * @param zeroLengthArray whether a flexible array is written as {@code [0]} (the GNU
     *                        zero-length array, which unlike {@code []} may be followed by more
     *                        members or sit in a union)
     */
    record Member(Field field, int alignment, boolean packed, boolean zeroLengthArray) implements Item {
    }

    /**
     * Bytes of padding, written as an {@code unsigned char} array member.
     *
     * @param bytes how many
     */
    record BytePadding(long bytes) implements Item {
    }

    /**
     * Bits of padding, written as an unnamed bitfield.
     *
     * @param type id of the bitfield's declared type, or {@link dev.dwarfbind.types.TypeSystem#NO_TYPE}
     *             for {@code unsigned char}
     * @param bits its width
     */
    record BitPadding(int type, int bits) implements Item {
    }
}
