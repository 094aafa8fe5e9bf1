package dev.dwarfbind.sidecar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The contents of {@code .debug_str}: every string once, and a string that ends another
 * ({@code "int"} in {@code "unsigned int"}) stored only as that other string's tail, as linkers
 * merge {@code SHF_STRINGS} sections. Strings are {@link #add added} while the DIE tree is built
 * and {@link #finish laid out} once, before any offset is asked for.
 */
final class StringSection {
    private final Set<String> strings = new LinkedHashSet<>();
    private final Map<String, Integer> offsets = new HashMap<>();
    private byte[] contents;

    /** Registers {@code s}; its offset is known after {@link #finish}. */
    void add(String s) {
        if (contents != null) throw new IllegalStateException("string table already laid out");
        strings.add(s);
    }

    /** Lays the strings out. */
    void finish() {
        record Encoded(String string, byte[] bytes) {
        }
        var encoded = new ArrayList<Encoded>(strings.size());
        for (String s : strings) encoded.add(new Encoded(s, s.getBytes(StandardCharsets.UTF_8)));
        // Sorting by reversed bytes puts every string just before the strings that end with it,
        // so walking the sorted list backwards, a string either is a tail of the last string given
        // its own entry or needs an entry of its own.
        encoded.sort((x, y) -> compareReversed(x.bytes(), y.bytes()));
        var sink = new ByteSink(true);
        byte[] previous = null;
        int previousOffset = 0;
        for (Encoded e : encoded.reversed()) {
            byte[] b = e.bytes();
            int offset;
            if (previous != null && endsWith(previous, b)) {
                offset = previousOffset + previous.length - b.length;
            } else {
                offset = sink.size();
                sink.bytes(b);
                sink.u8(0);
                previous = b;
                previousOffset = offset;
            }
            offsets.put(e.string(), offset);
        }
        contents = sink.toByteArray();
    }

    private static int compareReversed(byte[] x, byte[] y) {
        int n = Math.min(x.length, y.length);
        for (int i = 1; i <= n; i++) {
            int c = Integer.compare(x[x.length - i] & 0xff, y[y.length - i] & 0xff);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean endsWith(byte[] whole, byte[] tail) {
        return tail.length <= whole.length
                && Arrays.equals(whole, whole.length - tail.length, whole.length, tail, 0, tail.length);
    }

    /** The offset of {@code s}, which must have been added. */
    int offsetOf(String s) {
        Integer off = offsets.get(s);
        if (off == null) throw new IllegalStateException("string \"" + s + "\" was not added before the table was laid out");
        return off;
    }

    /** The section contents. */
    byte[] contents() {
        if (contents == null) throw new IllegalStateException("string table not laid out yet");
        return contents.clone();
    }
}
