/**
 * The declarations a generated binding holds, decided from the C type system: Java names, carrier
 * types, memory layouts, and what was skipped and why. Writers turn it into source text; nothing
 * here knows how Java source is spelled.
 */
package dev.dwarfbind.gen.model;
