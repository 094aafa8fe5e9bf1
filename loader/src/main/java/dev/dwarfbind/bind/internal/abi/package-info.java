/**
 * Call classification and layouts (not an API): which carrier and layout each C parameter and
 * return type has for the {@code java.lang.foreign} linker ({@link dev.dwarfbind.bind.internal.abi.CallTypes}),
 * byte-wise layouts of records passed by value ({@link dev.dwarfbind.bind.internal.abi.CallLayout}),
 * memory layouts ({@link dev.dwarfbind.bind.internal.abi.CLayouts}), calling conventions, and the
 * C types of variadic arguments and spelled types. Depends on the type system only.
 */
package dev.dwarfbind.bind.internal.abi;
