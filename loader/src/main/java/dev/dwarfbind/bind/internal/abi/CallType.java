package dev.dwarfbind.bind.internal.abi;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;

/**
 * How one C parameter or return type crosses the boundary: its carrier class and layout for the
 * linker, and what a Java value must satisfy to be converted to it.
 *
 * @param typeId   the C type (as declared, typedefs kept, for messages)
 * @param cName    the C spelling, for messages
 * @param kind     the conversion family
 * @param layout   the layout handed to the linker ({@code null} for void)
 * @param carrier  the Java class the linker uses ({@code int.class}, {@link MemorySegment}, ...)
 * @param min      smallest accepted integer value (integers only)
 * @param max      largest accepted integer value; for 64-bit unsigned types {@code -1} stands for
 *                 2^64-1 and every {@code long} is accepted as its bit pattern
 * @param target   for pointers, the stripped pointee type id; for records and enums, the stripped
 *                 type id; else {@code -1}
 */
public record CallType(int typeId, String cName, Kind kind, MemoryLayout layout, Class<?> carrier, long min, long max,
                int target) {
    /** Conversion families. */
    public enum Kind { VOID, BOOL, INT, FLOAT, DOUBLE, POINTER, FUNCTION_POINTER, STRUCT }

    public boolean unsigned() {
        return kind == Kind.INT && min == 0;
    }
}
