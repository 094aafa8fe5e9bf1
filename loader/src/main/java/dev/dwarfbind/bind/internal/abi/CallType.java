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
 * @param jit      whether only a JIT-compiled wrapper can pass it ({@code java.lang.foreign}'s linker
 *                 has no layout for it); {@link #layout} then gives only its size and alignment
 */
public record CallType(int typeId, String cName, Kind kind, MemoryLayout layout, Class<?> carrier, long min, long max,
                int target, boolean jit) {
    /**
     * Conversion families. The last four exist only on the JIT path: {@code long double} (x87 80-bit,
     * carried as a {@code Number}: a {@code BigDecimal} or a {@code Double}), {@code __int128} (a
     * {@code BigInteger}), {@code _Float16} (a {@code float}) and {@code _Complex long double} (a pair of
     * numbers).
     */
    public enum Kind { VOID, BOOL, INT, FLOAT, DOUBLE, POINTER, FUNCTION_POINTER, STRUCT, LONG_DOUBLE, INT128, FLOAT16, COMPLEX }

    /** A type the linker passes itself. */
    public CallType(int typeId, String cName, Kind kind, MemoryLayout layout, Class<?> carrier, long min, long max, int target) {
        this(typeId, cName, kind, layout, carrier, min, max, target, false);
    }

    public boolean unsigned() {
        return kind == Kind.INT && min == 0;
    }
}
