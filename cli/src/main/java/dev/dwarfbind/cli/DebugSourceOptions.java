package dev.dwarfbind.cli;

import dev.dwarfbind.debuginfo.Debuginfod;
import picocli.CommandLine.Option;

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
    @Option(names = "--debug-package", paramLabel = "FILE",
            description = "take the debug file out of this Debian package (.deb or .ddeb, e.g. a -dbg or -dbgsym package) without installing it")
    Path debugPackage;

    @Option(names = "--offline", description = "never use the network: debug files come from this machine and the debuginfod cache only")
    boolean offline;

    @Option(names = "--debuginfod", paramLabel = "URL",
            description = "a debuginfod server to fetch a missing debug file from, by build-id (repeatable; added to DEBUGINFOD_URLS)")
    List<String> servers = new ArrayList<>();

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
