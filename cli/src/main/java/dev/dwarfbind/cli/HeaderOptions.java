package dev.dwarfbind.cli;

import dev.dwarfbind.headers.Headers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that type a library from its C headers with libclang ({@code --header zlib.h -I DIR
 * -D NAME=VALUE}), shared by {@code inspect}, {@code call}, {@code sidecar}, {@code check} and {@code gen}.
 */
final class HeaderOptions {
    private final List<String> headers;
    private final List<Path> includeDirs = new ArrayList<>();
    private final List<String> defines;
    private final String target;
    private final List<String> nameFilters;
    private final boolean inProcess;
    private final Integer timeoutSeconds;

    /** The options as parsed for a command that {@link #addTo} added them to. */
    HeaderOptions(ParseResult parsed) {
        headers = Specs.repeatable(parsed, "--header");
        for (String dir : Specs.repeatable(parsed, "-I")) includeDirs.add(Specs.path(dir));
        defines = Specs.repeatable(parsed, "-D");
        target = Specs.option(parsed, "--target", null);
        nameFilters = Specs.repeatable(parsed, "--include-name");
        inProcess = Specs.flag(parsed, "--clang-in-process");
        String timeout = Specs.option(parsed, "--clang-timeout", null);
        try {
            timeoutSeconds = timeout == null ? null : Integer.valueOf(timeout);
        } catch (NumberFormatException e) {
            throw new UserError("--clang-timeout takes a whole number of seconds, not " + timeout);
        }
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
        Specs.flag(spec, "--clang-in-process",
                "parse the headers with libclang inside this JVM rather than in a child process: the",
                "first parse is faster by a JVM's start-up, but a crash inside Clang ends dwarfbind");
        Specs.option(spec, "--clang-timeout", "SECONDS", "kill the Clang child process after this long (default: 60)");
    }

    /** The header files named, as given. */
    List<String> names() {
        return headers;
    }

    /** Whether any header was named; header options without one are an error. */
    boolean given() {
        if (headers.isEmpty() && (!includeDirs.isEmpty() || !defines.isEmpty() || target != null || !nameFilters.isEmpty()
                || inProcess || timeoutSeconds != null)) {
            throw new UserError("-I, -D, --target, --include-name, --clang-in-process and --clang-timeout need --header");
        }
        return !headers.isEmpty();
    }

    /** The options as the header reader takes them. */
    Headers headers() {
        given();
        Headers h = Headers.of(headers.toArray(String[]::new)).withIncludeDirs(includeDirs.toArray(Path[]::new))
                .withNameFilters(nameFilters.toArray(String[]::new));
        for (String d : defines) {
            int eq = d.indexOf('=');
            h = eq < 0 ? h.withDefine(d, null) : h.withDefine(d.substring(0, eq), d.substring(eq + 1));
        }
        if (inProcess) h = h.inProcess();
        if (timeoutSeconds != null) {
            if (timeoutSeconds <= 0) throw new UserError("--clang-timeout must be a positive number of seconds, not " + timeoutSeconds);
            if (inProcess) throw new UserError("--clang-timeout applies to the child process, not --clang-in-process");
            h = h.withTimeout(java.time.Duration.ofSeconds(timeoutSeconds));
        }
        return target == null ? h : h.withTarget(target);
    }
}
