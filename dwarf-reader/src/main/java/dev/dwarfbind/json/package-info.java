/**
 * JSON export and import of a {@link dev.dwarfbind.types.TypeSystem}, so that the types read from a
 * library's debug info can be stored, diffed, shipped next to the library or consumed by tools
 * that do not run on the JVM.
 *
 * <p>The format is the hand-written, versioned schema {@code dwarfbind-types/1} described in
 * {@code docs/json-schema.md}; {@link dev.dwarfbind.json.TypeSystemJson} writes and reads it. The
 * type records themselves carry no JSON annotations: the type system does not depend on the JSON
 * library, and the schema can stay stable while the Java model evolves.
 */
package dev.dwarfbind.json;
