package dev.dwarfbind.sidecar;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSection;
import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.pe.PeIdentity;
import dev.dwarfbind.types.TypeSystem;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a library's sidecar: a small ELF file ({@code ET_DYN}, the library's class, byte order
 * and {@code e_machine}, no program headers) holding a {@code .note.gnu.build-id} with the
 * library's build-id, the DWARF {@link DwarfEmitter} writes for the library's exports, optionally
 * compressed, and {@code .shstrtab}. A Windows DLL's sidecar is the same ELF file (of the DLL's
 * word size and machine) with the DLL's {@link PeIdentity} — its PDB's GUID and age, or a digest
 * of its code — in a {@code .note.dwarfbind.pe} note instead of a build-id.
 *
 * <pre>{@code
 * DebugInfo info = DebugInfo.open(Path.of("libz.so"));
 * SidecarWriter.write(info, Path.of("libz.so.dwarfbind"), Compression.ZSTD);
 * }</pre>
 */
public final class SidecarWriter {
    /** {@code NT_GNU_BUILD_ID}. */
    private static final int NT_GNU_BUILD_ID = 3;
    /** ELF machine numbers of the PE machines a sidecar can be written for. */
    private static final int EM_386 = 3;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;

    private SidecarWriter() {
    }

    /**
     * Writes the sidecar of {@code info}'s library to {@code out}, replacing any file there.
     *
     * @param info        the library's full debug info
     * @param out         where to write
     * @param compression how to store the debug sections
     * @return what was written
     * @throws IOException                 if writing fails
     * @throws IllegalArgumentException    if {@code out} is the library or the file its debug
     *                                     info was read from (both are memory-mapped)
     * @throws UnsupportedSidecarException if the library's type system holds something DWARF
     *                                     cannot express so that it reads back unchanged
     */
    public static SidecarSummary write(DebugInfo info, Path out, Compression compression) throws IOException {
        checkNotInput(info, out);
        List<String> names = info.exports().stream().map(Export::name).toList();
        TypeSystem ts = info.typeSystem(names);
        var sizes = new HashMap<String, Long>();
        for (Export e : info.exports()) sizes.put(e.name(), e.size());
        Path fileName = info.path().getFileName();
        List<DebugSection> dwarf = DwarfEmitter.emit(ts, sizes, fileName == null ? "" : fileName.toString());

        SidecarSummary written = info.pe().isPresent()
                ? writePeImage(info.pe().get(), dwarf, out, compression)
                : writeImage(info.elf(), info.buildId().orElse(null), dwarf, out, compression);
        return new SidecarSummary(out, written.buildId(), compression, written.fileSize(), written.sections(),
                ts.functions().size(), ts.variables().size(), ts.types().size());
    }

    /**
     * A PE image's sidecar: an ELF file of the image's word size and the ELF number of its machine,
     * with the image's {@link PeIdentity} as a note where an ELF sidecar has the build-id; its
     * identity in the summary is the PDB's GUID and age (the symbol-server key) or the code digest.
     */
    private static SidecarSummary writePeImage(PeFile pe, List<DebugSection> dwarf, Path out, Compression compression) throws IOException {
        int machine = switch (pe.machine()) {
            case PeFile.MACHINE_AMD64 -> EM_X86_64;
            case PeFile.MACHINE_I386 -> EM_386;
            case PeFile.MACHINE_ARM64 -> EM_AARCH64;
            default -> throw new UnsupportedSidecarException(pe.path() + ": PE machine 0x" + Integer.toHexString(pe.machine())
                    + " has no ELF machine number dwarfbind knows (x86-64, i386 and arm64 do)");
        };
        PeIdentity id = PeIdentity.of(pe);
        var note = new ByteSink(true);
        note.u32(PeIdentity.NOTE_OWNER.length() + 1);
        byte[] desc = id.encode();
        note.u32(desc.length);
        note.u32(PeIdentity.NOTE_TYPE);
        note.cString(PeIdentity.NOTE_OWNER);
        note.align(4);
        note.bytes(desc);
        note.align(4);
        var identity = new ElfOutputSection(PeIdentity.NOTE_SECTION, ElfOutputSection.SHT_NOTE, 0, 0, 4, 0, note.toByteArray());
        String key = id.codeView().map(c -> c.symbolServerKey()).orElse(java.util.HexFormat.of().formatHex(id.codeDigest()));
        return writeImage(pe.is64(), true, machine, identity, key, dwarf, out, compression);
    }

    /**
     * Writes a sidecar for library {@code lib} holding the type system {@code ts} given from
     * elsewhere (its C headers read by Clang): a stripped library with no debug info anywhere then
     * opens typed as if it had been built with {@code -g}.
     *
     * @throws IllegalArgumentException    if {@code out} is the library
     * @throws UnsupportedSidecarException if {@code ts} holds something DWARF cannot express
     */
    public static SidecarSummary write(ElfFile lib, TypeSystem ts, Path out, Compression compression) throws IOException {
        if (Files.exists(out) && Files.isSameFile(out, lib.path())) {
            throw new IllegalArgumentException(out + " is the library itself; write the sidecar elsewhere");
        }
        var sizes = new HashMap<String, Long>();
        for (Export e : DebugInfo.exports(lib)) sizes.put(e.name(), e.size());
        Path fileName = lib.path().getFileName();
        List<DebugSection> dwarf = DwarfEmitter.emit(ts, sizes, fileName == null ? "" : fileName.toString());
        SidecarSummary written = writeImage(lib, lib.buildId().orElse(null), dwarf, out, compression);
        return new SidecarSummary(out, written.buildId(), compression, written.fileSize(), written.sections(),
                ts.functions().size(), ts.variables().size(), ts.types().size());
    }

    /**
     * Route 1's extraction step: copies the library's own {@code .debug_*} sections (already
     * trimmed by the lightdwarf pass at compile time) into a sidecar of the same minimal shape,
     * without the program headers, symbol tables and section stubs {@code objcopy
     * --only-keep-debug} keeps. Compressed input sections are stored inflated, then compressed
     * as asked.
     */
    public static SidecarSummary copy(DebugInfo info, Path out, Compression compression) throws IOException {
        checkNotInput(info, out);
        ElfFile debug = info.debugElf().orElseGet(info::elf);
        var dwarf = new ArrayList<DebugSection>();
        for (ElfSection s : debug.sections()) {
            if (s.name().startsWith(".debug_") && s.type() != ElfSection.SHT_NOBITS) {
                dwarf.add(new DebugSection(s.name(), debug.contents(s).toArray()));
            }
        }
        SidecarSummary written = writeImage(info.elf(), info.buildId().orElse(null), dwarf, out, compression);
        List<String> names = info.exports().stream().map(Export::name).toList();
        TypeSystem ts = info.typeSystem(names);
        return new SidecarSummary(out, written.buildId(), compression, written.fileSize(), written.sections(),
                ts.functions().size(), ts.variables().size(), ts.types().size());
    }

    private static void checkNotInput(DebugInfo info, Path out) throws IOException {
        for (Path in : List.of(info.path(), info.debugFile())) {
            if (Files.exists(out) && Files.exists(in) && Files.isSameFile(out, in)) {
                throw new IllegalArgumentException(out + " is the file the debug info is read from; write the sidecar elsewhere");
            }
        }
    }

    /** A minimal ELF with the build-id note and {@code dwarf}, each section compressed as asked. */
    private static SidecarSummary writeImage(ElfFile lib, String buildId, List<DebugSection> dwarf, Path out, Compression compression)
            throws IOException {
        boolean littleEndian = lib.order() == java.nio.ByteOrder.LITTLE_ENDIAN;
        return writeImage(lib.is64(), littleEndian, lib.machine(), buildId == null ? null : buildIdNote(lib, buildId, littleEndian),
                buildId, dwarf, out, compression);
    }

    /**
     * A minimal ELF with the {@code identity} note (if not null), {@code dwarf}, each section
     * compressed as asked; {@code id} is the identity as the summary reports it.
     */
    private static SidecarSummary writeImage(boolean elf64, boolean littleEndian, int machine, ElfOutputSection identity, String id,
                                             List<DebugSection> dwarf, Path out, Compression compression) throws IOException {
        var sections = new ArrayList<ElfOutputSection>();
        if (identity != null) sections.add(identity);
        var sizesOut = new ArrayList<SidecarSummary.SectionSize>();
        for (DebugSection s : dwarf) {
            byte[] raw = s.contents();
            byte[] packed = SectionCompressor.compress(raw, compression, elf64, littleEndian);
            boolean strings = s.name().equals(".debug_str") || s.name().equals(".debug_line_str");
            long flags = strings ? ElfOutputSection.SHF_MERGE | ElfOutputSection.SHF_STRINGS : 0;
            if (packed != null) {
                sections.add(new ElfOutputSection(s.name(), ElfOutputSection.SHT_PROGBITS, flags | ElfOutputSection.SHF_COMPRESSED,
                        0, elf64 ? 8 : 4, strings ? 1 : 0, packed));
            } else {
                sections.add(new ElfOutputSection(s.name(), ElfOutputSection.SHT_PROGBITS, flags, 0, 1, strings ? 1 : 0, raw));
            }
            sizesOut.add(new SidecarSummary.SectionSize(s.name(), raw.length, packed != null ? packed.length : raw.length));
        }
        byte[] image = ElfImageWriter.image(elf64, littleEndian, machine, sections);
        try {
            Files.write(out, image);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // A failed write ("Input/output error") does not say which file.
            throw new IOException(out + ": cannot write the sidecar: " + e.getMessage(), e);
        }
        return new SidecarSummary(out, id, compression, image.length, sizesOut, 0, 0, 0);
    }

    /**
     * The build-id note, at the library's address for it so that the sidecar's sections line up
     * with the library's as a separate debug file's do.
     */
    private static ElfOutputSection buildIdNote(ElfFile lib, String buildId, boolean littleEndian) {
        byte[] id = HexFormat.of().parseHex(buildId);
        var note = new ByteSink(littleEndian);
        note.u32(4); // namesz: "GNU\0"
        note.u32(id.length);
        note.u32(NT_GNU_BUILD_ID);
        note.cString("GNU");
        note.bytes(id);
        note.align(4);
        long address = 0;
        long flags = 0;
        ElfSection original = lib.section(".note.gnu.build-id").orElse(null);
        if (original != null && (original.flags() & ElfOutputSection.SHF_ALLOC) != 0) {
            address = original.addr();
            flags = ElfOutputSection.SHF_ALLOC;
        }
        return new ElfOutputSection(".note.gnu.build-id", ElfOutputSection.SHT_NOTE, flags, address, 4, 0, note.toByteArray());
    }
}
