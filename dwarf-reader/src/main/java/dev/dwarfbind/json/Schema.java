package dev.dwarfbind.json;

import java.util.Locale;

/**
 * The names the {@code dwarfbind-types/1} schema uses, in one place so that the writer and the
 * reader cannot drift apart. See {@code docs/json-schema.md} for what each member means.
 */
final class Schema {
    /** The family part of the {@code "schema"} value. */
    static final String FAMILY = "dwarfbind-types";
    /** The major version this code writes and reads. */
    static final int MAJOR = 1;
    /** The {@code "schema"} value this code writes for a document without constants. */
    static final String VERSION = FAMILY + "/" + MAJOR;
    /** The {@code "schema"} value of a document with constants (minor version 1 added them). */
    static final String VERSION_WITH_CONSTANTS = FAMILY + "/" + MAJOR + ".1";
    /** The {@code "schema"} value of a document listing omitted macros (minor version 2 added them). */
    static final String VERSION_WITH_OMITTED_MACROS = FAMILY + "/" + MAJOR + ".2";

    // Top level.
    static final String SCHEMA = "schema";
    static final String TARGET = "target";
    static final String TYPES = "types";
    static final String FUNCTIONS = "functions";
    static final String VARIABLES = "variables";
    static final String UNTYPED = "untyped";
    static final String CONSTANTS = "constants";
    static final String OMITTED_MACROS = "omittedMacros";
    static final String DEFINITION = "definition";
    static final String INTEGER = "integer";
    static final String FLOAT = "float";
    static final String STRING = "string";

    // Target.
    static final String OS = "os";
    static final String ARCH = "arch";
    static final String POINTER_SIZE = "pointerSize";
    static final String LITTLE_ENDIAN = "littleEndian";

    // Members shared by several kinds of type.
    static final String ID = "id";
    static final String KIND = "kind";
    static final String NAME = "name";
    static final String TAG = "tag";
    static final String TYPE = "type";
    static final String SIZE = "size";
    static final String ALIGN = "align";
    static final String SIGNED = "signed";
    static final String COMPLETE = "complete";

    // Per kind.
    static final String SCALAR_KIND = "scalarKind";
    static final String POINTEE = "pointee";
    static final String QUALIFIERS = "qualifiers";
    static final String ELEMENT = "element";
    static final String COUNT = "count";
    static final String PACKED = "packed";
    static final String FIELDS = "fields";
    static final String BIT_OFFSET = "bitOffset";
    static final String BIT_SIZE = "bitSize";
    static final String UNDERLYING = "underlying";
    static final String VALUES = "values";
    static final String VALUE = "value";
    static final String RETURN_TYPE = "returnType";
    static final String PARAMETERS = "parameters";
    static final String VARIADIC = "variadic";
    static final String PROTOTYPED = "prototyped";
    static final String CONVENTION = "convention";
    static final String TARGET_TYPE = "target";

    // Declarations.
    static final String NORETURN = "noreturn";
    static final String ADDRESS = "address";
    static final String WEAK = "weak";
    static final String VERSION_NAME = "version";
    static final String DEBUG_NAME = "debugName";
    static final String REASON = "reason";

    // Values of "kind".
    static final String VOID = "void";
    static final String SCALAR = "scalar";
    static final String POINTER = "pointer";
    static final String QUALIFIED = "qualified";
    static final String ARRAY = "array";
    static final String STRUCT = "struct";
    static final String UNION = "union";
    static final String ENUM = "enum";
    static final String FUNCTION = "function";
    static final String TYPEDEF = "typedef";

    private Schema() {
    }

    /** The JSON spelling of a Java enum constant: its name in lower case ({@code MS_ABI} is {@code "ms_abi"}). */
    static String spell(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} spelled {@code json}, or {@code null} if there is none. */
    static <E extends Enum<E>> E parse(Class<E> type, String json) {
        for (E e : type.getEnumConstants()) {
            if (spell(e).equals(json)) return e;
        }
        return null;
    }
}
