package dev.dwarfbind.bind.internal.value;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.abi.CLayouts;
import dev.dwarfbind.bind.internal.abi.CallTypes;
import dev.dwarfbind.debuginfo.NameSuggestions;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

import java.lang.foreign.MemorySegment;
import java.util.function.Function;

/**
 * What converting values of one library needs: its types, their layouts and call
 * classification, the API's value objects and the upcall machinery, and the facts about C types
 * that conversions ask (is this a character type, is that pointee const). One per loaded
 * library; immutable and thread-safe.
 */
public final class ValueContext {
    private final TypeSystem ts;
    private final boolean foreign;
    private final CLayouts layouts;
    private final CallTypes callTypes;
    private final ApiObjects api;
    private final Stubs stubs;

    /** @param stubs makes the upcall machinery for this context (it needs the context itself) */
    public ValueContext(TypeSystem ts, ApiObjects api, Function<ValueContext, Stubs> stubs) {
        this(ts, cx -> api, stubs, false);
    }

    /**
     * A context whose API objects and upcall machinery are made for it (both need the context).
     *
     * @param foreign whether {@code ts} describes another target than this JVM's: its pointers are
     *                then integers of that target's size, not addresses of this process
     */
    public ValueContext(TypeSystem ts, Function<ValueContext, ApiObjects> api, Function<ValueContext, Stubs> stubs,
                        boolean foreign) {
        this.ts = ts;
        this.foreign = foreign;
        this.layouts = new CLayouts(ts, foreign);
        this.callTypes = new CallTypes(layouts);
        this.api = api.apply(this);
        this.stubs = stubs.apply(this);
    }

    /** Whether the types are another target's (see the constructor). */
    public boolean foreign() {
        return foreign;
    }

    public TypeSystem types() {
        return ts;
    }

    public CLayouts layouts() {
        return layouts;
    }

    public CallTypes callTypes() {
        return callTypes;
    }

    public ApiObjects api() {
        return api;
    }

    public Stubs stubs() {
        return stubs;
    }

    /** The C spelling of type {@code id}, for messages. */
    public String cName(int id) {
        return callTypes.cName(id);
    }

    public boolean isCharacterType(int id) {
        if (id < 0) return false;
        return ts.type(ts.strip(id)) instanceof ScalarType s
                && (s.kind() == ScalarKind.CHAR || s.kind() == ScalarKind.SIGNED_CHAR || s.kind() == ScalarKind.UNSIGNED_CHAR);
    }

    public boolean isBool(int id) {
        return ts.type(ts.strip(id)) instanceof ScalarType s && s.kind() == ScalarKind.BOOL;
    }

    public boolean isVoid(int id) {
        return id >= 0 && ts.type(ts.strip(id)) instanceof VoidType;
    }

    /** Size of type {@code id}, or 0 for void, function types and "no type". */
    public long sizeOfOrZero(int id) {
        if (id < 0) return 0;
        CType t = ts.type(ts.strip(id));
        if (t instanceof VoidType || t instanceof FunctionType) return 0;
        return ts.sizeOf(id);
    }

    /** Whether the pointee of pointer type {@code pointerId} is const-qualified. */
    public boolean isConstPointee(int pointerId) {
        if (pointerId < 0) return false;
        if (!(ts.type(ts.strip(pointerId)) instanceof PointerType p)) return false;
        return isConstObject(p.pointee());
    }

    /** Whether the object type {@code id} is const (through typedefs). */
    public boolean isConstObject(int id) {
        for (int hops = 0; hops < 64; hops++) {
            switch (ts.type(id)) {
                case QualifiedType q -> {
                    if (q.has(Qualifier.CONST)) return true;
                    id = q.type();
                }
                case TypedefType td -> id = td.target();
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    public boolean sameRecord(int a, int b) {
        return ts.strip(a) == ts.strip(b);
    }

    /** A pointer value sized to its pointee when that is a complete object type. */
    public MemorySegment sized(MemorySegment p, int pointee) {
        if (p.equals(MemorySegment.NULL)) return p;
        long size = sizeOfOrZero(pointee);
        return size > 0 ? p.reinterpret(size) : p;
    }

    /** The value of enum constant {@code name} of enum type {@code enumId}. */
    public long enumValue(int enumId, String name, String what) {
        if (!(ts.type(ts.strip(enumId)) instanceof EnumType e)) {
            throw new ArgumentException(what + ": a String converts to " + cName(enumId) + " only if it is an enum");
        }
        Enumerator v = e.value(name);
        if (v == null) {
            throw new ArgumentException(what + ": " + cName(enumId) + " has no constant " + name
                    + NameSuggestions.didYouMean(name, e.values().stream().map(Enumerator::name).toList()));
        }
        return v.value().longValue();
    }

    /** A struct view of {@code segment} as record {@code recordId}, sliced to the record's size. */
    public Object structView(int recordId, MemorySegment segment) {
        int id = ts.strip(recordId);
        if (ts.type(id) instanceof dev.dwarfbind.types.RecordType r) {
            return api.struct(id, segment.byteSize() == r.byteSize() ? segment : segment.asSlice(0, r.byteSize()));
        }
        // _Complex values: a two-field struct layout with no record type; keep the segment.
        return api.struct(id, segment);
    }
}
