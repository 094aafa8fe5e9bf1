package demo.app.api;

import java.lang.foreign.MemorySegment;

/** A callback interface of the application's own, exported. */
@FunctionalInterface
public interface Comparator2 {
    int compare(MemorySegment a, MemorySegment b);
}
