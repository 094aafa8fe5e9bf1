package dev.dwarfbind.fuzz;

import com.sun.management.ThreadMXBean;
import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.UntypedSymbol;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The structure-aware fuzzer: valid DWARF of extreme shape from {@link ShapeGenerator}, written
 * with the sidecar encoder, read, printed as C and as JSON, every type laid out. Each input must
 * finish within {@value #TIME_BUDGET_MS} ms and allocate at most {@value #ALLOCATION_BUDGET_MB}
 * MiB, on a thread with a 2 MiB stack; inputs within the documented limits must type every export,
 * and the rest may only be refused the documented ways (an export untyped with the reason, a
 * {@link BinaryFormatException} naming the file). The printed header must stay linear in the size
 * of the input.
 *
 * <p>Half the inputs come from a fixed seed, half from a rotating one that is printed; re-run a
 * seed with {@code -Ddwarfbind.fuzz.seed=N}, change the count with
 * {@code -Ddwarfbind.structurefuzz.inputs=N}.
 */
class StructureFuzzTest {
    private static final int INPUTS_PER_SEED = Integer.getInteger("dwarfbind.structurefuzz.inputs", 1_100);
    private static final long FIXED_SEED = 0x5_7a0c_7e5L;
    private static final long TIME_BUDGET_MS = 3_000;
    private static final long ALLOCATION_BUDGET_MB = 512;
    /** Printed C per byte of input; the shapes' naive printing grows exponentially. */
    private static final int HEADER_BYTES_PER_INPUT_BYTE = 40;

    private record Cost(long nanos, long allocated) {
    }

    @Test
    void fixedSeed() throws Exception {
        run(FIXED_SEED);
    }

    @Test
    void rotatingSeed() throws Exception {
        run(FuzzSeeds.rotating("StructureFuzzTest"));
    }

    private static void run(long seed) throws Exception {
        var generator = new ShapeGenerator(new SplittableRandom(seed));
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "structure-fuzz", 2 << 20);
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long slowest = 0;
        long hungriest = 0;
        String slowestWhat = "";
        int refused = 0;
        try {
            for (int i = 0; i < INPUTS_PER_SEED; i++) {
                ShapeGenerator.Shape shape = generator.next();
                String what = "input " + i + " of seed " + seed + " (" + shape.description() + ", " + shape.image().length + " bytes)";
                Future<Cost> f = exec.submit(() -> check(shape, what));
                Cost cost;
                try {
                    cost = f.get(TIME_BUDGET_MS * 4, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    fail(what + " did not finish within " + TIME_BUDGET_MS * 4 + " ms: a hang");
                    return;
                } catch (ExecutionException e) {
                    throw new AssertionError(what + ": " + e.getCause(), e.getCause());
                }
                if (cost == null) {
                    refused++;
                    continue;
                }
                if (cost.nanos() > slowest) {
                    slowest = cost.nanos();
                    slowestWhat = shape.description();
                }
                hungriest = Math.max(hungriest, cost.allocated());
                if (cost.nanos() / 1_000_000 > TIME_BUDGET_MS) fail(what + " took " + cost.nanos() / 1_000_000 + " ms");
                if (cost.allocated() >> 20 > ALLOCATION_BUDGET_MB) fail(what + " allocated " + (cost.allocated() >> 20) + " MiB");
            }
        } finally {
            exec.shutdownNow();
        }
        System.out.printf("StructureFuzzTest seed %d: %d libraries in %.1f s, %d refused the documented way;"
                        + " slowest %.0f ms (%s), most allocated %d MiB%n", seed, INPUTS_PER_SEED,
                (System.nanoTime() - start) / 1e9, refused, slowest / 1e6, slowestWhat, hungriest >> 20);
    }

    /** Reads, prints and lays out one input; the cost, or null if it was refused the documented way. */
    private static Cost check(ShapeGenerator.Shape shape, String what) {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long allocatedBefore = threads.getThreadAllocatedBytes(id);
        long t0 = System.nanoTime();
        Path name = Path.of("generated.so");
        TypeSystem ts;
        try {
            ts = DebugInfo.read(name, shape.image()).typeSystem();
        } catch (BinaryFormatException e) {
            if (shape.withinLimits()) throw new AssertionError(what + ": refused although within the limits", e);
            if (!e.getMessage().startsWith("generated.so: ")) throw new AssertionError(what + ": message does not name the file", e);
            return null;
        } catch (Exception e) {
            throw new AssertionError(what + ": " + e, e);
        }
        for (UntypedSymbol u : ts.untyped()) {
            if (shape.withinLimits() || !u.reason().contains("levels deep")) {
                throw new AssertionError(what + ": " + u.name() + " untyped: " + u.reason());
            }
        }
        String header = CPrinter.header(ts);
        if (header.length() > (long) HEADER_BYTES_PER_INPUT_BYTE * shape.image().length + 10_000) {
            throw new AssertionError(what + ": printed " + header.length() + " characters of C");
        }
        TypeSystemJson.toJson(ts);
        for (int t = 0; t < ts.types().size(); t++) {
            CType type = ts.type(ts.strip(t));
            if (!(type instanceof FunctionType)) ts.sizeOf(t);
            ts.alignOf(t);
            CPrinter.typeName(ts, t);
        }
        return new Cost(System.nanoTime() - t0, threads.getThreadAllocatedBytes(id) - allocatedBefore);
    }
}
