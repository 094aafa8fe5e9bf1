package dev.dwarfbind.gen.model;

import java.lang.foreign.MemoryLayout;

/**
 * An exported variable, as a getter and (unless {@code const}) a setter of its name, or, for one
 * that is memory rather than a scalar (an array, a struct), a getter of its segment.
 *
 * @param cName       the exported symbol
 * @param javaName    the accessor name
 * @param declaration the C declaration
 * @param carrier     the Java type of its value ({@link Carrier#SEGMENT} for memory)
 * @param layout      its memory layout
 * @param readOnly    whether it is {@code const}
 * @param holder      name of the nested class holding its address
 */
public record VariableModel(String cName, String javaName, String declaration, Carrier carrier, MemoryLayout layout,
                            boolean readOnly, String holder) {
}
