package dev.dwarfbind.gen.model;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A Java type a C value is carried in, with the {@link ValueLayout} constant that reads it and
 * that constant's class, as generated code spells them.
 *
 * @param javaType    the Java type ({@code int}, {@code MemorySegment})
 * @param constant    the {@code ValueLayout} constant ({@code JAVA_INT}, {@code ADDRESS})
 * @param layoutClass the class of that constant ({@code ValueLayout.OfInt}, {@code AddressLayout})
 */
public record Carrier(String javaType, String constant, String layoutClass) {
    /** The carrier of a value layout from the loader's classification. */
    public static Carrier of(MemoryLayout layout) {
        if (!(layout instanceof ValueLayout v)) return SEGMENT;
        Class<?> c = v.carrier();
        if (v instanceof AddressLayout || c == MemorySegment.class) return ADDRESS;
        String name = c.getName();
        String up = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return new Carrier(name, "JAVA_" + name.toUpperCase(java.util.Locale.ROOT), "ValueLayout.Of" + up);
    }

    /** A pointer. */
    public static final Carrier ADDRESS = new Carrier("MemorySegment", "ADDRESS", "AddressLayout");
    /** A struct or union by value, or any value that is memory rather than a scalar. */
    public static final Carrier SEGMENT = new Carrier("MemorySegment", null, null);

    /** Whether values are memory (pointers, structs). */
    public boolean isSegment() {
        return javaType.equals("MemorySegment");
    }

    /** Whether this carries a struct or union by value (no value layout). */
    public boolean isGroup() {
        return constant == null;
    }
}
