/**
 * The pure-Java reader: ELF and PE containers, DWARF and PDB debug info, and the C type system they fill.
 * Exported are the packages a user or tool author programs against: the type system ({@code types}),
 * opening a library's debug info ({@code debuginfo}), the containers ({@code elf}, {@code pe}), the C
 * printer, JSON, sidecars and the input errors ({@code binary}). The DWARF and PDB readers themselves
 * ({@code dwarf}, {@code pdb}) are reached through {@code debuginfo} and stay internal, so their shape can
 * change without breaking anyone. No native code: this module needs no native access.
 */
@SuppressWarnings("requires-automatic")
module dev.dwarfbind.reader {
    // TypeSystemJson reads from a JsonNode, so users of the json package see Jackson's tree types.
    requires transitive com.fasterxml.jackson.databind;
    // zstd for compressed sections and sidecars. aircompressor's jar declares no module name, so it is
    // the automatic module named after its file; no release of it declares one (checked up to 3.4).
    requires aircompressor;
    // debuginfod: fetching debug files by build-id over HTTP.
    requires java.net.http;
    // Debian packages (--debug-package): ar and tar through Commons Compress, whose xz support
    // needs org.tukaani.xz resolved on the module path (Commons Compress requires it only statically).
    requires org.apache.commons.compress;
    requires org.tukaani.xz;

    exports dev.dwarfbind.types;
    exports dev.dwarfbind.debuginfo;
    exports dev.dwarfbind.symbols;
    exports dev.dwarfbind.elf;
    exports dev.dwarfbind.pe;
    exports dev.dwarfbind.cprint;
    exports dev.dwarfbind.json;
    exports dev.dwarfbind.sidecar;
    exports dev.dwarfbind.binary;
}
