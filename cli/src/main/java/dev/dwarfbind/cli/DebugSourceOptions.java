package dev.dwarfbind.cli;

import dev.dwarfbind.debuginfo.Debuginfod;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import dev.dwarfbind.debuginfo.DebugInfo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that say where a stripped library's debug file comes from when it is not on this
 * machine: a Debian package ({@code --debug-package FILE.deb}), or debuginfod servers
 * ({@code DEBUGINFOD_URLS}, or {@code --debuginfod URL}) unless {@code --offline}. A download
 * prints a progress line on stderr.
 */
final class DebugSourceOptions {
    private final Path debugPackage;
    private final boolean offline;
    private final List<String> servers;

    /** The options as parsed for a command that {@link #addTo} added them to. */
    DebugSourceOptions(ParseResult parsed) {
        debugPackage = Specs.path(Specs.option(parsed, "--debug-package", null));
        offline = Specs.flag(parsed, "--offline");
        servers = Specs.repeatable(parsed, "--debuginfod");
    }

    /** Adds the options to a command. */
    static void addTo(CommandSpec spec) {
        Specs.option(spec, "--debug-package", "FILE",
                "take the debug file out of this Debian package (.deb or .ddeb, e.g. a -dbg or -dbgsym package) without installing it");
        Specs.flag(spec, "--offline", "never use the network: debug files come from this machine and the debuginfod cache only");
        Specs.repeatable(spec, "--debuginfod", "URL",
                "a debuginfod server to fetch a missing debug file from, by build-id (repeatable; added to DEBUGINFOD_URLS)");
    }

    /** Opens {@code library} with its debug info from where these options say. */
    DebugInfo open(Path library, PrintWriter err) throws IOException {
        if (debugPackage != null) return DebugInfo.open(library, debugPackage);
        return DebugInfo.open(library, List.of(), config(err));
    }

    /** The configuration: the environment's, with these options and a progress line on {@code err}. */
    Debuginfod config(PrintWriter err) {
        Debuginfod cfg;
        try {
            cfg = Debuginfod.fromEnvironment();
            var all = new ArrayList<>(cfg.servers());
            for (String s : servers) all.add(URI.create(s));
            cfg = cfg.withServers(all);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return cfg.withOffline(offline).withProgress((url, received, total, done) -> {
            String size = total >= 0 ? kib(received) + " of " + kib(total) : kib(received);
            err.print("\rdwarfbind: downloading " + url + ": " + size + (done ? "\n" : ""));
            err.flush();
        });
    }

    private static String kib(long bytes) {
        return (bytes + 1023) / 1024 + " KiB";
    }
}
