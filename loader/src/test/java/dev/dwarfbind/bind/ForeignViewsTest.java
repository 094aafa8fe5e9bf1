package dev.dwarfbind.bind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSection;
import dev.dwarfbind.elf.ElfSymbol;
import dev.dwarfbind.pe.PeExport;
import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.pe.PeSection;
import dev.dwarfbind.types.TypeSystem;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Views of other platforms' structs on this machine ({@link CTypes}): {@code sample.c} is built by
 * clang-19 for i386 and AArch64 Linux, x86-64, i386 and arm64 Windows (typed by its PDB) and this platform,
 * and the bytes the compiler laid out for its initialised {@code sample_value} are the oracle:
 * reading them through the target's types gives the initialiser's values, and building the same
 * struct member by member gives the same bytes, padding included.
 */
class ForeignViewsTest {
    @TempDir
    static Path work;

    /** Builds sample.c for {@code target}; returns the library. */
    private static Path build(String target) throws Exception {
        Path src = Path.of("src/test/resources/foreign/sample.c").toAbsolutePath();
        boolean windows = target.contains("windows");
        Path out = work.resolve(target + (windows ? ".dll" : ".so"));
        List<String> cmd = new ArrayList<>(List.of("clang-19", "--target=" + target, "-shared", "-nostdlib", "-fuse-ld=lld",
                "-g", "-O0", "-o", out.toString(), src.toString()));
        if (windows) cmd.addAll(List.of("-gcodeview", "-Wl,/noentry", "-Wl,/debug"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + "\n" + log);
        return out;
    }

    /** The bytes of exported {@code sample_value} as they are in the file, {@code size} of them. */
    private static byte[] oracle(Path lib, long size) throws IOException {
        byte[] file = Files.readAllBytes(lib);
        long offset = -1;
        if (lib.toString().endsWith(".dll")) {
            PeFile pe = PeFile.open(lib);
            PeExport e = pe.exports().stream().filter(x -> x.name().equals("sample_value")).findFirst().orElseThrow();
            for (PeSection s : pe.sections()) if (s.containsRva(e.rva())) offset = s.rawOffset() + e.rva() - s.rva();
        } else {
            ElfFile elf = ElfFile.open(lib);
            ElfSymbol sym = elf.dynamicSymbols().stream().filter(x -> x.name().equals("sample_value")).findFirst().orElseThrow();
            assertEquals(size, sym.size(), "st_size of sample_value against sizeof(struct sample)");
            for (ElfSection s : elf.sections()) {
                if (s.addr() != 0 && sym.value() >= s.addr() && sym.value() < s.addr() + s.size()) offset = s.offset() + sym.value() - s.addr();
            }
        }
        assertTrue(offset >= 0, "sample_value not found in " + lib);
        return java.util.Arrays.copyOfRange(file, (int) offset, (int) (offset + size));
    }

    @ParameterizedTest
    @ValueSource(strings = {"i386-linux-gnu", "aarch64-linux-gnu", "x86_64-pc-windows-msvc", "i686-pc-windows-msvc",
            "aarch64-pc-windows-msvc", "x86_64-linux-gnu"})
    void readsAndBuildsTheBytesTheCompilerLaysOut(String target) throws Exception {
        Path lib = build(target);
        TypeSystem ts = DebugInfo.open(lib).typeSystem();
        CTypes types = CTypes.of(ts);
        boolean host = target.equals("x86_64-linux-gnu");
        assertEquals(!host, types.foreign(), target);
        boolean lp64 = target.equals("aarch64-linux-gnu") || host;
        int pointer = target.startsWith("i386") || target.startsWith("i686") ? 4 : 8;

        long size = types.layout("struct sample").byteSize();
        byte[] expected = oracle(lib, size);
        try (Arena arena = Arena.ofConfined()) {
            // Read what the compiler wrote.
            CStruct s = types.view("struct sample", arena.allocateFrom(ValueLayout.JAVA_BYTE, expected));
            assertEquals((int) 'x', ((Number) s.get("tag")).intValue());
            assertEquals(lp64 ? (Object) (-123456L) : (Object) (-123456), s.get("l"), "long is " + (lp64 ? 8 : 4) + " bytes");
            assertEquals(0x1122334455667788L, s.get("ll"));
            Object p = s.get("p");
            if (host) assertEquals(0x1234L, ((MemorySegment) p).address());
            else assertEquals(0x1234L, p, "a foreign pointer reads as the Long it holds");
            assertEquals(-2, s.get("in.s"));
            assertEquals(200, s.get("in.c"));
            assertEquals(-8, s.get("arr[1]"));
            assertEquals(21, ((Number) s.get("bits")).intValue());
            assertEquals(-33, s.get("sbits"));
            assertEquals(2.5, s.get("d"));
            assertEquals(host ? MemorySegment.NULL : (Object) 0L, s.get("name"));

            // Build it member by member: the same bytes, padding included.
            CStruct b = types.allocate("struct sample", arena)
                    .set("tag", (byte) 'x').set("l", -123456).set("ll", 0x1122334455667788L)
                    .set("p", host ? MemorySegment.ofAddress(0x1234) : (Object) 0x1234L)
                    .set("in.s", (short) -2).set("in.c", 200)
                    .set("arr[0]", 7).set("arr[1]", -8).set("arr[2]", 9)
                    .set("bits", 21).set("sbits", -33).set("d", 2.5).set("name", null);
            assertArrayEquals(expected, b.segment().toArray(ValueLayout.JAVA_BYTE), target + ": bytes differ from the compiler's");
            assertEquals(pointer, types.layout("struct sample").select(MemoryLayout.PathElement.groupElement("p")).byteSize(),
                    "a pointer member's layout has the target's pointer size");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"i386-linux-gnu", "x86_64-pc-windows-msvc"})
    void foreignPointersAreNumbersNotCallbacks(String target) throws Exception {
        CTypes types = CTypes.of(DebugInfo.open(build(target)).typeSystem());
        try (Arena arena = Arena.ofConfined()) {
            CStruct b = types.allocate("struct sample", arena);
            var e = assertThrows(ArgumentException.class, () -> b.set("p", MemorySegment.ofAddress(16)));
            assertTrue(e.getMessage().contains("Long"), e.getMessage());
            if (target.startsWith("i386")) {
                e = assertThrows(ArgumentException.class, () -> b.set("p", 0x1_0000_0000L));
                assertTrue(e.getMessage().contains("32-bit"), e.getMessage());
            }
            // A view of too few bytes is refused, not read past.
            e = assertThrows(ArgumentException.class, () -> types.view("struct sample", arena.allocate(4)));
            assertTrue(e.getMessage().contains("needs"), e.getMessage());
        }
    }
}
