package dev.dwarfbind.dwarf;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link LongIntMap} against {@link HashMap} over random puts, removes and look-ups. */
class LongIntMapTest {
    @Test
    void agreesWithHashMap() {
        var random = new Random(7);
        var map = new LongIntMap();
        var oracle = new HashMap<Long, Integer>();
        for (int step = 0; step < 200_000; step++) {
            // Few distinct keys, so removes and re-inserts collide; some keys with section bits set.
            long key = random.nextInt(5_000) * (random.nextBoolean() ? 1L : 1L << 62 | 1);
            switch (random.nextInt(3)) {
                case 0 -> {
                    int value = random.nextInt(1 << 20);
                    map.put(key, value);
                    oracle.put(key, value);
                }
                case 1 -> {
                    map.remove(key);
                    oracle.remove(key);
                }
                default -> assertEquals(oracle.getOrDefault(key, LongIntMap.ABSENT), map.get(key), "key " + key);
            }
        }
        for (var e : oracle.entrySet()) assertEquals(e.getValue(), map.get(e.getKey()));
    }

    @Test
    void keyZeroAndGrowth() {
        var map = new LongIntMap();
        map.put(0, 0);
        for (int i = 1; i < 100_000; i++) map.put(i * 8L, i);
        assertEquals(0, map.get(0));
        for (int i = 1; i < 100_000; i++) assertEquals(i, map.get(i * 8L));
        assertEquals(LongIntMap.ABSENT, map.get(3));
        assertThrows(IllegalArgumentException.class, () -> map.put(1, -1));
    }
}
