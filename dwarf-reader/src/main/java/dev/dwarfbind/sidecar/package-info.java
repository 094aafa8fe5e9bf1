/**
 * Light DWARF sidecars: a small ELF file that holds only the debug information a stripped
 * library's exports need, written from the {@link dev.dwarfbind.types.TypeSystem} the reader built
 * from the library's full debug info.
 *
 * <p>{@link dev.dwarfbind.sidecar.DwarfEmitter} writes DWARF 5 ({@code .debug_abbrev},
 * {@code .debug_info}, {@code .debug_str}) describing each type once for the whole library and one
 * subprogram or variable per exported symbol, chosen so that {@link dev.dwarfbind.dwarf.DwarfTypeReader}
 * reads back the very same type system, ids included. {@link dev.dwarfbind.sidecar.SidecarWriter}
 * wraps those sections, optionally zlib- or zstd-compressed, in an ELF file carrying the library's
 * build-id, so that a sidecar can be matched to a stripped copy of the library. A sidecar is
 * typically a few percent of the size of the library's full {@code .debug_*} sections: it has no
 * line tables, locations, inlining records, macros or types no export reaches.
 */
package dev.dwarfbind.sidecar;
