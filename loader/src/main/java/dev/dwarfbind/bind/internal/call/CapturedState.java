package dev.dwarfbind.bind.internal.call;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each thread's captured state lives: one segment of the capture layout per thread, which
 * every capturing call of that thread hands the linker. The linker writes only the members a call
 * captures, so each member holds what the most recent call capturing it left, and reading it is a
 * plain load — nothing to copy after the call, in dynamic calls and bound interfaces alike.
 *
 * <p>An instance serves one layout: {@link #HOST} this JVM's; tests make one of Windows' layout.
 */
public final class CapturedState {
    /** This JVM's capture layout's state. */
    public static final CapturedState HOST = new CapturedState(Linker.Option.captureStateLayout());

    private final StructLayout layout;
    private final Map<String, VarHandle> members = new HashMap<>();
    private final ThreadLocal<MemorySegment> segment;

    /** The state of capture layout {@code layout}. */
    public CapturedState(StructLayout layout) {
        this.layout = layout;
        for (String name : CapturePlan.memberNames(layout)) {
            members.put(name, layout.varHandle(MemoryLayout.PathElement.groupElement(name)));
        }
        // Zeroed: a member no call captured reads 0. Freed with the thread (an automatic arena).
        this.segment = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(layout));
    }

    /** The calling thread's segment, to pass as a downcall's capture segment. */
    public MemorySegment segment() {
        return segment.get();
    }

    /**
     * The value of member {@code name} the calling thread's last call capturing it left; 0 if no
     * call did, or if the layout has no such member (a Windows value on Linux).
     */
    public int read(String name) {
        VarHandle h = members.get(name);
        return h == null ? 0 : (int) h.get(segment.get(), 0L);
    }

    /** The layout this state follows. */
    public StructLayout layout() {
        return layout;
    }
}
