package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.value.ScratchStack;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The dynamic call of one scalar signature with its conversions written out as bytecode: each
 * argument is taken from the {@code Object[]} when it is exactly the boxed type the C parameter
 * takes ({@code Integer} for an {@code int}, {@code Long} for a 64-bit integer, {@code Double},
 * {@code Float}, {@code Boolean}) and in range, unboxed, and passed to the raw downcall handle
 * (a constant of the generated class); the result comes back boxed. Anything else — another
 * Java type, a value out of range, a wrong count — returns {@link #SLOW} and the call takes the
 * general, checked path. A pointer to a character type given exactly a {@code String} is passed as
 * a C string pushed on the thread's {@link ScratchStack} and popped when the call returns or throws.
 *
 * <p>The point is allocation: this path is small and monomorphic, so once the JIT inlines it into
 * the caller, escape analysis removes the varargs array and the boxes, and
 * {@code add.invoke(4, 5)} allocates nothing; nor does {@code count_vowels.invoke("...")}, whose
 * string goes to memory the thread already has instead of a new arena.
 */
abstract class UnboxingInvoker {
    /** Returned when an argument needs the general conversions. */
    static final Object SLOW = new Object();


    /** Calls with these Java arguments, or returns {@link #SLOW}. */
    abstract Object call(Object[] args) throws Throwable;

    /**
     * Whether every parameter and the return of a signature can take this path; {@code strings}
     * marks the parameters that are pointers to a character type.
     */
    static boolean supports(CallType ret, CallType[] params, boolean[] strings) {
        for (int i = 0; i < params.length; i++) if (kind(params[i]) == null && !strings[i]) return false;
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
    static UnboxingInvoker of(MethodHandle downcall, CallType ret, CallType[] params, boolean[] strings) {
        var handle = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_MethodHandle, 0);
        var slow = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_Object, 1);
        MethodTypeDesc handleType = downcall.type().describeConstable().orElseThrow();
        boolean[] s = strings.clone();
        return CallerClass.instantiate(UnboxingInvoker.class, List.of(downcall, SLOW),
                code -> body(code, params, s, ret, handle, slow, handleType));
    }

    private static final ClassDesc CD_STACK = ClassDesc.of(ScratchStack.class.getName());
    private static final ClassDesc CD_SEGMENT = ClassDesc.of(MemorySegment.class.getName());

    private static void body(CodeBuilder code, CallType[] params, boolean[] strings, CallType ret, DynamicConstantDesc<?> handle,
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
        boolean anyString = false;
        for (int i = 0; i < params.length; i++) {
            CallType p = params[i];
            slots[i] = slot;
            code.aload(1);
            code.loadConstant(i);
            code.aaload();
            if (strings[i]) {
                // Exactly a String (a null, a segment or an array takes the general path).
                anyString = true;
                code.dup();
                code.instanceOf(ConstantDescs.CD_String);
                Label isString = code.newLabel();
                code.ifne(isString);
                code.pop();
                code.goto_(toSlow);
                code.labelBinding(isString);
                code.checkcast(ConstantDescs.CD_String);
                code.astore(slot);
                slot += 1;
                continue;
            }
            TypeKind k = kind(p);
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
        if (!anyString) {
            call(code, params, strings, slots, ret, handle, handleType);
        } else {
            // stack = ScratchStack.current(); mark = stack.mark(); then the strings and the call,
            // with the stack reset to the mark on every way out.
            int stack = slot;
            int mark = slot + 1;
            code.invokestatic(CD_STACK, "current", MethodTypeDesc.of(CD_STACK));
            code.astore(stack);
            code.aload(stack);
            code.invokevirtual(CD_STACK, "mark", MethodTypeDesc.of(ConstantDescs.CD_long));
            code.lstore(mark);
            code.trying(body -> {
                Label resetAndSlow = body.newLabel();
                for (int i = 0; i < params.length; i++) {
                    if (!strings[i]) continue;
                    body.aload(stack);
                    body.aload(slots[i]);
                    body.invokevirtual(CD_STACK, "cString", MethodTypeDesc.of(CD_SEGMENT, ConstantDescs.CD_String));
                    body.dup();
                    body.astore(slots[i]);
                    body.ifnull(resetAndSlow);
                }
                call(body, params, strings, slots, ret, handle, handleType, stack, mark);
                body.labelBinding(resetAndSlow);
                reset(body, stack, mark);
                body.ldc(slow);
                body.areturn();
            }, handlers -> handlers.catchingAll(h -> {
                reset(h, stack, mark);
                h.athrow();
            }));
        }
        code.labelBinding(toSlow);
        code.ldc(slow);
        code.areturn();
    }

    /** Pushes the handle and the arguments, calls, resets the scratch stack if one is given, returns the boxed result. */
    private static void call(CodeBuilder code, CallType[] params, boolean[] strings, int[] slots, CallType ret,
                             DynamicConstantDesc<?> handle, MethodTypeDesc handleType, int... stackAndMark) {
        code.ldc(handle);
        for (int i = 0; i < params.length; i++) {
            if (strings[i]) code.aload(slots[i]);
            else code.loadLocal(kind(params[i]), slots[i]);
        }
        code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", handleType);
        if (stackAndMark.length == 2) reset(code, stackAndMark[0], stackAndMark[1]);
        if (ret.kind() == CallType.Kind.VOID) {
            code.aconst_null();
        } else {
            TypeKind r = kind(ret);
            code.invokestatic(box(r), "valueOf", MethodTypeDesc.of(box(r), r.upperBound()));
        }
        code.areturn();
    }

    private static void reset(CodeBuilder code, int stack, int mark) {
        code.aload(stack);
        code.lload(mark);
        code.invokevirtual(CD_STACK, "reset", MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_long));
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
