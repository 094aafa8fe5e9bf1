package dev.dwarfbind.cli;

import dev.dwarfbind.headers.Headers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that type a library from its C headers with libclang ({@code --header zlib.h -I DIR
 * -D NAME=VALUE}), shared by {@code inspect}, {@code call}, {@code sidecar} and {@code check}.
 */
final class HeaderOptions {
    private final List<String> headers;
    private final List<Path> includeDirs = new ArrayList<>();
    private final List<String> defines;
    private final String target;
    private final List<String> nameFilters;

    /** The options as parsed for a command that {@link #addTo} added them to. */
    HeaderOptions(ParseResult parsed) {
        headers = Specs.repeatable(parsed, "--header");
        for (String dir : Specs.repeatable(parsed, "-I")) includeDirs.add(Specs.path(dir));
        defines = Specs.repeatable(parsed, "-D");
        target = Specs.option(parsed, "--target", null);
        nameFilters = Specs.repeatable(parsed, "--include-name");
    }

    /** Adds the options to a command. */
    static void addTo(CommandSpec spec) {
        Specs.repeatable(spec, "--header", "H",
                "type the library from this C header (repeatable), parsed by libclang: for a library",
                "without debug info; with debug info, the header adds its macros and parameter names");
        Specs.repeatable(spec, "-I", "DIR", "search DIR for headers (repeatable)");
        Specs.repeatable(spec, "-D", "NAME[=VALUE]", "define a macro before the headers (repeatable)");
        Specs.option(spec, "--target", "TRIPLE", "Clang target triple for the headers (default: the library's own target)");
        Specs.repeatable(spec, "--include-name", "REGEX",
                "keep only functions, variables, types and macros whose name matches (repeatable)");
    }

    /** The header files named, as given. */
    List<String> names() {
        return headers;
    }

    /** Whether any header was named. */
    boolean given() {
        return !headers.isEmpty();
    }

    /** The options as the header reader takes them. */
    Headers headers() {
        if (!given() && (!includeDirs.isEmpty() || !defines.isEmpty() || target != null || !nameFilters.isEmpty())) {
            throw new UserError("-I, -D, --target and --include-name need --header");
        }
        Headers h = Headers.of(headers.toArray(String[]::new)).withIncludeDirs(includeDirs.toArray(Path[]::new))
                .withNameFilters(nameFilters.toArray(String[]::new));
        for (String d : defines) {
            int eq = d.indexOf('=');
            h = eq < 0 ? h.withDefine(d, null) : h.withDefine(d.substring(0, eq), d.substring(eq + 1));
        }
        return target == null ? h : h.withTarget(target);
    }
}
