package dev.dwarfbind.fuzz;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.UnsupportedFeatureException;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSection;
import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.pe.PeSection;
import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds mutated fixture binaries (ELF libraries and MinGW DLLs with DWARF) to the reader. The only outcomes allowed are a type system, a
 * {@link BinaryFormatException} (whose message must name the file) or a
 * {@link NoDebugInfoException}: no other exception, no hang, no runaway allocation.
 *
 * <p>Half the inputs come from a fixed seed, so a CI failure reproduces; half from a seed that
 * changes every run and is printed, so coverage grows over time. Re-run a printed seed with
 * {@code -Ddwarfbind.fuzz.seed=N}.
 */
class MutationFuzzTest {
    private static final int INPUTS_PER_SEED = Integer.getInteger("dwarfbind.fuzz.inputs", 5_000);
    private static final long FIXED_SEED = 0x5eed_d0a7L;
    private static final long TIMEOUT_SECONDS = 20;

    private static final String[][] SEEDS = {
            {"clang-dwarf5-O0-lld", "types"}, {"gcc-dwarf4-O2-bfd", "types"}, {"gcc-dwarf2-O0-bfd", "types"},
            {"clang-dwarf5-O0-lld-dwarf64", "calls"}, {"clang-dwarf5-O0-lld-zlib", "demo"},
            {"clang-dwarf5-O0-lld-zstd", "demo"}, {"gcc-dwarf5-O2-bfd-dwz", "calls"}, {"clang-dwarf4-O2-lld", "symbols"},
            {"gcc-dwarf5-O0-bfd", "callconv"},
    };

    /** MinGW DLLs carrying DWARF: the PE container and the DWARF read through it. */
    private static final String[][] PE_SEEDS = {{"gcc-mingw-dwarf", "types"}, {"clang-mingw-dwarf", "calls"}};

    private record Seed(String name, byte[] image, List<long[]> debugRanges) {
    }

    @Test
    void fixedSeed() throws Exception {
        run(FIXED_SEED);
    }

    @Test
    void rotatingSeed() throws Exception {
        run(FuzzSeeds.rotating("MutationFuzzTest"));
    }

    @Test
    void supplementaryFilesFixedSeed(@TempDir Path tmp) throws Exception {
        runSupplementary(FIXED_SEED, tmp);
    }

    @Test
    void supplementaryFilesRotatingSeed(@TempDir Path tmp) throws Exception {
        runSupplementary(FuzzSeeds.rotating("MutationFuzzTest.supplementary"), tmp);
    }

    /**
     * A library and the file its debug info continues in, one or both mutated and written next to
     * each other, read through {@link DebugInfo#open}: the dwz supplementary file it shares with
     * another (GNU {@code .gnu_debugaltlink} and DWARF 5 {@code .debug_sup}), or its split-DWARF
     * package {@code .dwp} (DWARF 5 from clang, version 2 from gcc's DWARF 4; and the macro fixture's,
 * its {@code .debug_macro.dwo} and their index contributions aimed at). References past the
     * supplementary file's end, imports that loop or point nowhere, strings past the end, a
     * checksum that no longer matches, an index pointing past its section, a wrong dwo_id.
     */
    private static void runSupplementary(long seed, Path tmp) throws Exception {
        var pairs = new ArrayList<Seed[]>();
        for (String flavour : List.of("clang-dwarf5-O2-lld-dwp-split", "gcc-dwarf4-O2-bfd-dwp-split")) {
            Path lib = Fixtures.library(flavour, "types");
            pairs.add(new Seed[]{seed(lib, flavour + "/libtypes.so"),
                    seed(lib.resolveSibling("libtypes.so.dwp"), flavour + "/libtypes.so.dwp")});
        }
        // Macros in a package: .debug_macro.dwo and the index's macro and line contributions.
        Path macros = Fixtures.macroLibrary("clang-dwarf5-dwp-split");
        pairs.add(new Seed[]{seed(macros, "macro-fixtures/clang-dwarf5-dwp-split/libmacros.so"),
                seed(macros.resolveSibling("libmacros.so.dwp"), "macro-fixtures/clang-dwarf5-dwp-split/libmacros.so.dwp",
                        n -> n.startsWith(".debug_macro") || n.startsWith(".debug_line") || n.startsWith(".debug_str")
                                || n.equals(".debug_cu_index"))});
        for (String mode : List.of("gnu", "dwarf5")) {
            Path dir = Files.createDirectories(tmp.resolve("seed-" + mode));
            var cmd = new ArrayList<>(List.of("dwz", "-m", "common.debug", "-M", "common.debug"));
            if (mode.equals("dwarf5")) cmd.add("-5");
            for (String lib : List.of("calls", "demo")) {
                Files.copy(Fixtures.library("gcc-dwarf5-O2-bfd", lib), dir.resolve("lib" + lib + ".so"));
                cmd.add("lib" + lib + ".so");
            }
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) fail(cmd + " failed");
            pairs.add(new Seed[]{seed(dir.resolve("libcalls.so"), mode + "/libcalls.so"),
                    seed(dir.resolve("common.debug"), mode + "/common.debug")});
        }
        var rnd = new SplittableRandom(seed);
        int inputs = INPUTS_PER_SEED / 5;
        int parsed = 0;
        for (int i = 0; i < inputs; i++) {
            Seed[] pair = pairs.get(rnd.nextInt(pairs.size()));
            // A directory per input: a mutant must not find the files of another.
            Path dir = Files.createDirectories(tmp.resolve("mutant-" + i));
            Path main = dir.resolve(Path.of(pair[0].name()).getFileName());
            Path sup = dir.resolve(Path.of(pair[1].name()).getFileName());
            int which = rnd.nextInt(10);
            Files.write(main, which < 5 || which == 9 ? mutate(pair[0], rnd) : pair[0].image());
            Files.write(sup, which >= 5 ? mutate(pair[1], rnd) : pair[1].image());
            String what = "supplementary input " + i + " of seed " + seed + " (" + pair[0].name() + ", mutated "
                    + (which < 5 ? "main" : which < 9 ? "supplementary" : "both") + ")";
            var f = java.util.concurrent.CompletableFuture.supplyAsync(() -> open(main, sup, what));
            try {
                if (f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) parsed++;
            } catch (TimeoutException e) {
                fail(what + " did not finish within " + TIMEOUT_SECONDS + " s: a hang");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(what + " failed with an undocumented exception", e.getCause());
            }
            Files.delete(main);
            Files.delete(sup);
            Files.delete(dir);
        }
        System.out.println("MutationFuzzTest supplementary seed " + seed + ": " + inputs + " inputs, " + parsed + " parsed");
    }

    /** A companion-pair seed: mutations aimed at its DWARF, links, notes (build-ids) and section names. */
    private static Seed seed(Path p, String name) throws Exception {
        return seed(p, name, n -> n.startsWith(".debug_") || n.equals(".gnu_debugaltlink") || n.startsWith(".note")
                || n.equals(".shstrtab"));
    }

    /** {@code p} as a seed whose mutations mostly hit the sections {@code aimed} accepts. */
    private static Seed seed(Path p, String name, java.util.function.Predicate<String> aimed) throws Exception {
        byte[] image = Files.readAllBytes(p);
        var ranges = new ArrayList<long[]>();
        for (ElfSection sec : ElfFile.of(p, image).sections()) {
            if (aimed.test(sec.name())) ranges.add(new long[]{sec.offset(), sec.size()});
        }
        return new Seed(name, image, ranges);
    }

    /** True if the pair parsed; false if rejected the documented way, naming one of the two files. */
    private static boolean open(Path main, Path sup, String what) {
        try {
            DebugInfo.open(main).typeSystem().types().size();
            return true;
        } catch (BinaryFormatException | UnsupportedFeatureException e) {
            if (!e.getMessage().contains(main.toString()) && !e.getMessage().contains(sup.toString())) {
                throw new AssertionError(what + ": message names neither file: " + e.getMessage(), e);
            }
            return false;
        } catch (NoDebugInfoException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(what, e);
        }
    }

    private static List<Seed> seeds() throws Exception {
        var out = new ArrayList<Seed>();
        for (String[] s : SEEDS) {
            // Aim most mutations at what the reader parses: debug sections, symbols, headers.
            out.add(seed(Fixtures.library(s[0], s[1]), s[0] + "/lib" + s[1] + ".so", n -> n.startsWith(".debug_")
                    || n.startsWith(".dyn") || n.startsWith(".gnu.version") || n.equals(".shstrtab")));
        }
        for (String[] s : PE_SEEDS) {
            Path p = Fixtures.windowsLibrary(s[0], s[1]);
            byte[] image = Files.readAllBytes(p);
            var ranges = new ArrayList<long[]>();
            for (PeSection sec : PeFile.of(p, image).sections()) {
                if (sec.name().startsWith(".debug_info") || sec.name().startsWith(".debug_abbrev") || sec.name().equals(".edata")) {
                    ranges.add(new long[]{sec.rawOffset(), sec.dataSize()});
                }
            }
            ranges.add(new long[]{0, 0x400});  // the DOS, PE and optional headers and the section table
            out.add(new Seed(s[0] + "/lib" + s[1] + ".dll", image, ranges));
        }
        return out;
    }

    private static void run(long seed) throws Exception {
        run(seed, seeds(), INPUTS_PER_SEED, "MutationFuzzTest");
    }

    /**
     * Macro information: the macro fixtures ({@code .debug_macro} versions 4 and 5 with strp,
     * strx and imports; {@code .debug_macinfo}) with mutations aimed at the macro sections, the
     * line table headers naming their files and the strings they point to.
     */
    @Test
    void macroSections() throws Exception {
        var seeds = new ArrayList<Seed>();
        for (String flavour : Fixtures.MACRO_FLAVOURS) {
            seeds.add(seed(Fixtures.macroLibrary(flavour), "macro-fixtures/" + flavour, n -> n.startsWith(".debug_mac")
                    || n.equals(".debug_line") || n.equals(".debug_line_str") || n.startsWith(".debug_str")));
        }
        run(FuzzSeeds.rotating("MutationFuzzTest.macroSections"), seeds, INPUTS_PER_SEED / 3, "MutationFuzzTest macro sections");
    }

    private static void run(long seed, List<Seed> seeds, int inputs, String label) throws Exception {
        var rnd = new SplittableRandom(seed);
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz", 16 << 20);
            t.setDaemon(true);
            return t;
        });
        int parsed = 0;
        int rejected = 0;
        try {
            for (int i = 0; i < inputs; i++) {
                Seed s = seeds.get(rnd.nextInt(seeds.size()));
                byte[] mutant = mutate(s, rnd);
                String what = "input " + i + " of seed " + seed + " (mutant of " + s.name() + ")";
                Path name = Path.of("fuzz-" + i + ".so");
                Future<Boolean> f = exec.submit(() -> parse(name, mutant, what));
                try {
                    if (f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) parsed++;
                    else rejected++;
                } catch (TimeoutException e) {
                    f.cancel(true);
                    fail(what + " did not finish within " + TIMEOUT_SECONDS + " s: a hang");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(what + " failed with an undocumented exception", e.getCause());
                }
            }
        } finally {
            exec.shutdownNow();
        }
        System.out.println(label + " seed " + seed + ": " + inputs + " inputs, " + parsed
                + " parsed, " + rejected + " rejected with a documented exception");
    }

    /** True if the mutant parsed, false if it was rejected the documented way. */
    private static boolean parse(Path name, byte[] image, String what) {
        try {
            TypeSystem ts = DebugInfo.read(name, image).typeSystem();
            ts.types().size();
            return true;
        } catch (BinaryFormatException | UnsupportedFeatureException e) {
            if (!e.getMessage().contains(name.toString())) {
                throw new AssertionError(what + ": message does not name the file: " + e.getMessage(), e);
            }
            return false;
        } catch (NoDebugInfoException e) {
            return false;
        }
    }

    private static byte[] mutate(Seed s, SplittableRandom rnd) {
        return mutate(s.image(), s.debugRanges(), rnd);
    }

    /** A mutant of {@code image}: a few bit flips, bytes, extreme ints, copies, LEB runs, mostly in {@code ranges}. */
    static byte[] mutate(byte[] image, List<long[]> ranges, SplittableRandom rnd) {
        byte[] b = image.clone();
        int edits = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 64 : 4);
        for (int e = 0; e < edits; e++) {
            long[] range = ranges.isEmpty() || rnd.nextInt(10) == 0
                    ? new long[]{0, b.length}
                    : ranges.get(rnd.nextInt(ranges.size()));
            if (range[1] <= 0 || range[0] + range[1] > b.length) continue;
            int at = (int) (range[0] + rnd.nextLong(range[1]));
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> putInt(b, at, switch (rnd.nextInt(6)) {
                    case 0 -> 0;
                    case 1 -> -1;
                    case 2 -> Integer.MAX_VALUE;
                    case 3 -> 0xfffffff0;
                    case 4 -> b.length;
                    default -> rnd.nextInt();
                });
                case 3 -> { // copy a chunk over another place
                    int len = 1 + rnd.nextInt(32);
                    int from = rnd.nextInt(b.length);
                    for (int k = 0; k < len && from + k < b.length && at + k < b.length; k++) b[at + k] = b[from + k];
                }
                case 4 -> b[at] = (byte) (rnd.nextBoolean() ? 0 : 0xff);
                default -> { // LEB128 continuation bits: long numbers
                    for (int k = 0; k < 1 + rnd.nextInt(12) && at + k < b.length; k++) b[at + k] |= (byte) 0x80;
                }
            }
        }
        if (rnd.nextInt(20) == 0) { // truncation
            int len = rnd.nextInt(b.length);
            return java.util.Arrays.copyOf(b, len);
        }
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int k = 0; k < 4 && at + k < b.length; k++) b[at + k] = (byte) (v >>> (8 * k));
    }
}
