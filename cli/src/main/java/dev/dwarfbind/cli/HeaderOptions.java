package dev.dwarfbind.cli;

import dev.dwarfbind.headers.Headers;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that type a library from its C headers with libclang ({@code --header zlib.h -I DIR
 * -D NAME=VALUE}), shared by {@code inspect}, {@code call}, {@code sidecar}, {@code check} and {@code gen}.
 */
final class HeaderOptions {
    @Option(names = "--header", paramLabel = "H",
            description = {"type the library from this C header (repeatable), parsed by libclang: for a library",
                    "without debug info; with debug info, the header adds its macros and parameter names"})
    List<String> headers = new ArrayList<>();

    @Option(names = "-I", paramLabel = "DIR", description = "search DIR for headers (repeatable)")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "define a macro before the headers (repeatable)")
    List<String> defines = new ArrayList<>();

    @Option(names = "--target", paramLabel = "TRIPLE",
            description = "Clang target triple for the headers (default: the library's own target)")
    String target;

    @Option(names = "--include-name", paramLabel = "REGEX",
            description = "keep only functions, variables, types and macros whose name matches (repeatable)")
    List<String> nameFilters = new ArrayList<>();

    @Option(names = "--clang-in-process",
            description = {"parse the headers with libclang inside this JVM rather than in a child process: the",
                    "first parse is faster by a JVM's start-up, but a crash inside Clang ends dwarfbind"})
    boolean inProcess;

    @Option(names = "--clang-timeout", paramLabel = "SECONDS",
            description = "kill the Clang child process after this long (default: 60)")
    Integer timeoutSeconds;

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
