package dev.dwarfbind.bind.internal.call;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;

/**
 * Calls one spread downcall handle ({@code (Object[]) -> Object}) from a class generated for it,
 * where the handle is a constant: the JIT then inlines the whole call, which it cannot do for a
 * handle read from a field. Used by {@link CallPlan#invoke}.
 */
abstract class Invoker {
    private static final ClassDesc CD_INVOKER = ClassDesc.of(Invoker.class.getName());
    private static final MethodTypeDesc CALL = MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_Object.arrayType());

    /** Calls the handle with these carrier values. */
    abstract Object call(Object[] carriers) throws Throwable;

    /** An invoker for {@code spread}, whose type must be {@code (Object[])Object}. */
    static Invoker of(MethodHandle spread) {
        if (!spread.type().equals(MethodType.methodType(Object.class, Object[].class))) {
            throw new IllegalArgumentException("spread handle has type " + spread.type());
        }
        ClassDesc self = ClassDesc.of(Invoker.class.getPackageName() + ".Invoker$Generated");
        var handle = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_MethodHandle);
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cb.withSuperclass(CD_INVOKER);
            cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, 0, code -> {
                code.aload(0);
                code.invokespecial(CD_INVOKER, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                code.return_();
            });
            cb.withMethodBody("call", CALL, ClassFile.ACC_FINAL, code -> {
                code.ldc(handle);
                code.aload(1);
                code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", CALL);
                code.areturn();
            });
        });
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, spread, true);
            return (Invoker) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot generate an invoker: " + e, e);
        }
    }
}
