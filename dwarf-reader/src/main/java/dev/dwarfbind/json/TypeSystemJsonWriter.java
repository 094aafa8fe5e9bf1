package dev.dwarfbind.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.OmittedMacro;
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
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Streams a {@link TypeSystem} out as a {@code dwarfbind-types/1} document. Streaming rather than
 * building a tree keeps memory flat for libraries with hundreds of thousands of types.
 *
 * <p>Absent values are omitted, never written as {@code null}: optional strings (a tag, a member
 * or parameter name, a symbol version), the count of an array without one, the underlying type
 * of an enum that has none and the bit size of a member that is not a bitfield.
 */
final class TypeSystemJsonWriter {
    private final JsonGenerator out;

    TypeSystemJsonWriter(JsonGenerator out) {
        this.out = out;
    }

    void write(TypeSystem ts) throws IOException {
        out.writeStartObject();
        Map<String, Constant> constants = ts.constants();
        Map<String, OmittedMacro> omitted = ts.omittedMacros();
        out.writeStringField(Schema.SCHEMA, !omitted.isEmpty() ? Schema.VERSION_WITH_OMITTED_MACROS
                : constants.isEmpty() ? Schema.VERSION : Schema.VERSION_WITH_CONSTANTS);
        writeTarget(ts.target());
        out.writeArrayFieldStart(Schema.TYPES);
        List<CType> types = ts.types();
        for (int id = 0; id < types.size(); id++) writeType(id, types.get(id));
        out.writeEndArray();
        out.writeArrayFieldStart(Schema.FUNCTIONS);
        for (FunctionDecl f : ts.functions().values()) writeFunction(f);
        out.writeEndArray();
        out.writeArrayFieldStart(Schema.VARIABLES);
        for (VariableDecl v : ts.variables().values()) writeVariable(v);
        out.writeEndArray();
        out.writeArrayFieldStart(Schema.UNTYPED);
        for (UntypedSymbol s : ts.untyped()) writeUntyped(s);
        out.writeEndArray();
        if (!constants.isEmpty()) {
            out.writeArrayFieldStart(Schema.CONSTANTS);
            for (Constant c : constants.values()) writeConstant(c);
            out.writeEndArray();
        }
        if (!omitted.isEmpty()) {
            out.writeArrayFieldStart(Schema.OMITTED_MACROS);
            for (OmittedMacro m : omitted.values()) {
                out.writeStartObject();
                out.writeStringField(Schema.NAME, m.name());
                out.writeStringField(Schema.DEFINITION, m.definition());
                out.writeStringField(Schema.REASON, m.reason());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private void writeTarget(Target t) throws IOException {
        out.writeObjectFieldStart(Schema.TARGET);
        out.writeStringField(Schema.OS, t.os());
        out.writeStringField(Schema.ARCH, t.arch());
        out.writeNumberField(Schema.POINTER_SIZE, t.pointerSize());
        out.writeBooleanField(Schema.LITTLE_ENDIAN, t.littleEndian());
        out.writeEndObject();
    }

    private void writeType(int id, CType type) throws IOException {
        out.writeStartObject();
        out.writeNumberField(Schema.ID, id);
        switch (type) {
            case VoidType v -> out.writeStringField(Schema.KIND, Schema.VOID);
            case ScalarType s -> {
                out.writeStringField(Schema.KIND, Schema.SCALAR);
                out.writeStringField(Schema.NAME, s.name());
                out.writeStringField(Schema.SCALAR_KIND, Schema.spell(s.kind()));
                out.writeNumberField(Schema.SIZE, s.byteSize());
                out.writeNumberField(Schema.ALIGN, s.alignment());
                out.writeBooleanField(Schema.SIGNED, s.signed());
            }
            case PointerType p -> {
                out.writeStringField(Schema.KIND, Schema.POINTER);
                out.writeNumberField(Schema.POINTEE, p.pointee());
                out.writeNumberField(Schema.SIZE, p.byteSize());
            }
            case QualifiedType q -> {
                out.writeStringField(Schema.KIND, Schema.QUALIFIED);
                out.writeArrayFieldStart(Schema.QUALIFIERS);
                // Enum order, not set order, so that equal type systems give byte-equal documents.
                for (Qualifier qualifier : Qualifier.values()) {
                    if (q.has(qualifier)) out.writeString(Schema.spell(qualifier));
                }
                out.writeEndArray();
                out.writeNumberField(Schema.TYPE, q.type());
            }
            case ArrayType a -> {
                out.writeStringField(Schema.KIND, Schema.ARRAY);
                out.writeNumberField(Schema.ELEMENT, a.element());
                if (!a.isFlexible()) out.writeNumberField(Schema.COUNT, a.count());
            }
            case RecordType r -> writeRecord(r);
            case EnumType e -> writeEnum(e);
            case FunctionType f -> writeFunctionType(f);
            case TypedefType td -> {
                out.writeStringField(Schema.KIND, Schema.TYPEDEF);
                out.writeStringField(Schema.NAME, td.name());
                out.writeNumberField(Schema.TARGET_TYPE, td.target());
            }
        }
        out.writeEndObject();
    }

    private void writeRecord(RecordType r) throws IOException {
        out.writeStringField(Schema.KIND, r.kind() == RecordKind.STRUCT ? Schema.STRUCT : Schema.UNION);
        optionalString(Schema.TAG, r.tag());
        out.writeNumberField(Schema.SIZE, r.byteSize());
        out.writeNumberField(Schema.ALIGN, r.alignment());
        out.writeBooleanField(Schema.COMPLETE, r.complete());
        out.writeBooleanField(Schema.PACKED, r.packed());
        out.writeArrayFieldStart(Schema.FIELDS);
        for (Field f : r.fields()) {
            out.writeStartObject();
            optionalString(Schema.NAME, f.name());
            out.writeNumberField(Schema.TYPE, f.type());
            out.writeNumberField(Schema.BIT_OFFSET, f.bitOffset());
            if (f.isBitfield()) out.writeNumberField(Schema.BIT_SIZE, f.bitSize());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private void writeEnum(EnumType e) throws IOException {
        out.writeStringField(Schema.KIND, Schema.ENUM);
        optionalString(Schema.TAG, e.tag());
        if (e.underlying() != TypeSystem.NO_TYPE) out.writeNumberField(Schema.UNDERLYING, e.underlying());
        out.writeNumberField(Schema.SIZE, e.byteSize());
        out.writeNumberField(Schema.ALIGN, e.alignment());
        out.writeBooleanField(Schema.SIGNED, e.signed());
        out.writeBooleanField(Schema.COMPLETE, e.complete());
        out.writeArrayFieldStart(Schema.VALUES);
        for (Enumerator v : e.values()) {
            out.writeStartObject();
            out.writeStringField(Schema.NAME, v.name());
            out.writeFieldName(Schema.VALUE);
            out.writeNumber(v.value());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private void writeFunctionType(FunctionType f) throws IOException {
        out.writeStringField(Schema.KIND, Schema.FUNCTION);
        out.writeNumberField(Schema.RETURN_TYPE, f.returnType());
        out.writeArrayFieldStart(Schema.PARAMETERS);
        for (Parameter p : f.parameters()) {
            out.writeStartObject();
            optionalString(Schema.NAME, p.name());
            out.writeNumberField(Schema.TYPE, p.type());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeBooleanField(Schema.VARIADIC, f.variadic());
        out.writeBooleanField(Schema.PROTOTYPED, f.prototyped());
        out.writeStringField(Schema.CONVENTION, Schema.spell(f.convention()));
    }

    private void writeFunction(FunctionDecl f) throws IOException {
        out.writeStartObject();
        out.writeStringField(Schema.NAME, f.name());
        out.writeNumberField(Schema.TYPE, f.type());
        out.writeBooleanField(Schema.NORETURN, f.noreturn());
        out.writeNumberField(Schema.ADDRESS, f.address());
        out.writeBooleanField(Schema.WEAK, f.weak());
        optionalString(Schema.VERSION_NAME, f.version());
        optionalString(Schema.DEBUG_NAME, f.debugName());
        out.writeEndObject();
    }

    private void writeVariable(VariableDecl v) throws IOException {
        out.writeStartObject();
        out.writeStringField(Schema.NAME, v.name());
        out.writeNumberField(Schema.TYPE, v.type());
        out.writeNumberField(Schema.ADDRESS, v.address());
        optionalString(Schema.VERSION_NAME, v.version());
        out.writeEndObject();
    }

    private void writeUntyped(UntypedSymbol s) throws IOException {
        out.writeStartObject();
        out.writeStringField(Schema.NAME, s.name());
        out.writeStringField(Schema.KIND, Schema.spell(s.kind()));
        out.writeNumberField(Schema.ADDRESS, s.address());
        out.writeNumberField(Schema.SIZE, s.size());
        optionalString(Schema.REASON, s.reason());
        out.writeEndObject();
    }

    private void writeConstant(Constant c) throws IOException {
        out.writeStartObject();
        out.writeStringField(Schema.NAME, c.name());
        switch (c.value()) {
            case java.math.BigInteger b -> {
                out.writeStringField(Schema.KIND, Schema.INTEGER);
                out.writeFieldName(Schema.VALUE);
                out.writeNumber(b);
            }
            case Double d -> {
                out.writeStringField(Schema.KIND, Schema.FLOAT);
                out.writeNumberField(Schema.VALUE, d);
            }
            default -> {
                out.writeStringField(Schema.KIND, Schema.STRING);
                out.writeStringField(Schema.VALUE, (String) c.value());
            }
        }
        if (c.type() != TypeSystem.NO_TYPE) out.writeNumberField(Schema.TYPE, c.type());
        out.writeEndObject();
    }

    private void optionalString(String key, String value) throws IOException {
        if (value != null) out.writeStringField(key, value);
    }
}
