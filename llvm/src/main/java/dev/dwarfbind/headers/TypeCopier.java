package dev.dwarfbind.headers;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies types of one type system into a builder holding another's, renumbering ids. Records and
 * enums are reserved under a key of their own, so a recursive record is copied once.
 */
final class TypeCopier {
    private final TypeSystem from;
    private final TypeSystemBuilder to;
    private final Map<Integer, Integer> copied = new HashMap<>();

    TypeCopier(TypeSystem from, TypeSystemBuilder to) {
        this.from = from;
        this.to = to;
    }

    int copy(int id) {
        if (id == TypeSystem.NO_TYPE) return id;
        Integer done = copied.get(id);
        if (done != null) return done;
        CType t = from.type(id);
        int result = switch (t) {
            case VoidType v -> to.add(v);
            case ScalarType s -> to.add(s);
            case PointerType p -> to.add(new PointerType(copy(p.pointee()), p.byteSize()));
            case QualifiedType q -> to.add(new QualifiedType(q.qualifiers(), copy(q.type())));
            case ArrayType a -> to.add(new ArrayType(copy(a.element()), a.count()));
            case TypedefType td -> to.add(new TypedefType(td.name(), copy(td.target())));
            case FunctionType f -> {
                List<Parameter> ps = new ArrayList<>();
                for (Parameter p : f.parameters()) ps.add(new Parameter(p.name(), copy(p.type())));
                yield to.add(new FunctionType(copy(f.returnType()), ps, f.variadic(), f.prototyped(), f.convention()));
            }
            case RecordType r -> {
                int reserved = to.reserve(new HeaderId(id));
                copied.put(id, reserved);
                if (!to.isDefined(reserved)) {
                    List<Field> fs = new ArrayList<>();
                    for (Field f : r.fields()) fs.add(new Field(f.name(), copy(f.type()), f.bitOffset(), f.bitSize()));
                    to.define(reserved, new RecordType(r.kind(), r.tag(), r.byteSize(), r.alignment(), fs, r.complete(), r.packed()));
                }
                yield reserved;
            }
            case EnumType e -> {
                int reserved = to.reserve(new HeaderId(id));
                copied.put(id, reserved);
                if (!to.isDefined(reserved)) {
                    to.define(reserved, new EnumType(e.tag(), copy(e.underlying()), e.byteSize(), e.alignment(), e.signed(), e.values(), e.complete()));
                }
                yield reserved;
            }
        };
        copied.put(id, result);
        return result;
    }

    /** The key reserving a header type's copy. */
    private record HeaderId(int id) {
    }
}
