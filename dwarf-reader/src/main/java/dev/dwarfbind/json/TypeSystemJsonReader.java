package dev.dwarfbind.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.OmittedMacro;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a parsed {@code dwarfbind-types/1} document into a {@link TypeSystem}, checking everything
 * the type model would otherwise trip over later: every member's JSON type, every id's range, that
 * typedef and qualifier chains end, that each function is declared with a function type.
 *
 * <p>Members this version does not know are ignored, as the compatibility rule for minor versions
 * requires; unknown {@code kind} values are errors, since a type the reader cannot represent would
 * leave a hole in the id space.
 */
final class TypeSystemJsonReader {
    /** {@code family/major} or {@code family/major.minor}. */
    private static final Pattern VERSION = Pattern.compile("([A-Za-z0-9_.-]+)/(\\d{1,9})(?:\\.(\\d{1,9}))?");

    private int typeCount;

    TypeSystem read(JsonNode document) throws TypeSystemJsonException {
        JsonCursor root = JsonCursor.root(document).requireObject();
        checkSchema(root.get(Schema.SCHEMA));
        Target target = readTarget(root.get(Schema.TARGET).requireObject());

        List<JsonCursor> typeNodes = root.get(Schema.TYPES).elements();
        typeCount = typeNodes.size();
        var types = new ArrayList<CType>(typeCount);
        for (int id = 0; id < typeCount; id++) types.add(readType(typeNodes.get(id), id));
        checkChains(types, typeNodes);

        // Reserving every id before defining any keeps ids stable and lets a type refer to one
        // that comes later in the array (a pointer to a struct defined further down).
        var builder = new TypeSystemBuilder(target);
        for (int id = 0; id < typeCount; id++) builder.reserve(Integer.valueOf(id));
        for (int id = 0; id < typeCount; id++) builder.define(id, types.get(id));

        var names = new HashSet<String>();
        for (JsonCursor f : root.get(Schema.FUNCTIONS).elements()) {
            FunctionDecl decl = readFunction(f.requireObject(), types);
            if (!names.add(decl.name())) throw f.get(Schema.NAME).error("duplicate function '" + decl.name() + "'");
            builder.addFunction(decl);
        }
        names.clear();
        for (JsonCursor v : root.get(Schema.VARIABLES).elements()) {
            VariableDecl decl = readVariable(v.requireObject());
            if (!names.add(decl.name())) throw v.get(Schema.NAME).error("duplicate variable '" + decl.name() + "'");
            builder.addVariable(decl);
        }
        for (JsonCursor u : root.get(Schema.UNTYPED).elements()) builder.addUntyped(readUntyped(u.requireObject()));
        JsonCursor constants = root.get(Schema.CONSTANTS);
        if (!constants.isAbsent()) {
            for (JsonCursor c : constants.elements()) builder.addConstant(readConstant(c.requireObject(), typeCount));
        }
        JsonCursor omitted = root.get(Schema.OMITTED_MACROS);
        if (!omitted.isAbsent()) {
            for (JsonCursor m : omitted.elements()) {
                m.requireObject();
                builder.addOmittedMacro(new OmittedMacro(m.get(Schema.NAME).string(), m.get(Schema.DEFINITION).string(),
                        m.get(Schema.REASON).string()));
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            // Derived types nesting too deep (or in a loop) are only seen once every id is defined.
            throw new TypeSystemJsonException("$." + Schema.TYPES, e.getMessage());
        }
    }

    private static void checkSchema(JsonCursor schema) throws TypeSystemJsonException {
        String value = schema.string();
        var m = VERSION.matcher(value);
        if (!m.matches() || !m.group(1).equals(Schema.FAMILY)) {
            throw schema.error("'" + value + "' is not a " + Schema.FAMILY + " document (expected \""
                    + Schema.VERSION + "\")");
        }
        if (Integer.parseInt(m.group(2)) != Schema.MAJOR) {
            throw schema.error("unsupported schema version '" + value + "': this reader understands major version "
                    + Schema.MAJOR + " only");
        }
    }

    private static Target readTarget(JsonCursor t) throws TypeSystemJsonException {
        String os = t.get(Schema.OS).string();
        String arch = t.get(Schema.ARCH).string();
        JsonCursor pointerSize = t.get(Schema.POINTER_SIZE);
        int size = pointerSize.intValue();
        boolean little = t.get(Schema.LITTLE_ENDIAN).bool();
        try {
            return new Target(os, arch, size, little);
        } catch (IllegalArgumentException e) {
            throw pointerSize.error(e.getMessage());
        }
    }

    private CType readType(JsonCursor t, int expectedId) throws TypeSystemJsonException {
        t.requireObject();
        JsonCursor idNode = t.get(Schema.ID);
        int id = idNode.intValue();
        // Ids are positions; a document whose ids disagree with the order is damaged or hand-edited
        // wrongly, and silently renumbering would change what every reference means.
        if (id != expectedId) throw idNode.error("expected id " + expectedId + " (ids are array positions), found " + id);
        JsonCursor kindNode = t.get(Schema.KIND);
        String kind = kindNode.string();
        try {
            return switch (kind) {
                case Schema.VOID -> new VoidType();
                case Schema.SCALAR -> readScalar(t);
                case Schema.POINTER -> new PointerType(ref(t.get(Schema.POINTEE)), t.get(Schema.SIZE).intValue());
                case Schema.QUALIFIED -> readQualified(t);
                case Schema.ARRAY -> readArray(t);
                case Schema.STRUCT -> readRecord(t, RecordKind.STRUCT);
                case Schema.UNION -> readRecord(t, RecordKind.UNION);
                case Schema.ENUM -> readEnum(t);
                case Schema.FUNCTION -> readFunctionType(t);
                case Schema.TYPEDEF -> new TypedefType(t.get(Schema.NAME).string(), ref(t.get(Schema.TARGET_TYPE)));
                default -> throw kindNode.error("unknown kind '" + kind + "'");
            };
        } catch (IllegalArgumentException e) {
            // The type records check their own invariants (no negative sizes, ...); report those
            // at the type that broke them.
            throw t.error(e.getMessage());
        }
    }

    private static ScalarType readScalar(JsonCursor t) throws TypeSystemJsonException {
        String name = t.get(Schema.NAME).string();
        ScalarKind kind = constant(t.get(Schema.SCALAR_KIND), ScalarKind.class);
        return new ScalarType(name, kind, t.get(Schema.SIZE).intValue(), t.get(Schema.ALIGN).intValue(),
                t.get(Schema.SIGNED).bool());
    }

    private QualifiedType readQualified(JsonCursor t) throws TypeSystemJsonException {
        JsonCursor list = t.get(Schema.QUALIFIERS);
        Set<Qualifier> qualifiers = EnumSet.noneOf(Qualifier.class);
        for (JsonCursor q : list.elements()) qualifiers.add(constant(q, Qualifier.class));
        if (qualifiers.isEmpty()) throw list.error("a qualified type needs at least one qualifier");
        return new QualifiedType(qualifiers, ref(t.get(Schema.TYPE)));
    }

    private ArrayType readArray(JsonCursor t) throws TypeSystemJsonException {
        int element = ref(t.get(Schema.ELEMENT));
        JsonCursor countNode = t.get(Schema.COUNT);
        long count = ArrayType.UNKNOWN_COUNT;
        if (!countNode.isAbsent()) {
            count = countNode.longValue();
            if (count < 0) throw countNode.error("negative array count " + count + " (omit \"count\" for an array without one)");
        }
        return new ArrayType(element, count);
    }

    private RecordType readRecord(JsonCursor t, RecordKind kind) throws TypeSystemJsonException {
        String tag = t.get(Schema.TAG).optionalString();
        long size = t.get(Schema.SIZE).longValue();
        int align = t.get(Schema.ALIGN).intValue();
        boolean complete = t.get(Schema.COMPLETE).bool();
        boolean packed = t.get(Schema.PACKED).bool();
        var fields = new ArrayList<Field>();
        for (JsonCursor f : t.get(Schema.FIELDS).elements()) {
            f.requireObject();
            String name = f.get(Schema.NAME).optionalString();
            int type = ref(f.get(Schema.TYPE));
            JsonCursor offsetNode = f.get(Schema.BIT_OFFSET);
            long bitOffset = offsetNode.longValue();
            if (bitOffset < 0) throw offsetNode.error("negative bit offset " + bitOffset);
            JsonCursor bitSizeNode = f.get(Schema.BIT_SIZE);
            int bitSize = bitSizeNode.isAbsent() ? 0 : bitSizeNode.intValue();
            if (bitSize < 0) throw bitSizeNode.error("negative bit size " + bitSize);
            fields.add(new Field(name, type, bitOffset, bitSize));
        }
        return new RecordType(kind, tag, size, align, fields, complete, packed);
    }

    private EnumType readEnum(JsonCursor t) throws TypeSystemJsonException {
        String tag = t.get(Schema.TAG).optionalString();
        JsonCursor underlyingNode = t.get(Schema.UNDERLYING);
        int underlying = underlyingNode.isAbsent() ? TypeSystem.NO_TYPE : ref(underlyingNode);
        int size = t.get(Schema.SIZE).intValue();
        int align = t.get(Schema.ALIGN).intValue();
        boolean signed = t.get(Schema.SIGNED).bool();
        boolean complete = t.get(Schema.COMPLETE).bool();
        // A constant must be representable in the enum's storage, read as signed or unsigned (C
        // compilers accept both for the constants of an enum). Without a size, 128 bits is the
        // widest integer any C compiler has.
        int bits = size > 0 ? Math.multiplyExact(size, 8) : 128;
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger limit = BigInteger.ONE.shiftLeft(bits);
        var values = new ArrayList<Enumerator>();
        for (JsonCursor v : t.get(Schema.VALUES).elements()) {
            v.requireObject();
            String name = v.get(Schema.NAME).string();
            JsonCursor valueNode = v.get(Schema.VALUE);
            BigInteger value = valueNode.bigInteger();
            if (value.compareTo(min) < 0 || value.compareTo(limit) >= 0) {
                throw valueNode.error("value " + value + " does not fit " + (size > 0 ? "an enum of " + size + " bytes" : "128 bits"));
            }
            values.add(new Enumerator(name, value));
        }
        return new EnumType(tag, underlying, size, align, signed, values, complete);
    }

    private FunctionType readFunctionType(JsonCursor t) throws TypeSystemJsonException {
        int returnType = ref(t.get(Schema.RETURN_TYPE));
        var parameters = new ArrayList<Parameter>();
        for (JsonCursor p : t.get(Schema.PARAMETERS).elements()) {
            p.requireObject();
            parameters.add(new Parameter(p.get(Schema.NAME).optionalString(), ref(p.get(Schema.TYPE))));
        }
        boolean variadic = t.get(Schema.VARIADIC).bool();
        boolean prototyped = t.get(Schema.PROTOTYPED).bool();
        CallingConvention convention = constant(t.get(Schema.CONVENTION), CallingConvention.class);
        return new FunctionType(returnType, parameters, variadic, prototyped, convention);
    }

    private FunctionDecl readFunction(JsonCursor f, List<CType> types) throws TypeSystemJsonException {
        String name = f.get(Schema.NAME).string();
        JsonCursor typeNode = f.get(Schema.TYPE);
        int type = ref(typeNode);
        CType stripped = types.get(strip(types, type));
        if (!(stripped instanceof FunctionType)) {
            throw typeNode.error("type " + type + " is not a function type (it is " + kindOf(stripped) + ")");
        }
        return new FunctionDecl(name, type, f.get(Schema.NORETURN).bool(), f.get(Schema.ADDRESS).longValue(),
                f.get(Schema.WEAK).bool(), f.get(Schema.VERSION_NAME).optionalString(),
                f.get(Schema.DEBUG_NAME).optionalString());
    }

    private VariableDecl readVariable(JsonCursor v) throws TypeSystemJsonException {
        return new VariableDecl(v.get(Schema.NAME).string(), ref(v.get(Schema.TYPE)), v.get(Schema.ADDRESS).longValue(),
                v.get(Schema.VERSION_NAME).optionalString());
    }

    private static Constant readConstant(JsonCursor c, int typeCount) throws TypeSystemJsonException {
        String name = c.get(Schema.NAME).string();
        JsonCursor kind = c.get(Schema.KIND);
        Object value = switch (kind.string()) {
            case Schema.INTEGER -> c.get(Schema.VALUE).bigInteger();
            case Schema.FLOAT -> c.get(Schema.VALUE).doubleValue();
            case Schema.STRING -> c.get(Schema.VALUE).string();
            default -> throw kind.error("unknown constant kind '" + kind.string() + "' (integer, float or string)");
        };
        JsonCursor type = c.get(Schema.TYPE);
        return new Constant(name, value, type.isAbsent() ? TypeSystem.NO_TYPE : type.typeId(typeCount));
    }

    private static UntypedSymbol readUntyped(JsonCursor u) throws TypeSystemJsonException {
        return new UntypedSymbol(u.get(Schema.NAME).string(), constant(u.get(Schema.KIND), UntypedSymbol.Kind.class),
                u.get(Schema.ADDRESS).longValue(), u.get(Schema.SIZE).longValue(),
                u.get(Schema.REASON).optionalString());
    }

    /**
     * Rejects typedef and qualifier chains that loop ({@code typedef A B; typedef B A;}): the type
     * model follows such chains to find what a value is laid out as and would never stop.
     */
    private static void checkChains(List<CType> types, List<JsonCursor> nodes) throws TypeSystemJsonException {
        // 0 = not visited, 1 = on the chain being followed, 2 = known to end.
        byte[] state = new byte[types.size()];
        for (int start = 0; start < types.size(); start++) {
            int id = start;
            while (state[id] == 0) {
                state[id] = 1;
                int next = switch (types.get(id)) {
                    case TypedefType td -> td.target();
                    case QualifiedType q -> q.type();
                    default -> -1;
                };
                if (next < 0) break;
                if (state[next] == 1) {
                    throw nodes.get(start).error("typedef or qualifier cycle through type " + next);
                }
                id = next;
            }
            // Everything marked on this walk ends (or the walk threw).
            for (id = start; state[id] == 1; ) {
                state[id] = 2;
                id = switch (types.get(id)) {
                    case TypedefType td -> td.target();
                    case QualifiedType q -> q.type();
                    default -> id;
                };
            }
        }
    }

    private static int strip(List<CType> types, int id) {
        while (true) {
            switch (types.get(id)) {
                case TypedefType td -> id = td.target();
                case QualifiedType q -> id = q.type();
                default -> { return id; }
            }
        }
    }

    private static String kindOf(CType t) {
        return switch (t) {
            case VoidType v -> Schema.VOID;
            case ScalarType s -> Schema.SCALAR;
            case PointerType p -> Schema.POINTER;
            case QualifiedType q -> Schema.QUALIFIED;
            case ArrayType a -> Schema.ARRAY;
            case RecordType r -> r.kind() == RecordKind.STRUCT ? Schema.STRUCT : Schema.UNION;
            case EnumType e -> Schema.ENUM;
            case FunctionType f -> Schema.FUNCTION;
            case TypedefType td -> Schema.TYPEDEF;
        };
    }

    private int ref(JsonCursor node) throws TypeSystemJsonException {
        return node.typeId(typeCount);
    }

    private static <E extends Enum<E>> E constant(JsonCursor node, Class<E> type) throws TypeSystemJsonException {
        String s = node.string();
        E value = Schema.parse(type, s);
        if (value == null) {
            var allowed = new ArrayList<String>();
            for (E e : type.getEnumConstants()) allowed.add(Schema.spell(e));
            throw node.error("unknown value '" + s + "' (expected one of " + String.join(", ", allowed) + ")");
        }
        return value;
    }
}
