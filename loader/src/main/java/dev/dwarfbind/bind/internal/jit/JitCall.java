package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.value.BigInt128;
import dev.dwarfbind.bind.internal.value.Int128Api;
import dev.dwarfbind.bind.internal.value.X87;
import dev.dwarfbind.bind.internal.value.X87Value;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java side of one wrapped call, generated per signature as a hidden class whose one static method
 * takes the linker path's carriers (a leading {@link SegmentAllocator} for a struct result, then the
 * errno capture segment if asked for, then the parameters; a {@code long double} may be asked for as a
 * {@code double} instead), checks that the library is open, passes each argument to the wrapper as its
 * {@link Passing} says and returns the result. Everything the linker carries goes in registers, so a call
 * of {@code long double f(long double)} bound as {@code double f(double)} is one downcall and no
 * allocation; only structs, complex values and results wider than a register go through the frame, which
 * is one block of native memory per thread and signature.
 *
 * <p>The frame needs no guard against a callback on the same thread calling the same wrapper again: C
 * evaluates a call's arguments before making it, so the wrapper has read them before the callee runs, and
 * stores the result only after it returned, when a nested call is over.
 */
final class JitCall {
    private static final ClassDesc CD_SEGMENT = ClassDesc.of(MemorySegment.class.getName());
    private static final ClassDesc CD_ALLOCATOR = ClassDesc.of(SegmentAllocator.class.getName());
    private static final ClassDesc CD_NUMBER = ClassDesc.of(Number.class.getName());
    private static final ClassDesc CD_BIG_INTEGER = ClassDesc.of(BigInteger.class.getName());
    private static final ClassDesc CD_BIG_DECIMAL = ClassDesc.of(java.math.BigDecimal.class.getName());
    private static final ClassDesc CD_THREAD_LOCAL = ClassDesc.of(ThreadLocal.class.getName());
    private static final ClassDesc CD_X87_VALUE = ClassDesc.of(X87Value.class.getName());
    private static final ClassDesc CD_X87 = ClassDesc.of(X87.class.getName());
    private static final ClassDesc CD_INT128 = ClassDesc.of(BigInt128.class.getName());
    private static final ClassDesc CD_VALUES = ClassDesc.of(JitValues.class.getName());
    private static final ClassDesc CD_STATE = ClassDesc.of(JitState.class.getName());

    private JitCall() {
    }

    /**
     * The call as a method handle (see the class comment).
     *
     * @param wrapper       the wrapper's downcall: {@code (capture?, long frame, passed arguments...)}, the
     *                      function's address already bound
     * @param state         whether the library is still open
     * @param what          the function, for the message of a call after close
     * @param capture       whether {@code wrapper} takes the errno capture segment first
     * @param resultPassing how the result comes back
     * @param passing       how each parameter goes
     * @param forms         how Java holds each parameter and then the result (see {@link JavaForm})
     * @param int128        the API's 128-bit integer, which an {@code __int128} argument may be, and a result is
     *                      made as where its form asks
     */
    static MethodHandle handle(MethodHandle wrapper, JitState state, String what, boolean capture, CallType ret, Passing resultPassing,
                               CallType[] params, Passing[] passing, Frame frame, JavaForm[] forms, Int128Api int128) {
        var types = new ArrayList<Class<?>>();
        boolean structResult = ret.kind() == CallType.Kind.STRUCT;
        if (structResult) types.add(SegmentAllocator.class);
        if (capture) types.add(MemorySegment.class);
        for (int i = 0; i < params.length; i++) types.add(passing[i].javaType(params[i], forms[i]));
        MethodType type = MethodType.methodType(resultPassing.javaType(ret, forms[params.length]), types);
        boolean needsFrame = usesFrame(resultPassing, passing);
        ThreadLocal<MemorySegment> frames = needsFrame
                ? ThreadLocal.withInitial(() -> java.lang.foreign.Arena.ofAuto().allocate(frame.size(), frame.alignment()))
                : null;
        var data = new ArrayList<Object>(List.of(wrapper, state, what));
        if (frames != null) data.add(frames);
        // The API's 128-bit integer handles, constants of the generated code (so inlined by the JIT compiler).
        int int128At = data.size();
        data.addAll(List.of(int128.make(), int128.high(), int128.low()));
        ClassDesc self = ClassDesc.of(JitCall.class.getPackageName() + ".JitCall$Generated");
        MethodTypeDesc desc = type.describeConstable().orElseThrow();
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cb.withMethodBody("call", desc, ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                    code -> body(code, wrapper.type(), capture, structResult, ret, resultPassing, params, passing, frame, needsFrame,
                            forms, int128At));
        });
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, List.copyOf(data), true);
            return hidden.findStatic(hidden.lookupClass(), "call", type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot generate the call of " + what + ": " + e, e);
        }
    }

    /** Pushes the low and the high half of the API's 128-bit integer in {@code slot}, read by its own accessors. */
    private static void apiHalves(CodeBuilder code, int slot, int int128At) {
        for (int half : new int[] {2, 1}) {
            code.ldc(classData(int128At + half, ConstantDescs.CD_MethodHandle));
            code.aload(slot);
            code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_Object));
        }
    }

    private static boolean usesFrame(Passing resultPassing, Passing[] passing) {
        boolean uses = resultPassing == Passing.FRAME;
        for (Passing p : passing) uses |= p == Passing.FRAME;
        return uses;
    }

    private static DynamicConstantDesc<?> classData(int index, ClassDesc type) {
        return DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, type, index);
    }

    private static void body(CodeBuilder code, MethodType wrapperType, boolean capture, boolean structResult, CallType ret,
                             Passing resultPassing, CallType[] params, Passing[] passing, Frame frame, boolean needsFrame,
                             JavaForm[] forms, int int128At) {
        // Argument slots: the allocator, the capture segment, then the parameters as the handle takes them.
        int slot = 0;
        int allocatorSlot = -1;
        if (structResult) allocatorSlot = slot++;
        int captureSlot = -1;
        if (capture) captureSlot = slot++;
        int[] slots = new int[params.length];
        TypeKind[] kinds = new TypeKind[params.length];
        for (int i = 0; i < params.length; i++) {
            slots[i] = slot;
            kinds[i] = TypeKind.from(passing[i].javaType(params[i], forms[i]));
            slot += kinds[i].slotSize();
        }
        int frameSlot = slot++;
        int scratch = slot++;

        // A closed library's wrappers must not run: the check is one volatile read.
        code.ldc(classData(1, CD_STATE));
        code.ldc(classData(2, ConstantDescs.CD_String));
        code.invokevirtual(CD_STATE, "check", MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String));
        if (needsFrame) {
            code.ldc(classData(3, CD_THREAD_LOCAL));
            code.invokevirtual(CD_THREAD_LOCAL, "get", MethodTypeDesc.of(ConstantDescs.CD_Object));
            code.checkcast(CD_SEGMENT);
            code.astore(frameSlot);
        }
        for (int i = 0; i < params.length; i++) {
            if (passing[i] != Passing.FRAME) continue;
            code.aload(frameSlot);
            code.loadConstant(frame.offsets()[i]);
            code.aload(slots[i]);
            if (params[i].kind() == CallType.Kind.COMPLEX) {
                code.invokestatic(CD_VALUES, "putComplex", MethodTypeDesc.of(ConstantDescs.CD_void, CD_SEGMENT, ConstantDescs.CD_long,
                        CD_NUMBER.arrayType()));
            } else {
                code.loadConstant(params[i].layout().byteSize());
                code.invokestatic(CD_VALUES, "putStruct", MethodTypeDesc.of(ConstantDescs.CD_void, CD_SEGMENT, ConstantDescs.CD_long,
                        CD_SEGMENT, ConstantDescs.CD_long));
            }
        }
        code.ldc(classData(0, ConstantDescs.CD_MethodHandle));
        if (capture) code.aload(captureSlot);
        if (needsFrame) {
            code.aload(frameSlot);
            code.invokeinterface(CD_SEGMENT, "address", MethodTypeDesc.of(ConstantDescs.CD_long));
        } else {
            code.lconst_0();
        }
        for (int i = 0; i < params.length; i++) {
            switch (passing[i]) {
                case DIRECT, AS_DOUBLE -> code.loadLocal(kinds[i], slots[i]);
                case HALF_BITS -> {
                    code.fload(slots[i]);
                    code.invokestatic(ConstantDescs.CD_Float, "floatToFloat16", MethodTypeDesc.of(ConstantDescs.CD_short,
                            ConstantDescs.CD_float));
                }
                case X87_BITS -> {
                    code.aload(slots[i]);
                    code.invokestatic(CD_VALUES, "x87", MethodTypeDesc.of(CD_X87_VALUE, CD_NUMBER));
                    code.astore(scratch);
                    code.aload(scratch);
                    code.invokevirtual(CD_X87_VALUE, "significand", MethodTypeDesc.of(ConstantDescs.CD_long));
                    code.aload(scratch);
                    code.invokevirtual(CD_X87_VALUE, "signExponent", MethodTypeDesc.of(ConstantDescs.CD_int));
                }
                case HALVES -> {
                    if (forms[i] == JavaForm.INT128) {
                        apiHalves(code, slots[i], int128At);
                    } else {
                        // A BigInteger (range-checked by the caller) or the API's value, told apart here.
                        Label api = code.newLabel();
                        Label done = code.newLabel();
                        code.aload(slots[i]);
                        code.instanceOf(CD_BIG_INTEGER);
                        code.ifeq(api);
                        for (String half : new String[] {"low", "high"}) {
                            code.aload(slots[i]);
                            code.checkcast(CD_BIG_INTEGER);
                            code.invokestatic(CD_INT128, half, MethodTypeDesc.of(ConstantDescs.CD_long, CD_BIG_INTEGER));
                        }
                        code.goto_(done);
                        code.labelBinding(api);
                        apiHalves(code, slots[i], int128At);
                        code.labelBinding(done);
                    }
                }
                case FRAME -> { }
                case NONE -> throw new IllegalArgumentException("a void parameter");
            }
        }
        code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", wrapperType.describeConstable().orElseThrow());
        switch (resultPassing) {
            case NONE -> code.return_();
            case DIRECT, AS_DOUBLE -> code.return_(TypeKind.from(resultPassing.javaType(ret, forms[params.length])));
            case HALF_BITS -> {
                code.invokestatic(ConstantDescs.CD_Float, "float16ToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_short));
                code.freturn();
            }
            case FRAME -> {
                if (ret.kind() == CallType.Kind.INT128 && forms[params.length] == JavaForm.INT128) {
                    // One value of the API's class made from the frame's two halves (high first).
                    code.ldc(classData(int128At, ConstantDescs.CD_MethodHandle));
                    for (long at : new long[] {8, 0}) {
                        code.aload(frameSlot);
                        code.loadConstant(at);
                        code.invokestatic(CD_VALUES, "half", MethodTypeDesc.of(ConstantDescs.CD_long, CD_SEGMENT, ConstantDescs.CD_long));
                    }
                    code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", MethodTypeDesc.of(ConstantDescs.CD_Object,
                            ConstantDescs.CD_long, ConstantDescs.CD_long));
                    code.areturn();
                    return;
                }
                code.aload(frameSlot);
                switch (ret.kind()) {
                    case LONG_DOUBLE -> {
                        if (forms[params.length] == JavaForm.BIG_DECIMAL) {
                            code.invokestatic(CD_VALUES, "decimal", MethodTypeDesc.of(CD_BIG_DECIMAL, CD_SEGMENT));
                        } else {
                            code.lconst_0();
                            code.invokestatic(CD_X87, "value", MethodTypeDesc.of(CD_X87_VALUE, CD_SEGMENT, ConstantDescs.CD_long));
                        }
                    }
                    case INT128 -> {
                        code.loadConstant(ret.min() != 0 ? 1 : 0);
                        code.invokestatic(CD_VALUES, "int128", MethodTypeDesc.of(CD_BIG_INTEGER, CD_SEGMENT, ConstantDescs.CD_boolean));
                    }
                    case COMPLEX -> code.invokestatic(CD_VALUES, "complex", MethodTypeDesc.of(CD_NUMBER.arrayType(), CD_SEGMENT));
                    case STRUCT -> {
                        code.aload(allocatorSlot);
                        code.loadConstant(ret.layout().byteSize());
                        code.loadConstant(ret.layout().byteAlignment());
                        code.invokestatic(CD_VALUES, "struct", MethodTypeDesc.of(CD_SEGMENT, CD_SEGMENT, CD_ALLOCATOR,
                                ConstantDescs.CD_long, ConstantDescs.CD_long));
                    }
                    default -> throw new IllegalArgumentException(ret.kind() + " does not come back through the frame");
                }
                code.areturn();
            }
            case X87_BITS, HALVES -> throw new IllegalArgumentException(resultPassing + " is no way to return");
        }
    }
}
