package dev.dwarfbind.cli;

import dev.dwarfbind.debuginfo.Debuginfod;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that say where a stripped library's debug file may be fetched from: debuginfod
 * servers ({@code DEBUGINFOD_URLS}, or {@code --debuginfod URL}) unless {@code --offline}. A
 * download prints a progress line on stderr.
 */
final class DebuginfodOptions {
    @Option(names = "--offline", description = "never use the network: debug files come from this machine and the debuginfod cache only")
    boolean offline;

    @Option(names = "--debuginfod", paramLabel = "URL",
            description = "a debuginfod server to fetch a missing debug file from, by build-id (repeatable; added to DEBUGINFOD_URLS)")
    List<String> servers = new ArrayList<>();

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
