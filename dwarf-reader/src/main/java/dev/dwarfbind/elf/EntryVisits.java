package dev.dwarfbind.elf;

import dev.dwarfbind.binary.Bytes;

import java.util.HashSet;
import java.util.Set;

/**
 * The entries of a linked structure in one section (GNU version chains) visited so far. Entries
 * are at least {@value #MIN_ENTRY} bytes and a well-formed chain reaches each entry once, so a
 * chain that comes back to an entry, or runs longer than the section holds entries, is malformed:
 * stopping there bounds the work by the section's size whatever the links say.
 */
final class EntryVisits {
    private static final int MIN_ENTRY = 8;

    private final Bytes section;
    private final Set<Long> seen = new HashSet<>();
    private final long capacity;

    EntryVisits(Bytes section) {
        this.section = section;
        this.capacity = section.size() / MIN_ENTRY + 1;
    }

    /** Records a visit of the {@code what} at {@code offset}; throws if it was visited before. */
    void enter(long offset, String what) {
        section.check(offset, 1);
        if (!seen.add(offset) || seen.size() > capacity) {
            throw section.error(offset, what + " at offset 0x" + Long.toHexString(offset)
                    + " is reached twice: the section's chains loop or share entries");
        }
    }
}
