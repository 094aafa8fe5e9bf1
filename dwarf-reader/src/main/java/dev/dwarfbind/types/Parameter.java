package dev.dwarfbind.types;

/**
 * One declared parameter of a function type.
 *
 * @param name the parameter's name, or {@code null} where the debug info has none (function
 *             pointer types usually)
 * @param type id of the parameter's type
 */
public record Parameter(String name, int type) {
}
