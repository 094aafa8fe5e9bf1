package dev.dwarfbind.bind.internal.call;

import dev.dwarfbind.bind.error.PlatformFeatureException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a call captures, decided against a capture layout: this JVM's (Linux: errno only) and a
 * Windows JVM's, which cannot be had here. The Windows layout below is the one JDK 25 builds on
 * Windows ({@code jdk.internal.foreign.abi.CapturableState}, documented by
 * {@code Linker.Option.captureStateLayout()}): {@code GetLastError}, {@code WSAGetLastError},
 * {@code errno}, three {@code int}s in that order.
 */
class CapturePlanTest {
    private static final StructLayout WINDOWS = MemoryLayout.structLayout(
            JAVA_INT.withName("GetLastError"), JAVA_INT.withName("WSAGetLastError"), JAVA_INT.withName("errno"));

    @Test
    void onWindowsLastErrorIsEveryNonErrnoMemberAndCombinesWithErrno() {
        assertEquals(List.of("GetLastError", "WSAGetLastError"), CapturePlan.of(false, true, WINDOWS, "Windows 11").names());
        assertEquals(List.of("GetLastError", "WSAGetLastError", "errno"), CapturePlan.of(true, true, WINDOWS, "Windows 11").names());
        assertEquals(List.of("errno"), CapturePlan.of(true, false, WINDOWS, "Windows 11").names());
        CapturePlan none = CapturePlan.of(false, false, WINDOWS, "Windows 11");
        assertFalse(none.captures());
        assertEquals(0, none.options().length);
        // Taken from the layout, not from a list here: a state a later JDK adds comes along.
        StructLayout later = MemoryLayout.structLayout(JAVA_INT.withName("GetLastError"), JAVA_INT.withName("WSAGetLastError"),
                JAVA_INT.withName("NtLastStatus"), JAVA_INT.withName("errno"));
        assertEquals(List.of("GetLastError", "WSAGetLastError", "NtLastStatus"), CapturePlan.of(false, true, later, "Windows 11").names());
    }

    @Test
    void elsewhereLastErrorIsAnotherPlatformsFeature() {
        StructLayout host = Linker.Option.captureStateLayout();
        assertEquals(List.of("errno"), CapturePlan.memberNames(host), "this test runs on Linux");
        for (boolean errno : new boolean[] {false, true}) {
            var e = assertThrows(PlatformFeatureException.class, () -> CapturePlan.of(errno, true, host, "Linux"));
            assertEquals("CallOption.LAST_ERROR", e.feature());
            assertEquals("Windows", e.platform());
            assertEquals("Linux", e.host());
            assertTrue(e.getMessage().contains("GetLastError") && e.getMessage().contains("only on Windows")
                    && e.getMessage().contains("runs on Linux") && e.getMessage().contains("[errno]"), e.getMessage());
        }
        CapturePlan errno = CapturePlan.of(true, false, host, "Linux");
        assertEquals(List.of("errno"), errno.names());
        assertEquals(1, errno.options().length, "one captureCallState option the linker accepts");
        assertThrows(PlatformFeatureException.class, () -> CapturePlan.host(new CallFlags(false, true, false)));
        assertSame(CapturePlan.NONE, CapturePlan.host(CallFlags.NONE));
    }

    /**
     * Reading goes by member name, wherever the layout puts it: in Windows' layout errno is the
     * third int, and the last-error values are read from the first two.
     */
    @Test
    void stateIsReadByNameFromTheThreadsOwnSegment() throws Exception {
        var state = new CapturedState(WINDOWS);
        MemorySegment mine = state.segment();
        assertSame(mine, state.segment(), "one segment per thread");
        assertEquals(12, mine.byteSize());
        assertEquals(0, state.read("GetLastError"), "nothing captured yet");
        mine.set(JAVA_INT, 0, 5);       // ERROR_ACCESS_DENIED, as the linker would write it
        mine.set(JAVA_INT, 4, 10054);   // WSAECONNRESET
        mine.set(JAVA_INT, 8, 2);       // ENOENT
        assertArrayEquals(new int[] {5, 10054, 2},
                new int[] {state.read("GetLastError"), state.read("WSAGetLastError"), state.read("errno")});
        assertEquals(0, state.read("NoSuchState"));
        MemorySegment theirs = CompletableFuture.supplyAsync(state::segment).get();
        assertNotSame(mine, theirs, "another thread has its own");
        assertEquals(0, CompletableFuture.supplyAsync(() -> state.read("GetLastError")).get());
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(WINDOWS.byteSize(), arena.allocate(state.layout()).byteSize());
        }
    }
}
