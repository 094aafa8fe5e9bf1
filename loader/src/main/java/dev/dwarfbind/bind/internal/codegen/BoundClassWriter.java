package dev.dwarfbind.bind.internal.codegen;

import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.internal.upcall.CallbackErrors;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and loads the hidden class implementing a bound interface. Each method loads its
 * downcall handle as a dynamic constant from the class data (so the JIT sees a constant and
 * inlines the call, as for a hand-written {@code static final MethodHandle}) and calls it with
 * {@code invokeExact}. The class names nothing of dwarfbind's (its helpers are handles in the
 * class data too), so it can be defined in whatever class loader sees the interface:
 * <ol>
 * <li>the caller's own lookup, when given;</li>
 * <li>else a private lookup in the interface itself, which works for public, package-private
 *     and nested interfaces of dwarfbind's own module (the class path);</li>
 * <li>else, for a public interface in another class loader or module (a plugin, a single-file
 *     program), a small host class defined in a new loader whose parent is the interface's;</li>
 * <li>else (a non-public interface in another loader or module) a {@link BindingException}
 *     saying to pass {@code MethodHandles.lookup()}.</li>
 * </ol>
 */
final class BoundClassWriter {
    private static final ClassDesc CD_MH = ConstantDescs.CD_MethodHandle;
    private static final ClassDesc CD_ARENA = ClassDesc.of(Arena.class.getName());
    private static final ClassDesc CD_SEGMENT = ClassDesc.of(MemorySegment.class.getName());
    private static final MethodTypeDesc CSTRING = MethodTypeDesc.of(CD_SEGMENT, CD_ARENA, ConstantDescs.CD_String);
    private static final MethodTypeDesc COPY_IN = MethodTypeDesc.of(CD_SEGMENT, CD_ARENA, ConstantDescs.CD_Object);
    private static final MethodTypeDesc COPY_OUT = MethodTypeDesc.of(ConstantDescs.CD_void, CD_SEGMENT, ConstantDescs.CD_Object);

    private BoundClassWriter() {
    }

    @SuppressWarnings("unchecked")
    static <T> T instantiate(Class<T> api, List<BoundMethod> plans, MethodHandles.Lookup lookup) {
        MethodHandles.Lookup host = lookup != null ? lookup : host(api);
        String pkg = host.lookupClass().getPackageName();
        ClassDesc self = ClassDesc.of((pkg.isEmpty() ? "" : pkg + ".") + "DwarfbindBound$" + api.getSimpleName());
        ClassDesc iface = ClassDesc.of(api.getName());
        // Class data: per method its downcall, its after-call check, and a string copier per string
        // parameter (each knowing the argument's name); then the array copiers all share.
        var data = new ArrayList<MethodHandle>();
        data.add(BoundMethods.COPY_IN);
        data.add(BoundMethods.COPY_OUT);
        data.add(BoundMethods.SCRATCH_MARK);
        data.add(BoundMethods.SCRATCH_RESET);
        int[][] slots = new int[plans.size()][];
        for (int k = 0; k < plans.size(); k++) {
            BoundMethod p = plans.get(k);
            int[] s = new int[2 + p.temporaries().length];
            s[0] = data.size();
            data.add(p.handle());
            s[1] = data.size();
            data.add(MethodHandles.insertArguments(CallbackErrors.AFTER_CALL, 0, p.function()));
            for (int i = 0; i < p.temporaries().length; i++) {
                if (p.temporaries()[i] != BoundMethod.Temporary.STRING) continue;
                s[2 + i] = data.size();
                data.add(MethodHandles.insertArguments(stringsOnly(p) ? BoundMethods.SCRATCH_STRING : BoundMethods.C_STRING,
                        0, p.what()[i]));
            }
            slots[k] = s;
        }
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cb.withInterfaceSymbols(iface);
            cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> {
                code.aload(0);
                code.invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                code.return_();
            });
            for (int k = 0; k < plans.size(); k++) {
                BoundMethod p = plans.get(k);
                MethodTypeDesc desc = MethodType.methodType(p.method().getReturnType(), p.method().getParameterTypes())
                        .describeConstable().orElseThrow();
                MethodTypeDesc handleDesc = p.handle().type().describeConstable().orElseThrow();
                int[] s = slots[k];
                cb.withMethodBody(p.method().getName(), desc, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                        code -> body(code, p, desc, handleDesc, s));
            }
        });
        try {
            MethodHandles.Lookup hidden = host.defineHiddenClassWithClassData(bytes, List.copyOf(data), true);
            return (T) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (NoClassDefFoundError | IllegalAccessException e) {
            throw new BindingException(api.getName() + " cannot be implemented from " + host.lookupClass().getName()
                    + ": bind it with lib.bind(" + api.getSimpleName() + ".class, MethodHandles.lookup()) from code in its package", e);
        } catch (Throwable e) {
            throw new BindingException("cannot generate an implementation of " + api.getName() + ": " + e, e);
        }
    }

    /** A full-privilege lookup whose class loader sees {@code api}, found as the class comment says. */
    private static MethodHandles.Lookup host(Class<?> api) {
        try {
            BoundClassWriter.class.getModule().addReads(api.getModule());
            MethodHandles.Lookup own = MethodHandles.privateLookupIn(api, MethodHandles.lookup());
            if (own.hasFullPrivilegeAccess()) return own;
        } catch (IllegalAccessException | SecurityException e) {
            // Not open to dwarfbind: try a host class of our own below.
        }
        if (!isPublicAll(api) || !api.getModule().isExported(api.getPackageName())) {
            throw new BindingException(api.getName() + " is not public (or not exported) and lives in another class loader or"
                    + " module than dwarfbind, so dwarfbind cannot implement it by itself: make it public, or bind it with"
                    + " lib.bind(" + api.getSimpleName() + ".class, MethodHandles.lookup()) from code in its package");
        }
        return HostLoader.lookupFor(api.getClassLoader());
    }

    private static boolean isPublicAll(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) return false;
        }
        return true;
    }

    /** {@code data[0]} copies an array in, {@code data[1]} copies it out; {@code s} as in {@link #instantiate}. */
    private static void body(CodeBuilder code, BoundMethod p, MethodTypeDesc desc, MethodTypeDesc handleDesc, int[] s) {
        TypeKind ret = TypeKind.from(desc.returnType());
        var mh = constant(s[0]);
        var after = constant(s[1]);
        int slot = 1;
        int[] slots = new int[desc.parameterCount()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = slot;
            slot += TypeKind.from(desc.parameterType(i)).slotSize();
        }
        if (!p.needsArena()) {
            code.ldc(mh);
            for (int i = 0; i < slots.length; i++) code.loadLocal(TypeKind.from(desc.parameterType(i)), slots[i]);
            code.invokevirtual(CD_MH, "invokeExact", handleDesc);
            afterCall(code, after);
            code.return_(ret);
            return;
        }
        if (stringsOnly(p)) {
            scratchBody(code, p, desc, handleDesc, s, slots, slot, mh, after, ret);
            return;
        }
        // With temporaries: a confined arena for their native copies, closed in a finally;
        // arrays C may write to are copied back before it closes.
        int arena = slot;
        int copies = arena + 1;
        int result = copies + slots.length;
        code.invokestatic(CD_ARENA, "ofConfined", MethodTypeDesc.of(CD_ARENA), true);
        code.astore(arena);
        code.trying(tb -> {
            for (int i = 0; i < slots.length; i++) {
                BoundMethod.Temporary t = p.temporaries()[i];
                if (t == BoundMethod.Temporary.NONE) continue;
                tb.ldc(constant(t == BoundMethod.Temporary.STRING ? s[2 + i] : 0));
                tb.aload(arena);
                tb.aload(slots[i]);
                tb.invokevirtual(CD_MH, "invokeExact", t == BoundMethod.Temporary.STRING ? CSTRING : COPY_IN);
                tb.astore(copies + i);
            }
            tb.ldc(mh);
            for (int i = 0; i < slots.length; i++) {
                if (p.temporaries()[i] != BoundMethod.Temporary.NONE) tb.aload(copies + i);
                else tb.loadLocal(TypeKind.from(desc.parameterType(i)), slots[i]);
            }
            tb.invokevirtual(CD_MH, "invokeExact", handleDesc);
            afterCall(tb, after);
            if (ret != TypeKind.VOID) tb.storeLocal(ret, result);
            for (int i = 0; i < slots.length; i++) {
                if (p.temporaries()[i] != BoundMethod.Temporary.ARRAY_IN_OUT) continue;
                tb.ldc(constant(1));
                tb.aload(copies + i);
                tb.aload(slots[i]);
                tb.invokevirtual(CD_MH, "invokeExact", COPY_OUT);
            }
            tb.aload(arena);
            tb.invokeinterface(CD_ARENA, "close", ConstantDescs.MTD_void);
            if (ret != TypeKind.VOID) tb.loadLocal(ret, result);
            tb.return_(ret);
        }, catches -> catches.catchingAll(hb -> {
            hb.aload(arena);
            hb.invokeinterface(CD_ARENA, "close", ConstantDescs.MTD_void);
            hb.athrow();
        }));
        // Unreachable (both paths leave), but the verifier needs the code to end in a terminal.
        code.aconst_null();
        code.athrow();
    }

    /** Whether the only temporaries of {@code p} are strings, which the thread's scratch stack holds. */
    private static boolean stringsOnly(BoundMethod p) {
        for (BoundMethod.Temporary t : p.temporaries()) {
            if (t != BoundMethod.Temporary.NONE && t != BoundMethod.Temporary.STRING) return false;
        }
        return true;
    }

    /**
     * The body of a method whose temporaries are all strings: they go on the thread's scratch stack
     * (data[2] marks it, data[3] resets it, in a finally), so the call allocates no arena.
     */
    private static void scratchBody(CodeBuilder code, BoundMethod p, MethodTypeDesc desc, MethodTypeDesc handleDesc, int[] s,
                                    int[] slots, int slot, DynamicConstantDesc<MethodHandle> mh,
                                    DynamicConstantDesc<MethodHandle> after, TypeKind ret) {
        int mark = slot;
        int copies = mark + 2;
        int result = copies + slots.length;
        code.ldc(constant(2));
        code.invokevirtual(CD_MH, "invokeExact", MethodTypeDesc.of(ConstantDescs.CD_long));
        code.lstore(mark);
        code.trying(tb -> {
            for (int i = 0; i < slots.length; i++) {
                if (p.temporaries()[i] != BoundMethod.Temporary.STRING) continue;
                tb.ldc(constant(s[2 + i]));
                tb.aload(slots[i]);
                tb.invokevirtual(CD_MH, "invokeExact", MethodTypeDesc.of(CD_SEGMENT, ConstantDescs.CD_String));
                tb.astore(copies + i);
            }
            tb.ldc(mh);
            for (int i = 0; i < slots.length; i++) {
                if (p.temporaries()[i] == BoundMethod.Temporary.STRING) tb.aload(copies + i);
                else tb.loadLocal(TypeKind.from(desc.parameterType(i)), slots[i]);
            }
            tb.invokevirtual(CD_MH, "invokeExact", handleDesc);
            afterCall(tb, after);
            if (ret != TypeKind.VOID) tb.storeLocal(ret, result);
            resetScratch(tb, mark);
            if (ret != TypeKind.VOID) tb.loadLocal(ret, result);
            tb.return_(ret);
        }, catches -> catches.catchingAll(hb -> {
            resetScratch(hb, mark);
            hb.athrow();
        }));
        code.aconst_null();
        code.athrow();
    }

    private static void resetScratch(CodeBuilder code, int mark) {
        code.ldc(constant(3));
        code.lload(mark);
        code.invokevirtual(CD_MH, "invokeExact", MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_long));
    }

    /** Rethrows a callback's exception thrown during the call that just returned (one counter read when none). */
    private static void afterCall(CodeBuilder code, DynamicConstantDesc<MethodHandle> after) {
        code.ldc(after);
        code.invokevirtual(CD_MH, "invokeExact", ConstantDescs.MTD_void);
    }

    private static DynamicConstantDesc<MethodHandle> constant(int index) {
        return DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, CD_MH, index);
    }
}
