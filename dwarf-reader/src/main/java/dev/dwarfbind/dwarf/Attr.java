package dev.dwarfbind.dwarf;

/** The {@code DW_AT_*} values dwarfbind reads (DWARF 5, section 7.5.4, plus GNU extensions). */
final class Attr {
    static final int IMPORT = 0x18;
    static final int COMP_DIR = 0x1b;
    static final int SIBLING = 0x01;
    static final int LOCATION = 0x02;
    static final int NAME = 0x03;
    static final int BYTE_SIZE = 0x0b;
    static final int BIT_OFFSET = 0x0c;
    static final int BIT_SIZE = 0x0d;
    static final int STMT_LIST = 0x10;
    static final int LOW_PC = 0x11;
    static final int HIGH_PC = 0x12;
    static final int LANGUAGE = 0x13;
    static final int CONST_VALUE = 0x1c;
    static final int INLINE = 0x20;
    static final int LOWER_BOUND = 0x22;
    static final int PRODUCER = 0x25;
    static final int PROTOTYPED = 0x27;
    static final int COUNT = 0x37;
    static final int UPPER_BOUND = 0x2f;
    static final int ABSTRACT_ORIGIN = 0x31;
    static final int CALLING_CONVENTION = 0x36;
    static final int DATA_MEMBER_LOCATION = 0x38;
    static final int DECLARATION = 0x3c;
    static final int MACRO_INFO = 0x43;
    static final int ENCODING = 0x3e;
    static final int EXTERNAL = 0x3f;
    static final int SPECIFICATION = 0x47;
    /** DWARF 4 {@code DW_AT_signature}: gcc's stub of a type defined in a type unit. */
    static final int SIGNATURE = 0x69;
    static final int TYPE = 0x49;
    static final int ENTRY_PC = 0x52;
    static final int RANGES = 0x55;
    static final int DATA_BIT_OFFSET = 0x6b;
    static final int LINKAGE_NAME = 0x6e;
    static final int STR_OFFSETS_BASE = 0x72;
    static final int ADDR_BASE = 0x73;
    static final int RNGLISTS_BASE = 0x74;
    static final int DWO_NAME = 0x76;
    static final int MACROS = 0x79;
    static final int NORETURN = 0x87;
    static final int ALIGNMENT = 0x88;
    static final int MIPS_LINKAGE_NAME = 0x2007;
    static final int GNU_VECTOR = 0x2107;
    static final int GNU_MACROS = 0x2119;
    static final int GNU_DWO_NAME = 0x2130;
    static final int GNU_DWO_ID = 0x2131;
    static final int GNU_RANGES_BASE = 0x2132;
    static final int GNU_ADDR_BASE = 0x2133;

    private Attr() {
    }
}
