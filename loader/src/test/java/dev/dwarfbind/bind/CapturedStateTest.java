package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.PlatformFeatureException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CallOption#ERRNO} and {@link CallOption#LAST_ERROR} through the public API, on Linux:
 * errno is captured by dynamic calls and by bound interfaces (annotated with {@link CallOptions}),
 * struct results included; Windows' last error is refused at bind time as another platform's
 * feature. libdemo's {@code parse_int} sets errno to 0, or to ERANGE (34) on overflow.
 */
class CapturedStateTest {
    private static final int ERANGE = 34;

    interface Parse {
        @CallOptions(CallOption.ERRNO)
        int parse_int(String text);

        int add(int a, int b);
    }

    @CallOptions(CallOption.ERRNO)
    interface AllCapture {
        int parse_int(String text);

        CStruct point_scale(CStruct p, double k);
    }

    interface WindowsOnly {
        @CallOptions({CallOption.ERRNO, CallOption.LAST_ERROR})
        int parse_int(String text);
    }

    @Test
    void errnoIsCapturedByDynamicAndBoundCalls() throws Exception {
        for (String flavour : LoaderTest.FLAVOURS) {
            try (Library lib = Library.open(LoaderFixtures.library(flavour, "demo")); Arena arena = Arena.ofConfined()) {
                Parse bound = lib.bind(Parse.class);
                assertEquals(17, bound.parse_int("17"));
                assertEquals(0, Errno.last());
                bound.parse_int("99999999999999");
                assertEquals(ERANGE, Errno.last(), flavour + ": ERANGE from a bound method");
                assertEquals(3, bound.add(1, 2));
                assertEquals(ERANGE, Errno.last(), "a call without the option leaves the captured value alone");

                NativeFunction parse = lib.function("parse_int", CallOption.ERRNO);
                assertEquals(5, parse.invoke("5"));
                assertEquals(0, Errno.last());
                for (int i = 0; i < 40; i++) parse.invoke("99999999999999");  // past the invoker's warm-up
                assertEquals(ERANGE, Errno.last());

                // On the interface: every method captures, a struct-returning one too (the
                // capture segment goes after the result's allocator).
                AllCapture all = lib.bind(AllCapture.class);
                all.parse_int("99999999999999");
                assertEquals(ERANGE, Errno.last());
                CStruct p = lib.allocate("struct point", arena).set("x", 1.5).set("y", -2.0);
                CStruct q = all.point_scale(p, 4.0);
                assertEquals(6.0, q.getDouble("x"));
                assertEquals(-8.0, q.getDouble("y"));
                all.parse_int("8");
                assertEquals(0, Errno.last());
                assertEquals(0, LastError.last(), "no Windows last error on Linux");
                assertEquals(0, LastError.lastWsa());
            }
        }
    }

    @Test
    void lastErrorIsRefusedAtBindTimeOnLinux() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(LoaderTest.FLAVOURS[0], "demo"))) {
            for (CallOption[] options : new CallOption[][] {{CallOption.LAST_ERROR}, {CallOption.ERRNO, CallOption.LAST_ERROR}}) {
                var e = assertThrows(PlatformFeatureException.class, () -> lib.function("parse_int", options));
                assertEquals("Windows", e.platform());
                assertTrue(e.getMessage().contains("LAST_ERROR") && e.getMessage().contains("only on Windows")
                        && e.getMessage().contains(System.getProperty("os.name")), e.getMessage());
            }
            // Refused as such in a bound interface too, not folded into a list of mismatches.
            var e = assertThrows(PlatformFeatureException.class, () -> lib.bind(WindowsOnly.class));
            assertInstanceOf(dev.dwarfbind.bind.error.BindingException.class, e);
            // The library is unharmed.
            assertEquals(12, lib.function("parse_int", CallOption.ERRNO).invoke("12"));
        }
    }
}
