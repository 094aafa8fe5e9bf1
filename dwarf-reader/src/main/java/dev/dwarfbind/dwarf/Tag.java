package dev.dwarfbind.dwarf;

/** The {@code DW_TAG_*} values dwarfbind reads (DWARF 5, section 7.5.3). */
final class Tag {
    static final int ARRAY_TYPE = 0x01;
    static final int CLASS_TYPE = 0x02;
    static final int ENUMERATION_TYPE = 0x04;
    static final int FORMAL_PARAMETER = 0x05;
    static final int LEXICAL_BLOCK = 0x0b;
    static final int MEMBER = 0x0d;
    static final int POINTER_TYPE = 0x0f;
    static final int REFERENCE_TYPE = 0x10;
    static final int COMPILE_UNIT = 0x11;
    static final int STRUCTURE_TYPE = 0x13;
    static final int SUBROUTINE_TYPE = 0x15;
    static final int TYPEDEF = 0x16;
    static final int UNION_TYPE = 0x17;
    static final int UNSPECIFIED_PARAMETERS = 0x18;
    static final int INLINED_SUBROUTINE = 0x1d;
    static final int PTR_TO_MEMBER_TYPE = 0x1f;
    static final int SUBRANGE_TYPE = 0x21;
    static final int BASE_TYPE = 0x24;
    static final int CONST_TYPE = 0x26;
    static final int ENUMERATOR = 0x28;
    static final int SUBPROGRAM = 0x2e;
    static final int VARIABLE = 0x34;
    static final int VOLATILE_TYPE = 0x35;
    static final int RESTRICT_TYPE = 0x37;
    static final int NAMESPACE = 0x39;
    static final int UNSPECIFIED_TYPE = 0x3b;
    static final int PARTIAL_UNIT = 0x3c;
    static final int IMPORTED_UNIT = 0x3d;
    static final int TYPE_UNIT = 0x41;
    static final int RVALUE_REFERENCE_TYPE = 0x42;
    static final int ATOMIC_TYPE = 0x47;
    static final int SKELETON_UNIT = 0x4a;
    static final int IMMUTABLE_TYPE = 0x4b;

    private Tag() {
    }

    /** A name for messages. */
    static String name(int tag) {
        return switch (tag) {
            case ARRAY_TYPE -> "DW_TAG_array_type";
            case ENUMERATION_TYPE -> "DW_TAG_enumeration_type";
            case FORMAL_PARAMETER -> "DW_TAG_formal_parameter";
            case MEMBER -> "DW_TAG_member";
            case POINTER_TYPE -> "DW_TAG_pointer_type";
            case COMPILE_UNIT -> "DW_TAG_compile_unit";
            case STRUCTURE_TYPE -> "DW_TAG_structure_type";
            case SUBROUTINE_TYPE -> "DW_TAG_subroutine_type";
            case TYPEDEF -> "DW_TAG_typedef";
            case UNION_TYPE -> "DW_TAG_union_type";
            case BASE_TYPE -> "DW_TAG_base_type";
            case CONST_TYPE -> "DW_TAG_const_type";
            case SUBPROGRAM -> "DW_TAG_subprogram";
            case VARIABLE -> "DW_TAG_variable";
            case VOLATILE_TYPE -> "DW_TAG_volatile_type";
            case RESTRICT_TYPE -> "DW_TAG_restrict_type";
            case ATOMIC_TYPE -> "DW_TAG_atomic_type";
            default -> "DW_TAG 0x" + Integer.toHexString(tag);
        };
    }
}
