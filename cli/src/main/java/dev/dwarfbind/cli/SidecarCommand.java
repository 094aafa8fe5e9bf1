package dev.dwarfbind.cli;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSection;
import dev.dwarfbind.sidecar.Compression;
import dev.dwarfbind.sidecar.SidecarSummary;
import dev.dwarfbind.sidecar.SidecarWriter;
import dev.dwarfbind.sidecar.UnsupportedSidecarException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code dwarfbind sidecar LIB -o OUT [--compress=none|zlib|zstd]}: writes a light DWARF sidecar
 * for a library, holding only what its exported functions and variables need plus its build-id,
 * so that the library itself can ship stripped; prints what it wrote. For a Windows DLL the
 * sidecar carries the PDB's GUID and age (or a digest of the DLL's code) instead, so that the DLL
 * can ship without its PDB.
 */
final class SidecarCommand implements CliCommand {
    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command("sidecar",
                "Write a small debug file holding only the types of a library's exports (and its build-id),",
                "so that the library can be shipped stripped and still be bound.");
        Specs.parameter(spec, 0, "LIB", "the shared library (.so) with its full debug info,",
                "or a Windows DLL with its PDB or MinGW DWARF");
        DebugSourceOptions.addTo(spec);
        Specs.option(spec, new String[] {"-o", "--output"}, true, "OUT", "the sidecar file to write");
        Specs.flag(spec, "--copy", "copy the library's own DWARF (built with the lightdwarf pass: route 1)",
                "instead of writing DWARF from its type system (route 2)");
        HeaderOptions.addTo(spec);
        Specs.option(spec, "--compress", "none|zlib|zstd", "compress the debug sections (default: none)");
        return spec;
    }

    @Override
    public int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws Exception {
        Path library = Specs.path(Specs.parameter(parsed, 0));
        DebugSourceOptions debugSource = new DebugSourceOptions(parsed);
        Path output = Specs.path(Specs.option(parsed, "--output", null));
        boolean copy = Specs.flag(parsed, "--copy");
        HeaderOptions headerOptions = new HeaderOptions(parsed);
        String compress = Specs.option(parsed, "--compress", "none");
        Compression compression = switch (compress.toLowerCase(Locale.ROOT)) {
            case "none" -> Compression.NONE;
            case "zlib" -> Compression.ZLIB;
            case "zstd" -> Compression.ZSTD;
            default -> throw new UserError("--compress must be none, zlib or zstd, not " + compress);
        };
        if (headerOptions.given()) {
            // A library with no debug info, typed by its headers: the sidecar makes it open as if built with -g.
            if (copy) throw new UserError("--copy copies the library's own DWARF; with --header the sidecar is written from the headers' types");
            ElfFile lib = ElfFile.open(library);
            var ts = dev.dwarfbind.bind.internal.clang.HeaderTyping.library(library, headerOptions.headers());
            SidecarSummary s;
            try {
                s = SidecarWriter.write(lib, ts, output, compression);
            } catch (UnsupportedSidecarException e) {
                throw new UserError(library + ": cannot write a sidecar: " + e.getMessage());
            }
            out.printf("wrote %s: %d bytes from the headers' types, build-id %s%n", output, s.fileSize(),
                    s.buildId() == null ? "none (the library has none)" : s.buildId());
            out.printf("  %d functions, %d variables, %d types%n", s.functions(), s.variables(), s.types());
            out.flush();
            return 0;
        }
        DebugInfo info = debugSource.open(library, err);
        for (Path in : List.of(info.path(), info.debugFile())) {
            if (Files.exists(output) && Files.exists(in) && Files.isSameFile(output, in)) {
                throw new UserError(output + " is the file the debug info is read from; choose another output file");
            }
        }
        SidecarSummary s;
        try {
            s = copy ? SidecarWriter.copy(info, output, compression) : SidecarWriter.write(info, output, compression);
        } catch (UnsupportedSidecarException e) {
            throw new UserError(library + ": cannot write a sidecar: " + e.getMessage());
        }
        if (info.pe().isPresent()) {
            var pe = info.pe().get();
            out.printf("wrote %s: %d bytes, for %s%n", output, s.fileSize(), pe.codeView().map(c -> "PDB GUID " + c.guidString() + " age "
                    + c.age()).orElse("code SHA-256 " + s.buildId() + " (the DLL has no CodeView record)"));
        } else {
            out.printf("wrote %s: %d bytes, build-id %s%n", output, s.fileSize(), s.buildId() == null ? "none (the library has none)" : s.buildId());
        }
        out.printf("  %d functions, %d variables, %d types%n", s.functions(), s.variables(), s.types());
        for (SidecarSummary.SectionSize sec : s.sections()) {
            if (sec.storedSize() != sec.size()) {
                out.printf("  %-14s %8d bytes, %8d %s-compressed%n", sec.name(), sec.size(), sec.storedSize(),
                        compression.name().toLowerCase(Locale.ROOT));
            } else {
                out.printf("  %-14s %8d bytes%n", sec.name(), sec.size());
            }
        }
        if (info.debugFile().toString().endsWith(".pdb")) {
            out.printf("  %s: %d bytes%n", info.debugFile(), Files.size(info.debugFile()));
        } else {
            // Stored sizes of the DWARF the sidecar was made from (the library's own, or its debug file's).
            out.printf("  .debug_* sections of %s: %d bytes%n", info.debugFile(), debugBytes(info));
        }
        out.flush();
        return 0;
    }

    /** Bytes of {@code .debug_*} sections the library's debug info is read from (an ELF file or a PE image). */
    private static long debugBytes(DebugInfo info) {
        long total = 0;
        if (info.debugElf().isEmpty() && info.pe().isPresent()) {
            for (var sec : info.pe().get().sections()) if (sec.name().startsWith(".debug_")) total += sec.rawSize();
            return total;
        }
        for (ElfSection sec : info.debugElf().orElseGet(info::elf).sections()) {
            if (sec.name().startsWith(".debug_") || sec.name().startsWith(".zdebug_")) total += sec.size();
        }
        return total;
    }
}
