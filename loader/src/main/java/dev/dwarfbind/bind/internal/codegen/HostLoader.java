package dev.dwarfbind.bind.internal.codegen;

import dev.dwarfbind.bind.error.BindingException;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessFlag;

/**
 * A class loader whose parent is the loader of an interface dwarfbind must implement but cannot
 * reach with a private lookup (a child loader, another module): it defines one tiny public class
 * that hands out a full-privilege lookup on itself, in which the implementation is then defined
 * as a hidden class. That class sees the interface through the parent, and {@code java.base}.
 */
final class HostLoader extends ClassLoader {
    private static final String HOST = "dev.dwarfbind.generated.BoundHost";

    private HostLoader(ClassLoader parent) {
        super("dwarfbind-bound", parent);
    }

    /**
     * A full-privilege lookup on a new host class whose loader's parent is {@code parent}. Not
     * cached: a cache keyed by the parent loader would keep that loader (a plugin's) alive.
     */
    static MethodHandles.Lookup lookupFor(ClassLoader parent) {
        ClassDesc host = ClassDesc.of(HOST);
        ClassDesc lookupDesc = ClassDesc.of(MethodHandles.Lookup.class.getName());
        byte[] bytes = ClassFile.of().build(host, cb -> {
            cb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cb.withMethodBody("lookup", MethodTypeDesc.of(lookupDesc), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                code.invokestatic(ClassDesc.of(MethodHandles.class.getName()), "lookup", MethodTypeDesc.of(lookupDesc));
                code.areturn();
            });
        });
        try {
            var loader = new HostLoader(parent);
            Class<?> c = loader.defineClass(HOST, bytes, 0, bytes.length);
            return (MethodHandles.Lookup) c.getMethod("lookup").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new BindingException("cannot define a host class for bound interfaces in a child of " + parent + ": " + e, e);
        }
    }
}
