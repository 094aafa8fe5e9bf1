package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.internal.abi.CallType;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The dynamic call of one scalar signature with its conversions written out as bytecode: each
 * argument is taken from the {@code Object[]} when it is exactly the boxed type the C parameter
 * takes ({@code Integer} for an {@code int}, {@code Long} for a 64-bit integer, {@code Double},
 * {@code Float}, {@code Boolean}) and in range, unboxed, and passed to the raw downcall handle
 * (a constant of the generated class); the result comes back boxed. Anything else — another
 * Java type, a value out of range, a wrong count — returns {@link #SLOW} and the call takes the
 * general, checked path.
 *
 * <p>The point is allocation: this path is small and monomorphic, so once the JIT inlines it into
 * the caller, escape analysis removes the varargs array and the boxes, and
 * {@code add.invoke(4, 5)} allocates nothing.
 */
abstract class UnboxingInvoker {
    /** Returned when an argument needs the general conversions. */
    static final Object SLOW = new Object();


    /** Calls with these Java arguments, or returns {@link #SLOW}. */
    abstract Object call(Object[] args) throws Throwable;

    /** Whether every parameter and the return of a signature can take this path. */
    static boolean supports(CallType ret, CallType[] params) {
        for (CallType p : params) if (kind(p) == null) return false;
        return ret.kind() == CallType.Kind.VOID || kind(ret) != null;
    }

    /** The primitive a call type travels as on this path, or null if it cannot. */
    private static TypeKind kind(CallType ct) {
        return switch (ct.kind()) {
            case INT -> ct.carrier() == int.class ? TypeKind.INT : ct.carrier() == long.class ? TypeKind.LONG : null;
            case BOOL -> ct.carrier() == boolean.class ? TypeKind.BOOLEAN : null;
            case FLOAT -> TypeKind.FLOAT;
            case DOUBLE -> TypeKind.DOUBLE;
            default -> null;
        };
    }

    /** An invoker for {@code downcall}, the raw handle whose parameters are {@code params}' carriers. */
    static UnboxingInvoker of(MethodHandle downcall, CallType ret, CallType[] params) {
        var handle = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_MethodHandle, 0);
        var slow = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_Object, 1);
        MethodTypeDesc handleType = downcall.type().describeConstable().orElseThrow();
        return CallerClass.instantiate(UnboxingInvoker.class, List.of(downcall, SLOW),
                code -> body(code, params, ret, handle, slow, handleType));
    }

    private static void body(CodeBuilder code, CallType[] params, CallType ret, DynamicConstantDesc<?> handle,
                             DynamicConstantDesc<?> slow, MethodTypeDesc handleType) {
        Label toSlow = code.newLabel();
        // args.length == params.length, else the general path says what is wrong.
        code.aload(1);
        code.arraylength();
        code.loadConstant(params.length);
        code.if_icmpne(toSlow);
        // Unbox each argument into a local, checking its class and range.
        int slot = 2;
        int[] slots = new int[params.length];
        for (int i = 0; i < params.length; i++) {
            CallType p = params[i];
            TypeKind k = kind(p);
            slots[i] = slot;
            code.aload(1);
            code.loadConstant(i);
            code.aaload();
            ClassDesc box = box(k);
            code.dup();
            code.instanceOf(box);
            Label ok = code.newLabel();
            code.ifne(ok);
            code.pop();
            code.goto_(toSlow);
            code.labelBinding(ok);
            code.checkcast(box);
            code.invokevirtual(box, unboxName(k), MethodTypeDesc.of(k.upperBound()));
            code.storeLocal(k, slot);
            if (k == TypeKind.INT && p.kind() == CallType.Kind.INT && p.min() != Integer.MIN_VALUE) {
                // A narrower or unsigned integer carried as int: the range check the conversions make.
                code.iload(slot);
                code.loadConstant((int) p.min());
                code.if_icmplt(toSlow);
                code.iload(slot);
                code.loadConstant((int) Math.min(p.max(), Integer.MAX_VALUE));
                code.if_icmpgt(toSlow);
            }
            slot += k.slotSize();
        }
        code.ldc(handle);
        for (int i = 0; i < params.length; i++) code.loadLocal(kind(params[i]), slots[i]);
        code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", handleType);
        if (ret.kind() == CallType.Kind.VOID) {
            code.aconst_null();
        } else {
            TypeKind r = kind(ret);
            code.invokestatic(box(r), "valueOf", MethodTypeDesc.of(box(r), r.upperBound()));
        }
        code.areturn();
        code.labelBinding(toSlow);
        code.ldc(slow);
        code.areturn();
    }

    private static ClassDesc box(TypeKind k) {
        return switch (k) {
            case INT -> ConstantDescs.CD_Integer;
            case LONG -> ConstantDescs.CD_Long;
            case FLOAT -> ConstantDescs.CD_Float;
            case DOUBLE -> ConstantDescs.CD_Double;
            case BOOLEAN -> ConstantDescs.CD_Boolean;
            default -> throw new AssertionError(k);
        };
    }

    private static String unboxName(TypeKind k) {
        return switch (k) {
            case INT -> "intValue";
            case LONG -> "longValue";
            case FLOAT -> "floatValue";
            case DOUBLE -> "doubleValue";
            case BOOLEAN -> "booleanValue";
            default -> throw new AssertionError(k);
        };
    }
}
