package dev.dwarfbind.clang;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java side of libclang's visitor callbacks. libclang calls a visitor synchronously, on the
 * thread that asked for the visit, so the cursors it hands over are collected in a per-thread list
 * and copied into the translation unit's arena: the structs passed to an upcall live only as long
 * as the call. An exception must never escape an upcall (the JVM would abort), so any failure stops
 * the visit and is rethrown by the caller.
 */
final class Visits {
    private static final int CONTINUE = 1;
    private static final int BREAK = 0;

    private static final ThreadLocal<Sink> SINK = new ThreadLocal<>();

    private record Sink(Arena arena, List<MemorySegment> cursors, Throwable[] failure) {
    }

    private Visits() {
    }

    /** The direct children of {@code cursor}, each copied into {@code arena}. */
    static List<MemorySegment> children(LibClang lib, MemorySegment cursor, Arena arena) {
        Sink sink = begin(arena);
        try {
            int ignored = (int) lib.visitChildren.invokeExact(cursor, lib.childVisitor, MemorySegment.NULL);
            return end(sink, ignored);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        } finally {
            SINK.remove();
        }
    }

    /** The fields of record type {@code type} (anonymous members included), each copied into {@code arena}. */
    static List<MemorySegment> fields(LibClang lib, MemorySegment type, Arena arena) {
        Sink sink = begin(arena);
        try {
            int ignored = (int) lib.typeVisitFields.invokeExact(type, lib.fieldVisitor, MemorySegment.NULL);
            return end(sink, ignored);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        } finally {
            SINK.remove();
        }
    }

    private static Sink begin(Arena arena) {
        if (SINK.get() != null) throw new IllegalStateException("libclang visits do not nest");
        Sink sink = new Sink(arena, new ArrayList<>(), new Throwable[1]);
        SINK.set(sink);
        return sink;
    }

    private static List<MemorySegment> end(Sink sink, int ignored) {
        if (sink.failure[0] != null) throw new IllegalStateException("visiting libclang cursors failed", sink.failure[0]);
        return List.copyOf(sink.cursors);
    }

    /** {@code CXCursorVisitor}. */
    static int child(MemorySegment cursor, MemorySegment parent, MemorySegment data) {
        return collect(cursor);
    }

    /** {@code CXFieldVisitor}. */
    static int field(MemorySegment cursor, MemorySegment data) {
        return collect(cursor);
    }

    private static int collect(MemorySegment cursor) {
        Sink sink = SINK.get();
        if (sink == null) return BREAK;
        try {
            sink.cursors.add(sink.arena.allocate(LibClang.CX_CURSOR).copyFrom(cursor));
            return CONTINUE;
        } catch (Throwable t) {
            sink.failure[0] = t;
            return BREAK;
        }
    }
}
