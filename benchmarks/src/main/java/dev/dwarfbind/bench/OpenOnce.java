package dev.dwarfbind.bench;

import dev.dwarfbind.bind.Library;

/**
 * Opens a real library and makes its first call, once, then exits: what a fresh JVM pays, timed
 * as a whole process by {@code scripts/time-open}. Prints the result so the call cannot be skipped.
 */
public final class OpenOnce {
    private OpenOnce() {
    }

    public static void main(String[] args) throws Exception {
        RealLibrary lib = RealLibrary.named(args.length > 0 ? args[0] : "gsl");
        try (Library l = lib.open()) {
            System.out.println(lib.first() + " = " + lib.call(l));
        }
    }
}
