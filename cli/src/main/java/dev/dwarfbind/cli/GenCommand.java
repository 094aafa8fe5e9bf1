package dev.dwarfbind.cli;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.gen.GenOptions;
import dev.dwarfbind.gen.Generator;
import dev.dwarfbind.gen.model.Mode;
import dev.dwarfbind.gen.model.Skipped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code dwarfbind gen LIB -o DIR --package P}: writes Java sources calling the library through
 * {@code java.lang.foreign}, typed by its debug info, or by its C headers with {@code --header H}
 * (see docs/gen.md).
 */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = {"Write Java bindings (java.lang.foreign) for a library, typed by its debug info (or its C headers, --header):",
                "a class of static methods per library, a class per struct and union, an interface per function-pointer type."})
final class GenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LIB", description = "the shared library (.so), with its debug info or a debug file found for it, or its headers (--header)")
    Path library;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "the source root to write into")
    Path output;

    @Option(names = "--package", required = true, paramLabel = "P", description = "the Java package of the generated classes")
    String packageName;

    @Option(names = "--class", paramLabel = "NAME", description = "the library class (default: from the file name, libz.so.1 gives Z)")
    String className;

    @Option(names = "--include-function", paramLabel = "REGEX",
            description = "only functions and variables whose whole name matches (repeatable; default: all)")
    List<String> includeFunctions = new ArrayList<>();

    @Option(names = "--include-type", paramLabel = "REGEX",
            description = {"also types whose name matches: 'struct point', 'point' or a typedef name (repeatable);",
                    "types the included functions use are always generated"})
    List<String> includeTypes = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "standalone|bound", defaultValue = "standalone",
            description = {"standalone: java.base only, build-id checked at load (default);",
                    "bound: over dwarfbind's loader, each function's declaration checked at load"})
    String mode;

    @Option(names = "--errno", paramLabel = "REGEX",
            description = "functions whose errno is captured right after each call, read with <Class>.errno() (repeatable)")
    List<String> errnoFunctions = new ArrayList<>();

    @Option(names = "--library-name", paramLabel = "PATH|NAME",
            description = "what generated code loads by default (default: LIB's absolute path); a name is found by the system's search")
    String libraryName;

    @picocli.CommandLine.Mixin
    HeaderOptions headerOptions;

    @Override
    public Integer call() throws Exception {
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
        PrintWriter out = spec.commandLine().getOut();
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
