package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * The strings of one string section ({@code .debug_str}), each decoded once: a type name such as
 * {@code size_t} is named by every unit of a library, and decoding it again for each DIE was a
 * tenth of the time and allocation of typing glibc. Reusing one {@code String} also reuses its
 * cached hash in the maps the names become keys of.
 *
 * <p>Not thread-safe, like the reader that uses it.
 */
final class StringTable {
    private final Bytes section;
    /** Index in {@link #strings} by offset. */
    private final LongIntMap indexes = new LongIntMap();
    private final List<String> strings = new ArrayList<>();

    StringTable(Bytes section) {
        this.section = section;
    }

    /** The NUL-terminated string at {@code offset}, checked as {@link Bytes#cString} checks it. */
    String at(long offset) {
        int i = indexes.get(offset);
        if (i != LongIntMap.ABSENT) return strings.get(i);
        // Decoded (and bounds-checked) before it is stored: a bad offset throws and leaves no entry.
        String s = section.cString(offset);
        indexes.put(offset, strings.size());
        strings.add(s);
        return s;
    }
}
