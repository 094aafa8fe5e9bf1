package dev.dwarfbind.fuzz;

/** The seeds the fuzzers run with: a fixed one in each, and one that rotates and is printed. */
final class FuzzSeeds {
    /** System property that replays a printed rotating seed. */
    static final String PROPERTY = "dwarfbind.fuzz.seed";

    private FuzzSeeds() {
    }

    /** This run's rotating seed (or the one {@link #PROPERTY} names), printed for {@code test}. */
    static long rotating(String test) {
        long seed = Long.getLong(PROPERTY, System.nanoTime());
        System.out.println(test + " rotating seed: " + seed + " (re-run with -D" + PROPERTY + "=" + seed + ")");
        return seed;
    }
}
