package dev.dwarfbind.bind;

import dev.dwarfbind.bind.internal.call.CapturePlan;
import dev.dwarfbind.bind.internal.call.CapturedState;

/**
 * The Windows thread's last-error codes captured by the last call on this thread of a function
 * bound with {@link CallOption#LAST_ERROR}: what {@code GetLastError()} and
 * {@code WSAGetLastError()} would have returned right after it. Captured by the linker itself,
 * so nothing the JVM does between the call and this read (which may call Windows APIs that reset
 * the last error) can change it.
 *
 * <pre>{@code
 * NativeFunction open = kernel.function("CreateFileW", CallOption.LAST_ERROR);
 * MemorySegment h = (MemorySegment) open.invoke(...);
 * if (h.address() == -1) throw new IOException("CreateFileW failed: error " + LastError.last());
 * }</pre>
 *
 * <p>Windows only: binding with {@link CallOption#LAST_ERROR} elsewhere throws
 * {@link dev.dwarfbind.bind.error.PlatformFeatureException}, and these read 0 there. The values
 * are {@code DWORD}s, returned as their 32-bit pattern ({@code Integer.toUnsignedLong} for the
 * rare code above 2^31, such as an {@code HRESULT} stored as a last error).
 */
public final class LastError {
    private LastError() {
    }

    /** {@code GetLastError()} as the most recent last-error-capturing call on this thread left it (0 if none). */
    public static int last() {
        return CapturedState.HOST.read(CapturePlan.GET_LAST_ERROR);
    }

    /** {@code WSAGetLastError()} (Winsock) as the most recent last-error-capturing call on this thread left it (0 if none). */
    public static int lastWsa() {
        return CapturedState.HOST.read(CapturePlan.WSA_GET_LAST_ERROR);
    }
}
