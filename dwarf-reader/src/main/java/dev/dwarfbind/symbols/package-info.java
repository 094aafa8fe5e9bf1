/**
 * A library's exported symbols as its container (ELF or PE) reports them, in one form whatever the
 * container: what the debug-info readers match functions and variables against, and what the loader
 * looks up.
 */
package dev.dwarfbind.symbols;
