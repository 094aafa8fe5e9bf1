package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.HostTarget;
import dev.dwarfbind.bind.internal.upcall.Callbacks;
import dev.dwarfbind.bind.internal.value.Stubs;
import dev.dwarfbind.bind.internal.value.ValueContext;
import dev.dwarfbind.debuginfo.NameSuggestions;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The structs and unions of a type system as {@link CStruct} views over memory, without loading any
 * library: to parse and build another platform's data byte-exactly (a Windows struct read from its
 * PDB, an i386 or AArch64 ELF's, a type system from JSON) — or this platform's, from a type system
 * read once and kept. Members are read and written by name or path as with {@link Library#view};
 * nested records and arrays are views too.
 *
 * <p>For a <em>foreign</em> target (another OS, architecture or pointer size than this JVM's),
 * every size, offset and scalar width is the target's (a Windows {@code long} is 4 bytes, an i386
 * pointer 4), and pointer members read and write as the unsigned {@code Long} they hold: an
 * address in the target's process, never dereferenced here. Function-pointer members of a foreign
 * target cannot hold Java callbacks. Big-endian targets are refused ({@link Unsupported}).
 * Immutable and thread-safe.
 */
public final class CTypes {
    private final ValueContext cx;
    /** Names where the types come from, in messages. */
    private final String source;
    private final Function<String, OptionalInt> lookup;

    CTypes(ValueContext cx, String source, Function<String, OptionalInt> lookup) {
        this.cx = cx;
        this.source = source;
        this.lookup = lookup;
    }

    /**
     * Views over the types of {@code ts}, in the layout of its target.
     *
     * @throws Unsupported if the target is big-endian
     */
    public static CTypes of(TypeSystem ts) {
        Target t = ts.target();
        if (!t.littleEndian()) {
            throw new Unsupported("views of a big-endian target's types are not supported yet (" + t + ")");
        }
        boolean foreign = HostTarget.mismatch(t) != null;
        Function<ValueContext, Stubs> stubs = foreign ? cx -> CTypes::noCallbacks : Callbacks::new;
        ValueContext cx = new ValueContext(ts, ApiViews::new, stubs, foreign);
        return new CTypes(cx, "types of " + t, ts::typeNamed);
    }

    private static MemorySegment noCallbacks(int functionTypeId, Object target, Arena arena, String what) {
        throw new ArgumentException(what + ": a function pointer of a foreign target cannot be a Java callback;"
                + " store the target's address as a Long");
    }

    /** The type system the views read. */
    public TypeSystem types() {
        return cx.types();
    }

    /** Whether the types are another target's than this JVM's (pointers then read as {@code Long}). */
    public boolean foreign() {
        return cx.foreign();
    }

    /** Allocates a zeroed struct or union of the named type ({@code "struct point"} or a typedef) in {@code arena}. */
    public CStruct allocate(String typeName, Arena arena) {
        int id = recordId(typeName);
        RecordType r = cx.types().type(cx.types().strip(id), RecordType.class);
        if (!r.complete()) throw new ArgumentException(cx.cName(id) + " is incomplete: its size is unknown");
        return new CStruct(cx, cx.types().strip(id), arena.allocate(r.byteSize(), r.alignment()));
    }

    /**
     * A view of {@code segment} as the named struct or union: its first {@code sizeof} bytes. A
     * segment shorter than that is an error, except a zero-length one (an address C returned),
     * which is resized to the record.
     */
    public CStruct view(String typeName, MemorySegment segment) {
        int id = recordId(typeName);
        long size = cx.types().sizeOf(id);
        if (segment.byteSize() < size) {
            if (segment.byteSize() != 0 || !segment.isNative()) {
                throw new ArgumentException(cx.cName(id) + " needs " + size + " bytes, the segment has " + segment.byteSize());
            }
            segment = segment.reinterpret(size);
        }
        return new CStruct(cx, cx.types().strip(id), segment.asSlice(0, size));
    }

    /** The layout of the named type, for use with {@code java.lang.foreign} directly (a foreign pointer is an integer). */
    public MemoryLayout layout(String typeName) {
        OptionalInt id = lookup.apply(typeName);
        if (id.isEmpty()) throw noType(typeName);
        return cx.layouts().memoryLayout(id.getAsInt());
    }

    private int recordId(String typeName) {
        TypeSystem ts = cx.types();
        OptionalInt id = lookup.apply(typeName);
        if (id.isEmpty()) throw noType(typeName);
        if (!(ts.type(ts.strip(id.getAsInt())) instanceof RecordType)) {
            throw new ArgumentException(typeName + " is " + cx.cName(id.getAsInt()) + ", not a struct or union");
        }
        return id.getAsInt();
    }

    private ArgumentException noType(String typeName) {
        var known = cx.types().isComplete() ? cx.types().namedTypes().keySet() : java.util.Set.<String>of();
        return new ArgumentException(source + ": no type named " + typeName + NameSuggestions.didYouMean(typeName, known));
    }
}
