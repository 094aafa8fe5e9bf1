package dev.dwarfbind.sidecar;

/**
 * The DWARF 5 encodings the emitter writes (DWARF 5, chapter 7), plus the LLVM and Borland
 * calling-convention values that {@link dev.dwarfbind.dwarf.DwarfTypeReader} maps to
 * {@link dev.dwarfbind.types.CallingConvention}s.
 */
final class DwarfConstants {
    static final int VERSION = 5;
    static final int DW_UT_COMPILE = 0x01;

    static final int DW_TAG_ARRAY_TYPE = 0x01;
    static final int DW_TAG_ENUMERATION_TYPE = 0x04;
    static final int DW_TAG_FORMAL_PARAMETER = 0x05;
    static final int DW_TAG_MEMBER = 0x0d;
    static final int DW_TAG_POINTER_TYPE = 0x0f;
    static final int DW_TAG_STRING_TYPE = 0x12;
    static final int DW_TAG_COMPILE_UNIT = 0x11;
    static final int DW_TAG_STRUCTURE_TYPE = 0x13;
    static final int DW_TAG_SUBROUTINE_TYPE = 0x15;
    static final int DW_TAG_TYPEDEF = 0x16;
    static final int DW_TAG_UNION_TYPE = 0x17;
    static final int DW_TAG_UNSPECIFIED_PARAMETERS = 0x18;
    static final int DW_TAG_SUBRANGE_TYPE = 0x21;
    static final int DW_TAG_BASE_TYPE = 0x24;
    static final int DW_TAG_CONST_TYPE = 0x26;
    static final int DW_TAG_ENUMERATOR = 0x28;
    static final int DW_TAG_SUBPROGRAM = 0x2e;
    static final int DW_TAG_VARIABLE = 0x34;
    static final int DW_TAG_VOLATILE_TYPE = 0x35;
    static final int DW_TAG_RESTRICT_TYPE = 0x37;
    static final int DW_TAG_ATOMIC_TYPE = 0x47;

    static final int DW_AT_LOCATION = 0x02;
    static final int DW_AT_NAME = 0x03;
    static final int DW_AT_BYTE_SIZE = 0x0b;
    static final int DW_AT_BIT_SIZE = 0x0d;
    static final int DW_AT_LOW_PC = 0x11;
    static final int DW_AT_HIGH_PC = 0x12;
    static final int DW_AT_LANGUAGE = 0x13;
    static final int DW_AT_CONST_VALUE = 0x1c;
    static final int DW_AT_PRODUCER = 0x25;
    static final int DW_AT_PROTOTYPED = 0x27;
    static final int DW_AT_CALLING_CONVENTION = 0x36;
    static final int DW_AT_COUNT = 0x37;
    static final int DW_AT_DATA_MEMBER_LOCATION = 0x38;
    static final int DW_AT_DECLARATION = 0x3c;
    static final int DW_AT_ENCODING = 0x3e;
    static final int DW_AT_EXTERNAL = 0x3f;
    static final int DW_AT_TYPE = 0x49;
    static final int DW_AT_DATA_BIT_OFFSET = 0x6b;
    static final int DW_AT_NORETURN = 0x87;
    static final int DW_AT_ALIGNMENT = 0x88;

    static final int DW_FORM_ADDR = 0x01;
    static final int DW_FORM_DATA1 = 0x0b;
    static final int DW_FORM_DATA2 = 0x05;
    static final int DW_FORM_SDATA = 0x0d;
    static final int DW_FORM_STRP = 0x0e;
    static final int DW_FORM_UDATA = 0x0f;
    static final int DW_FORM_REF4 = 0x13;
    static final int DW_FORM_EXPRLOC = 0x18;
    static final int DW_FORM_FLAG_PRESENT = 0x19;

    static final int DW_ATE_BOOLEAN = 0x02;
    static final int DW_ATE_COMPLEX_FLOAT = 0x03;
    static final int DW_ATE_FLOAT = 0x04;
    static final int DW_ATE_SIGNED = 0x05;
    static final int DW_ATE_SIGNED_CHAR = 0x06;
    static final int DW_ATE_UNSIGNED = 0x07;
    static final int DW_ATE_UNSIGNED_CHAR = 0x08;
    static final int DW_ATE_DECIMAL_FLOAT = 0x0f;
    static final int DW_ATE_UTF = 0x10;

    static final int DW_LANG_C11 = 0x1d;
    static final int DW_OP_ADDR = 0x03;

    static final int DW_CC_NOCALL = 0x03;
    static final int DW_CC_BORLAND_STDCALL = 0xb1;
    static final int DW_CC_BORLAND_PASCAL = 0xb2;
    static final int DW_CC_BORLAND_MSFASTCALL = 0xb3;
    static final int DW_CC_BORLAND_THISCALL = 0xb5;
    static final int DW_CC_LLVM_VECTORCALL = 0xc0;
    static final int DW_CC_LLVM_WIN64 = 0xc1;
    static final int DW_CC_LLVM_X86_64_SYSV = 0xc2;
    static final int DW_CC_LLVM_AAPCS = 0xc3;
    static final int DW_CC_LLVM_AAPCS_VFP = 0xc4;
    static final int DW_CC_LLVM_INTEL_OCL_BICC = 0xc5;
    static final int DW_CC_LLVM_SWIFT = 0xc8;
    static final int DW_CC_LLVM_PRESERVE_MOST = 0xc9;
    static final int DW_CC_LLVM_PRESERVE_ALL = 0xca;
    static final int DW_CC_LLVM_X86_REGCALL = 0xcb;
    static final int DW_CC_LLVM_M68K_RTD = 0xcc;
    static final int DW_CC_LLVM_PRESERVE_NONE = 0xcd;
    static final int DW_CC_LLVM_RISCV_VECTOR_CALL = 0xce;
    static final int DW_CC_LLVM_SWIFT_TAIL = 0xcf;

    private DwarfConstants() {
    }
}
