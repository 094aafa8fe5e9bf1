/**
 * Binding a native library's exported functions and variables through {@code java.lang.foreign},
 * typed by the library's own debug information.
 */
package dev.dwarfbind.bind;
