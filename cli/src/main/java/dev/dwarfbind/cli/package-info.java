/**
 * The {@code dwarfbind} command-line tool: picocli commands over the reader and the loader.
 */
package dev.dwarfbind.cli;
