package dev.dwarfbind.headers;

import dev.dwarfbind.clang.ClangException;
import dev.dwarfbind.clang.Diagnostic;
import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderReaderTest {

    private static Path layouts() throws Exception {
        return Path.of(HeaderReaderTest.class.getResource("/headers/layouts.h").toURI());
    }

    private static HeaderTypes layouts(String triple) throws Exception {
        return HeaderReader.read(Headers.of("layouts.h").withIncludeDirs(layouts().getParent()).withTarget(triple), null, null);
    }

    @Test
    void macrosBecomeConstantsWithTheValueAndTypeClangGivesThem() throws Exception {
        HeaderTypes h = layouts("x86_64-pc-linux-gnu");
        TypeSystem ts = h.types();
        assertEquals(42, ts.constant("LY_INT").orElseThrow().intValue());
        assertEquals(-7, ts.constant("LY_NEG").orElseThrow().intValue());
        assertEquals(BigInteger.ONE.shiftLeft(31), ts.constant("LY_SHIFT").orElseThrow().value());
        assertEquals("unsigned int", CPrinter.typeName(ts, ts.constant("LY_SHIFT").orElseThrow().type()));
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), ts.constant("LY_BIG").orElseThrow().value());
        assertEquals(85, ts.constant("LY_EXPR").orElseThrow().intValue());
        assertEquals(65, ts.constant("LY_CHAR").orElseThrow().intValue());
        assertEquals(8, ts.constant("LY_SIZEOF_LONG").orElseThrow().intValue());
        assertEquals(2.5, ts.constant("LY_DOUBLE").orElseThrow().value());
        assertEquals("layouts", ts.constant("LY_STRING").orElseThrow().value());
        var skipped = h.skippedMacros().stream().collect(Collectors.toMap(SkippedMacro::name, SkippedMacro::reason));
        assertEquals("a function-like macro", skipped.get("LY_CALL"));
        assertTrue(skipped.get("LY_EMPTY").startsWith("not a constant expression"), skipped.get("LY_EMPTY"));
        assertTrue(skipped.get("LY_TYPE").startsWith("not a constant expression"), skipped.get("LY_TYPE"));
        assertTrue(skipped.containsKey("LAYOUTS_H"));
        // Enumerators are constants too, typed by their enum.
        assertEquals(6, ts.constant("LY_BLUE").orElseThrow().intValue());
        assertEquals(Long.MAX_VALUE, ts.constant("LY_WIDE_MAX").orElseThrow().longValue());
    }

    @Test
    void theTargetDecidesSizesAndMacroValues() throws Exception {
        assertEquals(4, layouts("x86_64-pc-windows-msvc").types().constant("LY_SIZEOF_LONG").orElseThrow().intValue());
        TypeSystem i386 = layouts("i386-pc-linux-gnu").types();
        assertEquals(4, i386.target().pointerSize());
        RecordType s = i386.type(i386.typeNamed("struct ly_scalars").getAsInt(), RecordType.class);
        // i386 System V aligns long long and double to 4 inside structs.
        assertEquals(4, s.alignment());
        assertEquals(12, s.field("ll").byteOffset());
    }

    @Test
    void functionsKeepVariadicNoreturnAndParameterNames() throws Exception {
        TypeSystem ts = layouts("x86_64-pc-linux-gnu").types();
        assertEquals("int ly_sum(const struct ly_scalars *s, int n, ...);", CPrinter.declaration(ts, ts.function("ly_sum").orElseThrow()));
        assertTrue(ts.signature(ts.function("ly_sum").orElseThrow()).variadic());
        assertTrue(ts.function("ly_fatal").orElseThrow().noreturn());
        assertTrue(ts.function("ly_exit").orElseThrow().noreturn());
        assertFalse(ts.function("ly_make").orElseThrow().noreturn());
        assertTrue(ts.variable("ly_root").isPresent());
        FunctionType make = ts.signature(ts.function("ly_make").orElseThrow());
        assertEquals("i", make.parameters().get(0).name());
    }

    @Test
    void recordsHaveClangsLayoutWithAnonymousMembersPackedAndAligned() throws Exception {
        TypeSystem ts = layouts("x86_64-pc-linux-gnu").types();
        RecordType packed = ts.type(ts.typeNamed("struct ly_packed").getAsInt(), RecordType.class);
        assertEquals(7, packed.byteSize());
        assertEquals(1, packed.alignment());
        assertTrue(packed.packed());
        RecordType aligned = ts.type(ts.typeNamed("struct ly_aligned").getAsInt(), RecordType.class);
        assertEquals(32, aligned.alignment());
        assertEquals(16, aligned.field("i").byteOffset());
        RecordType anon = ts.type(ts.typeNamed("struct ly_anonymous").getAsInt(), RecordType.class);
        assertEquals(3, anon.fields().size());
        assertNull(anon.fields().get(1).name());
        assertEquals(8, anon.fields().get(1).byteOffset());
        RecordType bits = ts.type(ts.typeNamed("struct ly_bits").getAsInt(), RecordType.class);
        assertEquals(3, bits.field("b").bitOffset());
        assertEquals(7, bits.field("b").bitSize());
        assertEquals(32, bits.field("c").bitOffset());  // after the zero-width bitfield
        RecordType flexible = ts.type(ts.typeNamed("struct ly_flexible").getAsInt(), RecordType.class);
        assertEquals(8, flexible.byteSize());
    }

    @Test
    void aHeaderThatDoesNotParseGivesClangsDiagnosticsWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.h"), "struct ok { int a; };\nint f(int a b);\n");
        var e = assertThrows(ClangException.class, () -> HeaderReader.read(Headers.of("broken.h").withIncludeDirs(dir), null, null));
        Diagnostic d = e.diagnostics().stream().filter(x -> x.severity().isError()).findFirst().orElseThrow();
        assertEquals(dir.resolve("broken.h").toString(), d.location().file());
        assertEquals(2, d.location().line());
        assertEquals(13, d.location().column());
        assertTrue(e.getMessage().contains(dir.resolve("broken.h") + ":2:13: error: "), e.getMessage());
    }

    @Test
    void aMissingIncludeIsAFatalErrorNamingTheIncludingLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("outer.h"), "/* comment */\n#include \"no_such_header.h\"\n");
        var e = assertThrows(ClangException.class, () -> HeaderReader.read(Headers.of("outer.h").withIncludeDirs(dir), null, null));
        assertTrue(e.getMessage().contains("outer.h:2:10: fatal error: 'no_such_header.h' file not found"), e.getMessage());
        var missing = assertThrows(ClangException.class, () -> HeaderReader.read(Headers.of("not_there.h"), null, null));
        assertTrue(missing.getMessage().contains("fatal error: 'not_there.h' file not found"), missing.getMessage());
    }

    @Test
    void inProcessACrashInsideClangEndsTheJvmCrashRecoveryBeingOff(@TempDir Path dir) throws Exception {
        // Headers.inProcess()'s documented limit (docs/headers.md): libclang's crash recovery would
        // turn this into ClangCrashException, but its signal handlers kill the JVM on the JVM's own
        // signals, so it is off. #pragma clang __debug crash makes Clang trap; a fresh JVM shows what
        // happens. (The default, a child process, turns it into an exception: ClangIsolationTest.)
        Files.writeString(dir.resolve("crash.h"), "int before(void);\n#pragma clang __debug crash\n");
        Path main = Files.writeString(dir.resolve("Crash.java"), """
                public class Crash {
                    public static void main(String[] a) {
                        dev.dwarfbind.headers.HeaderReader.read(dev.dwarfbind.headers.Headers.of("crash.h")
                                .withIncludeDirs(java.nio.file.Path.of(a[0])).inProcess(), null, null);
                        System.out.println("survived");
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:ErrorFile=" + dir.resolve("hs_err.log"), "-XX:-CreateCoredumpOnCrash", "-cp",
                System.getProperty("java.class.path"), main.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int status = p.waitFor();
        assertTrue(status != 0 && !out.contains("survived"), status + ": " + out);
        // This JVM (which has parsed before) parses on.
        assertEquals(42, layouts("x86_64-pc-linux-gnu").types().constant("LY_INT").orElseThrow().intValue());
    }

    @Test
    void parsesSurviveTheJvmsOwnSignalsOnAnotherThread() throws Exception {
        // In this JVM: crash recovery's handlers are process-wide while a parse runs: safepoints
        // (forced GCs) and implicit null checks on another thread meanwhile must still reach the JVM's handlers.
        long end = System.nanoTime() + 4_000_000_000L;
        long[] npes = {0};
        Thread noisy = new Thread(() -> {
            Object[] sink = new Object[1];
            while (System.nanoTime() < end) {
                for (int i = 0; i < 100_000; i++) {
                    sink[0] = new byte[64];
                    Object o = i % 997 == 0 ? null : sink[0];
                    try {
                        o.hashCode();
                    } catch (NullPointerException e) {
                        npes[0]++;
                    }
                }
                System.gc();
            }
        });
        noisy.start();
        int parses = 0;
        while (System.nanoTime() < end) {
            assertEquals(0, HeaderReader.read(Headers.of("sqlite3.h").inProcess(), null, null).types().constant("SQLITE_OK").orElseThrow().intValue());
            parses++;
        }
        noisy.join();
        assertTrue(parses >= 2 && npes[0] > 0, parses + " parses, " + npes[0] + " null pointers");
    }

    @Test
    void nameFiltersKeepOnlyWhatMatches() throws Exception {
        HeaderTypes h = HeaderReader.read(Headers.of("layouts.h").withIncludeDirs(layouts().getParent()).withNameFilters("ly_s.*", "LY_INT"), null, null);
        assertEquals(java.util.Set.of("ly_sum"), h.types().functions().keySet());
        assertTrue(h.types().constant("LY_INT").isPresent());
        assertTrue(h.types().constant("LY_NEG").isEmpty());
        assertTrue(h.types().typeNamed("struct ly_scalars").isPresent());
        assertTrue(h.types().typeNamed("struct ly_bits").isEmpty());
    }

    @Test
    void declarationsOfOtherHeadersAreNotTheLibrarys() throws Exception {
        HeaderTypes h = HeaderReader.read(Headers.of("zlib.h"), null, null);
        assertTrue(h.types().function("compress2").isPresent());
        // zlib.h includes <stdlib.h>-free zconf.h and limits.h: nothing of libc is kept.
        assertTrue(h.types().function("malloc").isEmpty());
        assertTrue(h.types().constant("INT_MAX").isEmpty());
        assertEquals(9, h.types().constant("Z_BEST_COMPRESSION").orElseThrow().intValue());
        assertTrue(((String) h.types().constant("ZLIB_VERSION").orElseThrow().value()).matches("1\\.\\d+\\.\\d+.*"));
    }

    @Test
    void sqliteMacrosBuiltFromOtherMacrosAreEvaluated() {
        HeaderTypes h = HeaderReader.read(Headers.of("sqlite3.h"), null, null);
        TypeSystem ts = h.types();
        assertEquals(0, ts.constant("SQLITE_OK").orElseThrow().intValue());
        assertEquals(10 | (1 << 8), ts.constant("SQLITE_IOERR_READ").orElseThrow().intValue());
        assertTrue(ts.functions().size() > 200, "sqlite3.h functions: " + ts.functions().size());
        assertTrue(ts.function("sqlite3_open_v2").isPresent());
    }

    @Test
    void aMissingLibclangIsAClearErrorNamingWhereItLooked(@TempDir Path dir) throws Exception {
        // A fresh JVM, since this one has libclang loaded: asked twice, it fails the same way twice.
        Path main = Files.writeString(dir.resolve("NoClang.java"), """
                public class NoClang {
                    public static void main(String[] a) {
                        for (int i = 0; i < 2; i++) {
                            try {
                                dev.dwarfbind.headers.HeaderReader.read(dev.dwarfbind.headers.Headers.of("zlib.h"), null, null);
                            } catch (RuntimeException e) {
                                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        }
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Ddwarfbind.libclang=" + dir.resolve("libclang.so.1"),
                "-cp", System.getProperty("java.class.path"), main.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        String expected = "ToolNotFoundException: libclang not found; looked at:\n  " + dir.resolve("libclang.so.1")
                + "\nSet -Ddwarfbind.libclang=PATH or $DWARFBIND_LIBCLANG, or install libclang-19-dev";
        assertEquals(2, out.split("ToolNotFoundException", -1).length - 1, out);
        assertTrue(out.startsWith(expected), out);
    }
}
