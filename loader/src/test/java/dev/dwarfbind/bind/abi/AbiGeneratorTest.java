package dev.dwarfbind.bind.abi;

import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
import dev.dwarfbind.bind.error.Unsupported;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential ABI test of dynamic calls: a seeded generator writes a C file of random functions
 * over every scalar kind the linker supports and random structs and unions (see
 * {@link AbiGenerator}); the file is built with each C compiler; every function is called through
 * {@link NativeFunction#invoke} with random in-range values, and what it returns — a checksum of
 * all it received, or a record built from that checksum — must be what Java computes for the
 * same values.
 *
 * <p>Two seeds run: a fixed one, and a rotating one printed to stdout so that a failure can be
 * replayed with {@code -Ddwarfbind.abi.seed=<seed>}. {@code -Ddwarfbind.abi.functions} and
 * {@code -Ddwarfbind.abi.calls} change the number of functions per file and calls per function.
 * The C file and library stay in {@code build/abi/<compiler>-<seed>/} for reproduction.
 */
class AbiGeneratorTest {
    private static final long FIXED_SEED = 20250917L;
    private static final List<String> COMPILERS = List.of("clang-19", "gcc");
    private static final int FUNCTIONS = Integer.getInteger("dwarfbind.abi.functions", 128);
    private static final int CALLS = Integer.getInteger("dwarfbind.abi.calls", 4);
    private static final int RANDOM_RECORDS = 40;
    /** Failures listed in the assertion message; the rest are counted. */
    private static final int SHOWN_FAILURES = 15;

    @TestFactory
    Stream<DynamicTest> generatedFunctionsReturnWhatJavaComputes() {
        var tests = new ArrayList<DynamicTest>();
        for (long seed : Seeds.of("ABI generator", FIXED_SEED, "dwarfbind.abi.seed")) {
            for (String compiler : COMPILERS) {
                tests.add(DynamicTest.dynamicTest(compiler + " seed " + seed, () -> run(compiler, seed)));
            }
        }
        return tests.stream();
    }

    private static void run(String compiler, long seed) throws Exception {
        Assumptions.assumeTrue(NativeCompiler.available(compiler), compiler + " is not installed");
        long started = System.nanoTime();
        AbiProgram program = new AbiGenerator(new SplittableRandom(seed)).generate(seed, RANDOM_RECORDS, FUNCTIONS);
        Path dir = Path.of(System.getProperty("dwarfbind.build", "build"), "abi", compiler + "-" + seed);
        Files.createDirectories(dir);
        Path source = dir.resolve("abi.c");
        Path library = dir.resolve("libabi.so");
        Files.writeString(source, program.source());
        NativeCompiler.sharedLibrary(compiler, source, library);

        // Values depend on the seed only, not on the compiler: both libraries get the same calls.
        var rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        var failures = new ArrayList<String>();
        var unsupported = new ArrayList<String>();
        int calls = 0;
        int refusedGaps = 0;
        try (Library lib = Library.open(library)) {
            for (AbiFunction fn : program.functions()) {
                NativeFunction nf;
                try {
                    nf = lib.function(fn.name());
                } catch (Unsupported e) {
                    // An unnamed bitfield has no DIE: an eightbyte holding only one is a gap DWARF
                    // cannot explain, and the loader refuses rather than guess how C classifies it
                    // (docs/loader.md). Any other refusal of a generated signature is a failure.
                    if (e.getMessage().contains("holds no data DWARF describes") && usesUnnamedBitfields(fn)) {
                        refusedGaps++;
                    } else {
                        unsupported.add(e.getMessage());
                    }
                    continue;
                } catch (RuntimeException e) {
                    failures.add(fn.name() + ": lib.function threw " + e);
                    continue;
                }
                for (int c = 0; c < CALLS; c++) {
                    calls++;
                    String bad = new AbiCall(lib, nf, fn, rnd.split()).run();
                    if (bad != null) failures.add(bad);
                }
            }
        }
        System.out.printf("ABI seed=%d compiler=%s functions=%d calls=%d unsupported=%d refused-gaps=%d failures=%d (%d ms, %s)%n",
                seed, compiler, program.functions().size(), calls, unsupported.size(), refusedGaps, failures.size(),
                (System.nanoTime() - started) / 1_000_000, source);
        if (!failures.isEmpty() || !unsupported.isEmpty()) {
            var sb = new StringBuilder(compiler + ", seed " + seed + " (" + source + "): " + failures.size()
                    + " of " + calls + " calls failed, " + unsupported.size() + " functions refused as Unsupported"
                    + " although only supported types were generated\n");
            for (String u : unsupported.subList(0, Math.min(unsupported.size(), SHOWN_FAILURES))) sb.append("  ").append(u).append('\n');
            for (String f : failures.subList(0, Math.min(failures.size(), SHOWN_FAILURES))) sb.append("  ").append(f).append('\n');
            if (failures.size() > SHOWN_FAILURES) sb.append("  ... and ").append(failures.size() - SHOWN_FAILURES).append(" more\n");
            fail(sb.toString());
        }
    }

    /** Whether a by-value parameter or the result of {@code fn} is a record with an unnamed bitfield. */
    private static boolean usesUnnamedBitfields(AbiFunction fn) {
        for (AbiParam p : fn.params()) {
            if (p.passing() == AbiParam.Passing.VALUE && unnamedBitfield(p.type(), 0)) return true;
        }
        return fn.returnType() != null && unnamedBitfield(fn.returnType(), 0);
    }

    private static boolean unnamedBitfield(AbiType t, int depth) {
        if (!(t instanceof AbiRecord r) || depth > 16) return false;
        for (AbiMember m : r.members()) {
            if (m.name() == null && m.bits() >= 0 || unnamedBitfield(m.type(), depth + 1)) return true;
        }
        return false;
    }
}
