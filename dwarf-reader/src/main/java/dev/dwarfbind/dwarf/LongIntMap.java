package dev.dwarfbind.dwarf;

/**
 * A map from {@code long} (a DIE key, a string offset) to a non-negative {@code int} (a type,
 * shape or string index), by open addressing: the converter looks a DIE key up several times per
 * DIE, and a {@code HashMap<Long, Integer>} boxed on every look-up and insertion (a tenth of the
 * allocation of typing glibc). Each key sits next to its value in one array, so a look-up in a
 * table far larger than the processor's caches misses once, not once per array.
 *
 * <p>Not thread-safe, like the converter that uses it.
 */
final class LongIntMap {
    /** What {@link #get} returns for a key with no value. */
    static final int ABSENT = -1;

    /** Slot {@code i} holds its key at {@code 2i} and its value + 1 at {@code 2i + 1} (0: a free slot). */
    private long[] table = new long[2 * 256];
    private int size;

    /** The value of {@code key}, or {@link #ABSENT}. */
    int get(long key) {
        long[] t = table;
        int mask = (t.length >> 1) - 1;
        for (int i = slot(key) & mask; ; i = (i + 1) & mask) {
            long v = t[2 * i + 1];
            if (v == 0) return ABSENT;
            if (t[2 * i] == key) return (int) (v - 1);
        }
    }

    /** Sets the value of {@code key}; {@code value} must not be negative. */
    void put(long key, int value) {
        if (value < 0) throw new IllegalArgumentException("negative value " + value);
        long[] t = table;
        int mask = (t.length >> 1) - 1;
        int i = slot(key) & mask;
        while (t[2 * i + 1] != 0 && t[2 * i] != key) i = (i + 1) & mask;
        if (t[2 * i + 1] == 0) size++;
        t[2 * i] = key;
        t[2 * i + 1] = value + 1L;
        if (size * 2 > mask + 1) grow();
    }

    /**
     * Removes {@code key}, keeping every other key reachable from its slot (backward-shift
     * deletion: no tombstones, so look-ups stay short however often keys come and go).
     */
    void remove(long key) {
        long[] t = table;
        int mask = (t.length >> 1) - 1;
        int i = slot(key) & mask;
        while (true) {
            if (t[2 * i + 1] == 0) return;
            if (t[2 * i] == key) break;
            i = (i + 1) & mask;
        }
        size--;
        int gap = i;
        for (int j = (gap + 1) & mask; t[2 * j + 1] != 0; j = (j + 1) & mask) {
            int home = slot(t[2 * j]) & mask;
            // Move j into the gap unless its home lies cyclically in (gap, j].
            boolean stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (stays) continue;
            t[2 * gap] = t[2 * j];
            t[2 * gap + 1] = t[2 * j + 1];
            gap = j;
        }
        t[2 * gap + 1] = 0;
    }

    private static int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    private void grow() {
        long[] old = table;
        long[] t = new long[old.length * 2];
        int mask = (t.length >> 1) - 1;
        for (int j = 0; j < old.length; j += 2) {
            if (old[j + 1] == 0) continue;
            int i = slot(old[j]) & mask;
            while (t[2 * i + 1] != 0) i = (i + 1) & mask;
            t[2 * i] = old[j];
            t[2 * i + 1] = old[j + 1];
        }
        table = t;
    }
}
