package dev.dwarfbind.sidecar;

/**
 * The value of one DIE attribute as the emitter writes it; the variant fixes the
 * {@code DW_FORM_*}. References are to other {@link DieNode}s and become unit-relative
 * {@code DW_FORM_ref4} offsets once the unit is laid out; strings become {@code DW_FORM_strp}
 * offsets into {@code .debug_str}.
 */
sealed interface AttributeValue {
    /** The {@code DW_FORM_*} this value is written in. */
    int form();

    /** A true flag, {@code DW_FORM_flag_present}: takes no space in the DIE. */
    record Flag() implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_FLAG_PRESENT;
        }
    }

    /** An unsigned constant, {@code DW_FORM_udata}. */
    record Unsigned(long value) implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_UDATA;
        }
    }

    /** A signed constant, {@code DW_FORM_sdata}. */
    record Signed(long value) implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_SDATA;
        }
    }

    /** A one-byte constant, {@code DW_FORM_data1}: encodings and calling conventions. */
    record Data1(int value) implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_DATA1;
        }
    }

    /** A two-byte constant, {@code DW_FORM_data2}: the language. */
    record Data2(int value) implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_DATA2;
        }
    }

    /** A machine address, {@code DW_FORM_addr}. */
    record Address(long value) implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_ADDR;
        }
    }

    /** A string in {@code .debug_str}, {@code DW_FORM_strp}. */
    record Str(String value) implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_STRP;
        }
    }

    /** A reference to another DIE of the unit, {@code DW_FORM_ref4}. */
    record Reference(DieNode target) implements AttributeValue {
        @Override
        public int form() {
            return DwarfConstants.DW_FORM_REF4;
        }
    }

    /**
     * A value already encoded in {@code form}, written as it is: for DWARF that no type system
     * gives (tests craft files with references and constants in forms the emitter does not use).
     */
    record Raw(int form, byte[] bytes) implements AttributeValue {
        public Raw {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** A location expression, {@code DW_FORM_exprloc}. */
    record Expression(byte[] bytes) implements AttributeValue {
        public Expression {
            bytes = bytes.clone();
        }

        @Override
        public int form() {
            return DwarfConstants.DW_FORM_EXPRLOC;
        }
    }
}
