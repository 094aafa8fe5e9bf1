package dev.dwarfbind.bind;

import dev.dwarfbind.bind.internal.value.ApiObjects;
import dev.dwarfbind.bind.internal.value.Int128Api;
import dev.dwarfbind.bind.internal.value.ValueContext;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** The API's value objects as the machinery sees them, for one value context (a library's, or a {@link CTypes}'). */
final class ApiViews implements ApiObjects {
    private static final Int128Api INT128;

    static {
        try {
            var l = MethodHandles.lookup();
            INT128 = new Int128Api(Int128.class,
                    l.findConstructor(Int128.class, MethodType.methodType(void.class, long.class, long.class))
                            .asType(MethodType.methodType(Object.class, long.class, long.class)),
                    l.findVirtual(Int128.class, "high", MethodType.methodType(long.class)).asType(MethodType.methodType(long.class, Object.class)),
                    l.findVirtual(Int128.class, "low", MethodType.methodType(long.class)).asType(MethodType.methodType(long.class, Object.class)));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ValueContext cx;

    ApiViews(ValueContext cx) {
        this.cx = cx;
    }

    @Override
    public Object struct(int typeId, MemorySegment segment) {
        return new CStruct(cx, typeId, segment);
    }

    @Override
    public Object array(int typeId, MemorySegment segment) {
        return new CArray(cx, typeId, segment);
    }

    @Override
    public int structType(Object value) {
        return value instanceof CStruct s ? s.typeId() : -1;
    }

    @Override
    public MemorySegment structSegment(Object value, String what) {
        return ((CStruct) value).segmentChecked(what);
    }

    @Override
    public String structName(Object value) {
        return ((CStruct) value).cName();
    }

    @Override
    public MemorySegment functionAddress(Object value) {
        return value instanceof NativeFunction f ? f.address() : null;
    }

    @Override
    public Object complex(Number[] parts) {
        return new Complex(parts[0], parts[1]);
    }

    @Override
    public Number[] complexParts(Object value) {
        return value instanceof Complex c ? new Number[] {c.real(), c.imaginary()} : null;
    }

    @Override
    public Int128Api int128() {
        return INT128;
    }
}
