package dev.dwarfbind.bind.abi;

import java.util.concurrent.ThreadLocalRandom;

/** The seeds a generator test runs: a fixed one, and a rotating one printed so that a failure can be replayed. */
final class Seeds {
    private Seeds() {
    }

    /**
     * {@code fixed} and the rotating seed, which is the value of system property {@code property} when set,
     * else random; printed with how to replay it.
     */
    static long[] of(String what, long fixed, String property) {
        String given = System.getProperty(property);
        long rotating = given != null && !given.isBlank() ? Long.parseLong(given.strip()) : ThreadLocalRandom.current().nextLong(1L << 40);
        System.out.println(what + ": fixed seed " + fixed + ", rotating seed " + rotating + " (replay with -D" + property + "="
                + rotating + ")");
        return new long[] {fixed, rotating};
    }
}
