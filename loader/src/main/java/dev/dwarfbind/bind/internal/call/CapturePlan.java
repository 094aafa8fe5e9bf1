package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.error.PlatformFeatureException;
import dev.dwarfbind.bind.error.Unsupported;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the calling thread's state a call captures as it returns, before the JVM can disturb
 * it: names of members of the linker's capture layout ({@link Linker.Option#captureStateLayout()}),
 * passed to {@link Linker.Option#captureCallState}. {@code errno} exists everywhere; the last-error
 * values of the Windows API exist only in a Windows JVM's layout, so asking for them elsewhere is
 * refused at bind time with a {@link PlatformFeatureException}.
 *
 * <p>The decision takes the layout as an argument, so it can be checked against Windows' layout
 * on any machine; {@link #host} uses this JVM's.
 *
 * @param names the members captured, in the layout's order; empty for a call capturing nothing
 */
public record CapturePlan(List<String> names) {
    /** The C library's {@code errno}: a member of every platform's capture layout. */
    public static final String ERRNO = "errno";
    /**
     * The Windows thread's last-error code, {@code GetLastError()}. The one member of the
     * last-error set whose name must be known, to be read back by {@code LastError.last()}.
     */
    public static final String GET_LAST_ERROR = "GetLastError";
    /** Winsock's last error, {@code WSAGetLastError()}: read back by {@code LastError.lastWsa()}. */
    public static final String WSA_GET_LAST_ERROR = "WSAGetLastError";
    /** A call capturing nothing. */
    public static final CapturePlan NONE = new CapturePlan(List.of());

    /** Copies {@code names}. */
    public CapturePlan {
        names = List.copyOf(names);
    }

    /**
     * What a call of {@code flags} captures in this JVM.
     *
     * @throws PlatformFeatureException if it asks for Windows' last error outside Windows
     */
    public static CapturePlan host(CallFlags flags) {
        if (!flags.errno() && !flags.lastError()) return NONE;
        return of(flags.errno(), flags.lastError(), Linker.Option.captureStateLayout(), System.getProperty("os.name"));
    }

    /**
     * What to capture for {@code errno} and Windows' last error, given the linker's capture layout
     * {@code layout} of a JVM running on {@code os}. The last error is every member of the layout
     * other than {@code errno} — on Windows {@code GetLastError} and {@code WSAGetLastError} —
     * taken from the layout rather than listed here, so that whatever the linker adds to that set
     * is captured too; the layout must hold {@code GetLastError} for it to count as Windows'.
     *
     * @throws PlatformFeatureException if {@code lastError} is asked for and the layout has no
     *                                  Windows last-error state (Linux, macOS)
     * @throws Unsupported              if {@code errno} is asked for and the layout lacks it
     */
    public static CapturePlan of(boolean errno, boolean lastError, StructLayout layout, String os) {
        List<String> members = memberNames(layout);
        if (errno && !members.contains(ERRNO)) {
            throw new Unsupported("CallOption.ERRNO: this JVM's linker cannot capture errno (its capture layout holds " + members + ")");
        }
        if (lastError && !members.contains(GET_LAST_ERROR)) {
            throw new PlatformFeatureException("CallOption.LAST_ERROR", "Windows", os, "CallOption.LAST_ERROR captures the Windows"
                    + " thread's last error (" + GET_LAST_ERROR + ", " + WSA_GET_LAST_ERROR + "), which exists only on Windows; this JVM"
                    + " runs on " + os + ", where the linker can capture only " + members
                    + (members.contains(ERRNO) ? " (CallOption.ERRNO captures errno)" : ""));
        }
        var names = new ArrayList<String>();
        for (String m : members) {
            if (m.equals(ERRNO) ? errno : lastError) names.add(m);
        }
        return new CapturePlan(names);
    }

    /** The named members of a capture layout, in order. */
    static List<String> memberNames(StructLayout layout) {
        var out = new ArrayList<String>();
        for (MemoryLayout m : layout.memberLayouts()) {
            if (!(m instanceof PaddingLayout)) m.name().ifPresent(out::add);
        }
        return out;
    }

    /** Whether the call captures anything (and so takes a capture segment). */
    public boolean captures() {
        return !names.isEmpty();
    }

    /** The linker option asking for these captures; none when nothing is captured. */
    public Linker.Option[] options() {
        return captures() ? new Linker.Option[] {Linker.Option.captureCallState(names.toArray(String[]::new))} : new Linker.Option[0];
    }
}
