package dev.dwarfbind.debuginfo;

import dev.dwarfbind.dwarf.SupplementaryLink;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.testing.CanonicalTypes;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dwz -m} over the fixture libraries of one flavour, moving what they share into one
 * supplementary file ({@code .gnu_debugaltlink} with GNU forms, or with {@code -5} DWARF 5's
 * {@code .debug_sup} with {@code DW_FORM_ref_sup4}/{@code strp_sup}): each library dwz rewrote
 * must read JSON-equal to the plain build it came from. (dwz 0.15 cannot rewrite clang's DWARF 5,
 * which uses {@code .debug_str_offsets}, so the flavours are gcc's.)
 */
class DwzMultifileTest {
    private static final List<String> LIBS = List.of("types", "calls", "demo", "callconv", "symbols");

    @ParameterizedTest
    @CsvSource({"gcc-dwarf5-O2-bfd, gnu", "gcc-dwarf5-O2-bfd, dwarf5", "gcc-dwarf4-O2-bfd, gnu", "gcc-dwarf4-O2-bfd, dwarf5",
            "gcc-dwarf5-O0-bfd, gnu"})
    void sharedSupplementaryFileReadsLikeThePlainBuild(String flavour, String mode, @TempDir Path tmp) throws Exception {
        List<Path> copies = copies(flavour, tmp);
        dwz(tmp, mode, copies);
        int linked = 0;
        for (String lib : LIBS) {
            Path copy = tmp.resolve("lib" + lib + ".so");
            var link = SupplementaryLink.of(ElfFile.open(copy));
            if (link.isEmpty()) continue; // dwz found nothing to share or to gain in this one
            linked++;
            assertEquals(mode.equals("gnu") ? ".gnu_debugaltlink" : ".debug_sup", link.get().section());
            String plain = CanonicalTypes.json(DebugInfo.open(Fixtures.library(flavour, lib)).typeSystem());
            String viaSupplementary = CanonicalTypes.json(DebugInfo.open(copy).typeSystem());
            assertEquals(plain, viaSupplementary, "lib" + lib + " (" + flavour + ", " + mode + ")");
            // The lazy path finds the supplementary file on the first question too.
            var lazy = DebugInfo.open(copy).lazyTypeSystem();
            for (String f : lazy.exportNames()) lazy.function(f);
        }
        assertTrue(linked >= 2, "dwz -m linked only " + linked + " libraries to common.debug");
    }

    @ParameterizedTest
    @CsvSource({"gnu", "dwarf5"})
    void missingOrWrongSupplementaryFileIsNamed(String mode, @TempDir Path tmp) throws Exception {
        List<Path> copies = copies("gcc-dwarf5-O2-bfd", tmp);
        dwz(tmp, mode, copies);
        Path demo = tmp.resolve("libdemo.so");
        Path common = tmp.resolve("common.debug");
        Path kept = tmp.resolve("kept.debug");
        Files.move(common, kept);
        var missing = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(demo).typeSystem());
        assertTrue(missing.getMessage().contains("common.debug") && missing.getMessage().contains("not on this machine"),
                missing.getMessage());
        // Another file in its place: its build-id is not the one the link records.
        Files.copy(Fixtures.library("gcc-dwarf5-O2-bfd", "types"), common);
        var wrong = assertThrows(BuildIdMismatchException.class, () -> DebugInfo.open(demo).typeSystem());
        assertTrue(wrong.getMessage().contains("common.debug") && wrong.getMessage().contains("build-id"), wrong.getMessage());
    }

    private static List<Path> copies(String flavour, Path tmp) throws Exception {
        var out = new ArrayList<Path>();
        for (String lib : LIBS) {
            Path copy = tmp.resolve("lib" + lib + ".so");
            Files.copy(Fixtures.library(flavour, lib), copy);
            out.add(copy);
        }
        return out;
    }

    /** Runs {@code dwz -m common.debug -M common.debug} (a name relative to each library's directory). */
    private static void dwz(Path dir, String mode, List<Path> libs) throws Exception {
        var cmd = new ArrayList<>(List.of("dwz", "-m", "common.debug", "-M", "common.debug"));
        if (mode.equals("dwarf5")) cmd.add("-5");
        libs.forEach(l -> cmd.add(l.getFileName().toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        // dwz exits 0 when it rewrote some files, saying why it left the others alone.
        assertEquals(0, p.exitValue(), cmd + ":\n" + out);
        assertTrue(Files.exists(dir.resolve("common.debug")), cmd + " wrote no common.debug:\n" + out);
    }
}
