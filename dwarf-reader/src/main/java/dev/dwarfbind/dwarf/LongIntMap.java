package dev.dwarfbind.dwarf;

/**
 * A map from {@code long} (a DIE key) to a non-negative {@code int} (a type or shape id), by open
 * addressing: the converter looks a DIE key up several times per DIE, and a {@code HashMap<Long,
 * Integer>} boxed both on every look-up and insertion (a tenth of the allocation of typing glibc).
 *
 * <p>Not thread-safe, like the converter that uses it.
 */
final class LongIntMap {
    /** What {@link #get} returns for a key with no value. */
    static final int ABSENT = -1;

    private long[] keys;
    /** Values, parallel to {@link #keys}; {@link #ABSENT} marks a free slot. */
    private int[] values;
    private int size;

    LongIntMap() {
        keys = new long[256];
        values = new int[256];
        java.util.Arrays.fill(values, ABSENT);
    }

    /** The value of {@code key}, or {@link #ABSENT}. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key) & mask; ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == ABSENT || keys[i] == key) return v;
        }
    }

    /** Sets the value of {@code key}; {@code value} must not be negative. */
    void put(long key, int value) {
        if (value < 0) throw new IllegalArgumentException("negative value " + value);
        int mask = keys.length - 1;
        int i = slot(key) & mask;
        while (values[i] != ABSENT && keys[i] != key) i = (i + 1) & mask;
        if (values[i] == ABSENT) size++;
        keys[i] = key;
        values[i] = value;
        if (size * 2 > keys.length) grow();
    }

    /**
     * Removes {@code key}, keeping every other key reachable from its slot (backward-shift
     * deletion: no tombstones, so look-ups stay short however often keys come and go).
     */
    void remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key) & mask;
        while (true) {
            if (values[i] == ABSENT) return;
            if (keys[i] == key) break;
            i = (i + 1) & mask;
        }
        size--;
        int gap = i;
        for (int j = (gap + 1) & mask; values[j] != ABSENT; j = (j + 1) & mask) {
            int home = slot(keys[j]) & mask;
            // Move j into the gap unless its home lies cyclically in (gap, j].
            boolean stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (stays) continue;
            keys[gap] = keys[j];
            values[gap] = values[j];
            gap = j;
        }
        values[gap] = ABSENT;
    }

    private static int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        java.util.Arrays.fill(values, ABSENT);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] == ABSENT) continue;
            int i = slot(oldKeys[j]) & mask;
            while (values[i] != ABSENT) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }
}
