package dev.dwarfbind.fuzz;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.UnsupportedFeatureException;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.Test;

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
 * Feeds mutated PDBs (beside their unchanged DLLs) to the reader: the MSF superblock and stream
 * directory, the info, DBI, TPI, IPI and symbol streams. Allowed outcomes: a type system, a
 * {@link BinaryFormatException} naming the PDB, an {@link UnsupportedFeatureException}, or a
 * {@link NoDebugInfoException} (a mutated GUID or age no longer matches). Mutations are aimed at
 * the first 64 KiB, where these small PDBs keep their directory and most streams.
 */
class PdbMutationFuzzTest {
    private static final int INPUTS_PER_SEED = Integer.getInteger("dwarfbind.fuzz.pdbInputs", 2_500);
    private static final long FIXED_SEED = 0x9db_f022L;
    private static final String[][] SEEDS = {{"clang-msvc-pdb", "types"}, {"clang-mingw-pdb", "calls"}};

    private record Seed(Path dll, byte[] image, Path pdb, byte[] pdbImage) {
    }

    @Test
    void fixedSeed() throws Exception {
        run(FIXED_SEED);
    }

    @Test
    void rotatingSeed() throws Exception {
        run(FuzzSeeds.rotating("PdbMutationFuzzTest"));
    }

    private static void run(long seed) throws Exception {
        var seeds = new ArrayList<Seed>();
        for (String[] s : SEEDS) {
            Path dll = Fixtures.windowsLibrary(s[0], s[1]);
            Path pdb = dll.resolveSibling("lib" + s[1] + ".pdb");
            seeds.add(new Seed(dll, Files.readAllBytes(dll), pdb, Files.readAllBytes(pdb)));
        }
        var rnd = new SplittableRandom(seed);
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "pdb-fuzz", 16 << 20);
            t.setDaemon(true);
            return t;
        });
        int parsed = 0;
        try {
            for (int i = 0; i < INPUTS_PER_SEED; i++) {
                Seed s = seeds.get(rnd.nextInt(seeds.size()));
                byte[] mutant = MutationFuzzTest.mutate(s.pdbImage(), List.of(new long[]{0, Math.min(s.pdbImage().length, 1 << 16)}), rnd);
                String what = "input " + i + " of seed " + seed + " (mutant of " + s.pdb().getFileName() + ")";
                Path name = Path.of("fuzz-" + i + ".pdb");
                Future<Boolean> f = exec.submit(() -> parse(s, name, mutant, what));
                try {
                    if (f.get(20, TimeUnit.SECONDS)) parsed++;
                } catch (TimeoutException e) {
                    f.cancel(true);
                    fail(what + " did not finish within 20 s: a hang");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(what + " failed with an undocumented exception", e.getCause());
                }
            }
        } finally {
            exec.shutdownNow();
        }
        System.out.println("PdbMutationFuzzTest seed " + seed + ": " + INPUTS_PER_SEED + " inputs, " + parsed + " parsed");
    }

    private static boolean parse(Seed s, Path name, byte[] pdb, String what) {
        try {
            DebugInfo.read(s.dll(), s.image(), name, pdb).typeSystem().types().size();
            return true;
        } catch (BinaryFormatException e) {
            if (!e.getMessage().contains(name.toString())) throw new AssertionError(what + ": message does not name the PDB: " + e.getMessage(), e);
            return false;
        } catch (UnsupportedFeatureException | NoDebugInfoException e) {
            return false;
        }
    }
}
