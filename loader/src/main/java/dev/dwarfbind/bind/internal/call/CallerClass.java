package dev.dwarfbind.bind.internal.call;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.util.function.Consumer;

/**
 * Defines the hidden subclasses the dynamic call path generates ({@link Invoker},
 * {@link UnboxingInvoker}): a final class with a no-argument constructor and one method
 * {@code Object call(Object[])}, whose constants come from its class data, so that the handles
 * it calls are constants the JIT inlines.
 */
final class CallerClass {
    private static final MethodTypeDesc CALL = MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_Object.arrayType());

    private CallerClass() {
    }

    /** An instance of a new hidden subclass of {@code base} whose {@code call} method {@code body} writes. */
    static <T> T instantiate(Class<T> base, Object classData, Consumer<CodeBuilder> body) {
        ClassDesc superclass = ClassDesc.of(base.getName());
        ClassDesc self = ClassDesc.of(base.getName() + "$Generated");
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cb.withSuperclass(superclass);
            cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, 0, code -> {
                code.aload(0);
                code.invokespecial(superclass, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                code.return_();
            });
            cb.withMethodBody("call", CALL, ClassFile.ACC_FINAL, body);
        });
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, classData, true);
            return base.cast(hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke());
        } catch (Throwable e) {
            throw new IllegalStateException("cannot generate a " + base.getSimpleName() + ": " + e, e);
        }
    }
}
