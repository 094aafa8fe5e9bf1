/**
 * Writers of Java source from the declaration model, one per kind of generated file (library
 * class, struct/union class, callback interface), plus the shared pieces: layouts as
 * expressions, literals, and the loading code of each {@link dev.dwarfbind.gen.model.Mode}.
 */
package dev.dwarfbind.gen.write;
