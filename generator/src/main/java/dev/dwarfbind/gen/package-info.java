/**
 * {@code dwarfbind gen}: Java sources that call a library through {@code java.lang.foreign},
 * written from its debug info. {@link dev.dwarfbind.gen.Generator} is the entry point; it builds a
 * declaration model ({@link dev.dwarfbind.gen.model}) from the type system and hands it to the
 * writers ({@link dev.dwarfbind.gen.write}), which know Java but nothing of C types.
 */
package dev.dwarfbind.gen;
