package dev.dwarfbind.cli;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.headers.HeaderReader;
import dev.dwarfbind.headers.TypeComparison;
import dev.dwarfbind.headers.TypeDifference;
import dev.dwarfbind.types.TypeSystem;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dwarfbind check LIB --header H}: every difference between what a library's debug info
 * says and what its headers say: a struct's size or a member's offset, a parameter's type, an
 * enumerator. Exit status 1 when they disagree on something both describe.
 */
final class CheckCommand implements CliCommand {
    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command("check",
                "Compare a library's debug info with its C headers (parsed by libclang) and print every",
                "difference: signatures, struct and union layouts, enums, variables. Typedef spellings,",
                "base type spellings, parameter names and restrict are not differences.",
                "Exit status: 0 if they agree, 1 if they disagree on something both describe.");
        Specs.parameter(spec, 0, "LIB", "the shared library (.so), with debug info");
        HeaderOptions.addTo(spec);
        return spec;
    }

    @Override
    public int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws Exception {
        Path library = Specs.path(Specs.parameter(parsed, 0));
        HeaderOptions headerOptions = new HeaderOptions(parsed);
        if (!headerOptions.given()) throw new UserError("check needs --header H: the headers to compare with");
        DebugInfo info = DebugInfo.open(library);
        TypeSystem dwarf = info.typeSystem();
        TypeSystem headers = HeaderReader.read(headerOptions.headers(), info.target(), info.exports()).types();
        List<TypeDifference> diffs = TypeComparison.compare(dwarf, headers);
        long real = diffs.stream().filter(d -> d.kind() != TypeDifference.Kind.MISSING_FROM_HEADERS
                && d.kind() != TypeDifference.Kind.MISSING_FROM_DWARF).count();
        for (TypeDifference d : diffs) out.println(d);
        out.printf("%s: %d functions compared, %d differences, %d exports only one side types%n", library,
                dwarf.functions().keySet().stream().filter(f -> headers.function(f).isPresent()).count(), real, diffs.size() - real);
        out.flush();
        return real == 0 ? 0 : 1;
    }
}
