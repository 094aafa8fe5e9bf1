package dev.dwarfbind.dwarf;

/**
 * One abbreviation: the tag and attribute layout shared by many DIEs.
 *
 * @param code           the abbreviation code DIEs refer to
 * @param tag            the DIE tag
 * @param hasChildren    whether DIEs of this shape own children
 * @param attrs          attribute names, in order
 * @param forms          attribute forms, parallel to {@code attrs}
 * @param implicitConsts values of {@code DW_FORM_implicit_const} attributes, parallel; empty when
 *                       there are none (read only for that form)
 * @param fixedSize      total size of the attribute values when every form has a fixed size
 *                       (then a scan skips the DIE in one step), else -1
 * @param hasLengths     whether any form is a block, exprloc, data16 or indirect one, whose
 *                       DIEs keep lengths (decided once here rather than for every DIE parsed)
 */
record Abbrev(int code, int tag, boolean hasChildren, int[] attrs, int[] forms, long[] implicitConsts, int fixedSize,
              boolean hasLengths) {

    /** Index of {@code attr} in this abbreviation, or -1. */
    int indexOf(int attr) {
        for (int i = 0; i < attrs.length; i++) {
            if (attrs[i] == attr) return i;
        }
        return -1;
    }
}
