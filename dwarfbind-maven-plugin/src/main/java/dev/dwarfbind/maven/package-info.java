/**
 * The dwarfbind Maven plugin: goal {@code dwarfbind:generate} writes Java bindings for a native
 * library from its debug info (as {@code dwarfbind gen} does) in {@code generate-sources}, and adds
 * them to the compile source roots.
 */
package dev.dwarfbind.maven;
