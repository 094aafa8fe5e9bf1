package dev.dwarfbind.bind;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.Debuginfod;
import dev.dwarfbind.debuginfo.MacroScope;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.sidecar.Compression;
import dev.dwarfbind.sidecar.SidecarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stripped library typed and called through Debian's real {@code debuginfod} server, started on
 * a loopback port over a directory holding the library's debug file (split off with
 * {@code objcopy --only-keep-debug}), a stripped copy, and a light-DWARF sidecar of another
 * library: the first open downloads each into the client cache, a second works offline from it.
 * (Misbehaving servers: {@code DebuginfodFailureTest} in dwarf-reader.)
 */
class DebuginfodTest {
    @TempDir
    Path tmp;

    @Test
    void strippedLibrariesThroughARealDebuginfod() throws Exception {
        Path original = LoaderFixtures.library("gcc-dwarf5-O2-bfd", "demo");
        Path served = Files.createDirectories(tmp.resolve("served"));
        Path lib = Files.createDirectories(tmp.resolve("lib")).resolve("libdemo.so");
        run("objcopy", "--only-keep-debug", original.toString(), served.resolve("libdemo.debug").toString());
        run("strip", "--strip-debug", "-o", lib.toString(), original.toString());
        Files.copy(lib, served.resolve("libdemo.so"));
        // A sidecar is served like any debug file: it is an ELF file with .debug_info and the build-id.
        Path other = LoaderFixtures.library("gcc-dwarf4-O0-lld", "calls");
        Path otherLib = tmp.resolve("lib").resolve("libcalls.so");
        run("strip", "--strip-debug", "-o", otherLib.toString(), other.toString());
        SidecarWriter.write(DebugInfo.open(other), served.resolve("libcalls.sidecar"), Compression.NONE);

        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder("debuginfod", "-p", Integer.toString(port), "-d", tmp.resolve("db.sqlite").toString(),
                "-F", served.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("debuginfod.log").toFile()).start();
        String url = "http://127.0.0.1:" + port;
        Path cache = tmp.resolve("cache");
        Debuginfod cfg = Debuginfod.fromEnvironment(Map.of("DEBUGINFOD_URLS", url, "DEBUGINFOD_CACHE_PATH", cache.toString(),
                "DEBUGINFOD_TIMEOUT", "20"));
        var downloads = new ArrayList<String>();
        cfg = cfg.withProgress((u, received, total, done) -> {
            if (done) downloads.add(u.getPath());
        });
        String id = ElfFile.open(original).buildId().orElseThrow();
        String otherId = ElfFile.open(other).buildId().orElseThrow();
        try {
            awaitIndexed(url, List.of(id, otherId));
            try (Library demo = Library.open(lib, cfg, MacroScope.LIBRARY)) {
                assertEquals(9, demo.function("add").invoke(4, 5));
            }
            try (Library calls = Library.open(otherLib, cfg, MacroScope.LIBRARY)) {
                assertTrue(calls.types().functions().size() > 5, "typed by the served sidecar");
            }
            assertEquals(List.of("/buildid/" + id + "/debuginfo", "/buildid/" + otherId + "/debuginfo"), downloads);
            assertTrue(Files.size(cache.resolve(id).resolve("debuginfo")) > 0);
        } finally {
            server.destroy();
            server.waitFor();
        }
        // The server is gone: offline, from the cache.
        try (Library demo = Library.open(lib, cfg.withOffline(true), MacroScope.LIBRARY)) {
            assertEquals(9, demo.function("add").invoke(4, 5));
        }
        Path fresh = tmp.resolve("empty-cache");
        var e = assertThrows(NoDebugInfoException.class, () -> Library.open(lib,
                Debuginfod.fromEnvironment(Map.of("DEBUGINFOD_CACHE_PATH", fresh.toString())).withOffline(true), MacroScope.LIBRARY));
        assertTrue(e.getMessage().contains("offline") || e.getMessage().contains("DEBUGINFOD_URLS"), e.getMessage());
    }

    /** Waits until the server has scanned its directory and serves every build-id in {@code ids} (GET: 0.188 answers no HEAD). */
    private static void awaitIndexed(String url, List<String> ids) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String id : ids) {
            while (true) {
                try {
                    var r = client.send(HttpRequest.newBuilder(URI.create(url + "/buildid/" + id + "/debuginfo"))
                            .GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) break;
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) throw new AssertionError("debuginfod did not serve " + id + " within 60 s");
                Thread.sleep(200);
            }
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
