package dev.dwarfbind.bind.internal.call;

import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Calls one spread downcall handle ({@code (Object[]) -> Object}) from a class generated for it,
 * where the handle is a constant: the JIT then inlines the whole call, which it cannot do for a
 * handle read from a field. Used by {@link CallPlan#invoke}.
 */
abstract class Invoker {
    private static final MethodTypeDesc CALL = MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_Object.arrayType());

    /** Calls the handle with these carrier values. */
    abstract Object call(Object[] carriers) throws Throwable;

    /** An invoker for {@code spread}, whose type must be {@code (Object[])Object}. */
    static Invoker of(MethodHandle spread) {
        if (!spread.type().equals(MethodType.methodType(Object.class, Object[].class))) {
            throw new IllegalArgumentException("spread handle has type " + spread.type());
        }
        var handle = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_MethodHandle);
        return CallerClass.instantiate(Invoker.class, spread, code -> {
            code.ldc(handle);
            code.aload(1);
            code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", CALL);
            code.areturn();
        });
    }
}
