package dev.dwarfbind.gen.model;

import java.lang.foreign.MemoryLayout;

/**
 * What a function or callback returns.
 *
 * @param carrier the Java type, or {@code null} for {@code void}
 * @param layout  the layout the linker is given, or {@code null} for {@code void}
 */
public record Result(Carrier carrier, MemoryLayout layout) {
    /** No value. */
    public static final Result VOID = new Result(null, null);

    /** Whether nothing is returned. */
    public boolean isVoid() {
        return carrier == null;
    }

    /** Whether a struct or union is returned by value (the caller passes an allocator). */
    public boolean isGroup() {
        return carrier != null && carrier.isGroup();
    }

    /** The Java return type. */
    public String javaType() {
        return carrier == null ? "void" : carrier.javaType();
    }
}
