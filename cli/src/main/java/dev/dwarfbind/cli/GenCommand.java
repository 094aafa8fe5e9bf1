package dev.dwarfbind.cli;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.gen.GenOptions;
import dev.dwarfbind.gen.Generator;
import dev.dwarfbind.gen.model.Mode;
import dev.dwarfbind.gen.model.Skipped;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code dwarfbind gen LIB -o DIR --package P}: writes Java sources calling the library through
 * {@code java.lang.foreign}, typed by its debug info, or by its C headers with {@code --header H}
 * (see docs/gen.md).
 */
final class GenCommand implements CliCommand {
    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command("gen",
                "Write Java bindings (java.lang.foreign) for a library, typed by its debug info (or its C headers, --header):",
                "a class of static methods per library, a class per struct and union, an interface per function-pointer type.");
        Specs.parameter(spec, 0, "LIB",
                "the shared library (.so), with its debug info or a debug file found for it, or its headers (--header)");
        Specs.option(spec, new String[] {"-o", "--output"}, true, "DIR", "the source root to write into");
        Specs.option(spec, new String[] {"--package"}, true, "P", "the Java package of the generated classes");
        Specs.option(spec, "--class", "NAME", "the library class (default: from the file name, libz.so.1 gives Z)");
        Specs.repeatable(spec, "--include-function", "REGEX",
                "only functions and variables whose whole name matches (repeatable; default: all)");
        Specs.repeatable(spec, "--include-type", "REGEX",
                "also types whose name matches: 'struct point', 'point' or a typedef name (repeatable);",
                "types the included functions use are always generated");
        Specs.option(spec, "--mode", "standalone|bound",
                "standalone: java.base only, build-id checked at load (default);",
                "bound: over dwarfbind's loader, each function's declaration checked at load");
        Specs.repeatable(spec, "--errno", "REGEX",
                "functions whose errno is captured right after each call, read with <Class>.errno() (repeatable)");
        Specs.option(spec, "--library-name", "PATH|NAME",
                "what generated code loads by default (default: LIB's absolute path); a name is found by the system's search");
        HeaderOptions.addTo(spec);
        return spec;
    }

    @Override
    public int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws Exception {
        Path library = Specs.path(Specs.parameter(parsed, 0));
        Path output = Specs.path(Specs.option(parsed, "--output", null));
        String packageName = Specs.option(parsed, "--package", null);
        String className = Specs.option(parsed, "--class", null);
        List<String> includeFunctions = Specs.repeatable(parsed, "--include-function");
        List<String> includeTypes = Specs.repeatable(parsed, "--include-type");
        String mode = Specs.option(parsed, "--mode", "standalone");
        List<String> errnoFunctions = Specs.repeatable(parsed, "--errno");
        String libraryName = Specs.option(parsed, "--library-name", null);
        HeaderOptions headerOptions = new HeaderOptions(parsed);
        Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "standalone" -> Mode.STANDALONE;
            case "bound" -> Mode.BOUND;
            default -> throw new UserError("--mode must be standalone or bound, not " + mode);
        };
        if (!Files.isRegularFile(library)) throw new UserError(library + ": no such library file");
        GenOptions options;
        try {
            options = new GenOptions(packageName, className, patterns("--include-function", includeFunctions),
                    patterns("--include-type", includeTypes), m, libraryName, patterns("--errno", errnoFunctions));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        long start = System.nanoTime();
        Generator.Result r;
        try {
            r = headerOptions.given() ? Generator.generate(library, headerOptions.headers(), options)
                    : Generator.generate(DebugInfo.open(library), options);
        } catch (dev.dwarfbind.gen.GenerationException e) {
            throw new UserError(e.getMessage());
        }
        r.writeTo(output);
        var b = r.binding();
        out.printf("wrote %d files to %s in %d ms: %s.%s with %d functions, %d variables, %d constants; %d structs/unions, %d callback types%n",
                r.files().size(), output, (System.nanoTime() - start) / 1_000_000, b.packageName(), b.className(), b.functions().size(),
                b.variables().size(), b.constants().size(), b.records().size(), b.callbacks().size() + b.parameterCallbacks().size());
        if (!b.skipped().isEmpty()) {
            out.printf("left out %d (listed in %s's Javadoc):%n", b.skipped().size(), b.className());
            for (Skipped s : b.skipped()) out.printf("  %s: %s%n", s.name(), s.reason());
        }
        out.flush();
        return 0;
    }

    private static List<Pattern> patterns(String option, List<String> regexes) {
        var out = new ArrayList<Pattern>();
        for (String r : regexes) {
            try {
                out.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                throw new UserError(option + " " + r + ": not a regular expression: " + e.getDescription());
            }
        }
        return out;
    }
}
