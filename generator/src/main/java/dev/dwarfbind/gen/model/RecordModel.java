package dev.dwarfbind.gen.model;

import java.lang.foreign.MemoryLayout;
import java.util.List;

/**
 * A struct or union, as a class of static accessors over {@code MemorySegment}s, the shape
 * jextract users know.
 *
 * @param cName      the C name ({@code "struct point"})
 * @param javaName   the class name
 * @param definition the C definition, for Javadoc
 * @param layout     its memory layout (the loader's, member names kept)
 * @param members    accessors, in declaration order
 * @param callbacks  function-pointer members, as nested functional interfaces
 * @param skipped    members without accessors, with the reason
 */
public record RecordModel(String cName, String javaName, String definition, MemoryLayout layout, List<Member> members,
                          List<CallbackModel> callbacks, List<Skipped> skipped) {
    public RecordModel {
        members = List.copyOf(members);
        callbacks = List.copyOf(callbacks);
        skipped = List.copyOf(skipped);
    }
}
