package dev.dwarfbind.gen.model;

import java.lang.foreign.MemoryLayout;

/**
 * One parameter of a generated method.
 *
 * @param javaName the escaped parameter name
 * @param carrier  its Java type
 * @param layout   the layout the linker is given for it
 * @param cString  whether it is a {@code const char *}, which gets a {@code String} overload
 */
public record Param(String javaName, Carrier carrier, MemoryLayout layout, boolean cString) {
}
