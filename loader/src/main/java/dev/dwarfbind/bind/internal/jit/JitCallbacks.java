package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.llvm.ToolNotFoundException;
import dev.dwarfbind.llvm.jit.LlvmException;
import dev.dwarfbind.llvm.jit.OrcJit;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Java callbacks of signatures {@code java.lang.foreign}'s upcalls cannot take ({@code long double},
 * {@code __int128}, {@code _Float16}, complex, packed structs, struct results, other conventions): C gets a
 * thunk compiled from C with the callback's real signature ({@link WrapperSource#thunks}), which stores its
 * arguments in a frame on its stack and calls a plain upcall {@code void (char *frame)}; Java reads the
 * arguments from the frame and stores the result there.
 *
 * <p>Compiling is far too slow to do per callback (a {@code qsort} comparator is made per call), so thunks
 * are compiled per signature in batches of {@link #BATCH}, each reading the upcall it calls from its own
 * slot of a global array: a callback takes a free thunk of its signature, writes its upcall's address in
 * the slot, and gives the slot back when its arena closes. The thunks live in one LLJIT for the JVM's life
 * (their code is shared by every library and callback of the signature; C may hold a thunk as long as the
 * callback's arena lives, which no library's closing bounds).
 */
public final class JitCallbacks {
    /** Thunks compiled at once for a signature. */
    static final int BATCH = 16;
    private static final FunctionDescriptor UPCALL = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);
    private static final MethodHandle RUN;

    static {
        try {
            RUN = MethodHandles.lookup().findVirtual(Thunk.class, "run", MethodType.methodType(void.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Free thunks per thunk source (a signature). Guarded by the class lock. */
    private static final Map<String, List<Batch>> POOLS = new HashMap<>();
    private static OrcJit jit;
    private static int batches;

    private JitCallbacks() {
    }

    /** One compiled batch: its slots and thunks, and which are free. */
    private record Batch(MemorySegment slots, long[] thunks, BitSet free) {
    }

    /**
     * A C function pointer of type {@code ret (cc *)(params)} calling {@code handler}, valid while
     * {@code arena} is open. {@code handler} gets the arguments as the linker path's carriers and returns
     * the result's carrier, or null for zeros; it must not throw (an exception cannot unwind through C).
     *
     * @throws Unsupported if a type or the convention cannot be written in C, or clang or LLVM fails
     */
    public static MemorySegment stub(TypeSystem ts, CallType ret, List<CallType> params, CallingConvention cc,
                                     Int128Passing int128, Function<Object[], Object> handler, Arena arena) {
        CallType[] ps = params.toArray(CallType[]::new);
        Frame frame = Frame.of(ret, ps);
        String source = WrapperSource.thunks(ts, ret, ps, cc, frame, "dwb_t", BATCH, int128);
        MemorySegment upcall = Linker.nativeLinker().upcallStub(RUN.bindTo(new Thunk(frame.size(), ret, ps, handler)), UPCALL, arena);
        Batch batch;
        int slot;
        synchronized (JitCallbacks.class) {
            List<Batch> pool = POOLS.computeIfAbsent(source, s -> new ArrayList<>());
            batch = null;
            for (Batch b : pool) {
                if (!b.free().isEmpty()) {
                    batch = b;
                    break;
                }
            }
            if (batch == null) {
                batch = compile(source);
                pool.add(batch);
            }
            slot = batch.free().nextSetBit(0);
            batch.free().clear(slot);
            batch.slots().setAtIndex(ValueLayout.JAVA_LONG, slot, upcall.address());
        }
        Batch taken = batch;
        // Closing the arena frees the upcall; the slot is emptied and given back with it.
        MemorySegment.NULL.reinterpret(arena, s -> release(taken, slot));
        return MemorySegment.ofAddress(batch.thunks()[slot]).reinterpret(arena, null);
    }

    private static synchronized void release(Batch b, int slot) {
        b.slots().setAtIndex(ValueLayout.JAVA_LONG, slot, 0);
        b.free().set(slot);
    }

    /** Compiles a new batch of the thunks {@code source} defines (as {@code dwb_t_<n>}) under fresh names. */
    private static Batch compile(String source) {
        String prefix = "dwb_t" + batches++ + "x";
        String named = source.replace("dwb_t", prefix);
        try {
            byte[] bitcode = JitDowncalls.clang().bitcode(named);
            if (jit == null) jit = new OrcJit();
            jit.add(bitcode, prefix);
            MemorySegment slots = MemorySegment.ofAddress(jit.lookup(prefix + "_slots")).reinterpret(8L * BATCH);
            long[] thunks = new long[BATCH];
            for (int i = 0; i < BATCH; i++) thunks[i] = jit.lookup(prefix + "_" + i);
            BitSet free = new BitSet(BATCH);
            free.set(0, BATCH);
            return new Batch(slots, thunks, free);
        } catch (LlvmException | ToolNotFoundException e) {
            throw new Unsupported("cannot make the callback through the JIT: " + e.getMessage());
        }
    }

    /** The Java side of one callback: the upcall a thunk calls with its frame. */
    private static final class Thunk {
        private final long size;
        private final CallType ret;
        private final CallType[] params;
        private final long[] offsets;
        private final Function<Object[], Object> handler;

        Thunk(long size, CallType ret, CallType[] params, Function<Object[], Object> handler) {
            this.size = size;
            this.ret = ret;
            this.params = params;
            this.offsets = Frame.of(ret, params).offsets();
            this.handler = handler;
        }

        @SuppressWarnings("unused") // called through RUN
        void run(MemorySegment frame) {
            MemorySegment f = frame.reinterpret(size);
            try {
                Object[] carriers = new Object[params.length];
                for (int i = 0; i < params.length; i++) carriers[i] = JitValues.read(f, offsets[i], params[i]);
                JitValues.write(f, 0, ret, handler.apply(carriers));
            } catch (Throwable t) {
                // Nothing may unwind into C: the handler reports its own errors, this only guards the frame.
                if (ret.kind() != CallType.Kind.VOID) f.asSlice(0, ret.layout().byteSize()).fill((byte) 0);
            }
        }
    }
}
