package dev.dwarfbind.debuginfo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debuginfod client against servers that misbehave ({@code com.sun.net.httpserver}): 404,
 * an error status, no answer, a pause in the middle of the body, a truncated body, a file with
 * another build-id. Each gives an error naming the server and the problem and leaves nothing
 * half-written in the cache; a 404 is remembered (an empty file, as elfutils' client writes) and
 * not asked again. The happy path against Debian's real {@code debuginfod} is the loader's
 * {@code DebuginfodTest}.
 */
class DebuginfodFailureTest {
    private static final String FLAVOUR = "gcc-dwarf5-O2-bfd";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Handler handler;
    private Path stripped;
    private Path debugFile;
    private String buildId;

    /** What the test server does with a request for {@code /buildid/ID/debuginfo}. */
    private interface Handler {
        void handle(HttpExchange ex) throws Exception;
    }

    @BeforeEach
    void start() throws Exception {
        Path lib = Fixtures.library(FLAVOUR, "demo");
        buildId = ElfFile.open(lib).buildId().orElseThrow();
        stripped = tmp.resolve("lib").resolve("libdemo.so");
        Files.createDirectories(stripped.getParent());
        run("strip", "--strip-debug", "-o", stripped.toString(), lib.toString());
        debugFile = tmp.resolve("libdemo.debug");
        run("objcopy", "--only-keep-debug", lib.toString(), debugFile.toString());
        server = startServer(ex -> handler.handle(ex), requests);
    }

    /** A server on loopback answering every request with {@code answer}, counting them in {@code asked}. */
    private static HttpServer startServer(Handler answer, AtomicInteger asked) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            asked.incrementAndGet();
            try {
                answer.handle(ex);
            } catch (Exception e) {
                // the client gave up: expected in the hang tests
            } finally {
                ex.close();
            }
        });
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Debuginfod config() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return Debuginfod.fromEnvironment(Map.of("DEBUGINFOD_URLS", url.toString(), "DEBUGINFOD_CACHE_PATH", cache().toString(),
                "DEBUGINFOD_TIMEOUT", "1"));
    }

    private Path cache() {
        return tmp.resolve("cache");
    }

    /** Every regular file under the cache. */
    private List<Path> cacheFiles() throws IOException {
        if (!Files.exists(cache())) return List.of();
        try (Stream<Path> s = Files.walk(cache())) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }

    /** Announces the whole debug file and sends the first {@code 1/fraction} of it. */
    private void sendPart(HttpExchange ex, int fraction) throws IOException {
        byte[] body = Files.readAllBytes(debugFile);
        ex.sendResponseHeaders(200, body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, body.length / fraction);
        out.flush();
    }

    private void serve(Path file) {
        handler = sending(file);
    }

    /** Answers 200 with the whole of {@code file}. */
    private static Handler sending(Path file) {
        return ex -> {
            byte[] body = Files.readAllBytes(file);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        };
    }

    @Test
    void fetchesOnceThenReadsTheCache() throws Exception {
        serve(debugFile);
        var progress = new ArrayList<Long>();
        Debuginfod cfg = config().withProgress((url, received, total, done) -> {
            if (done) progress.add(received);
        });
        DebugInfo fetched = DebugInfo.open(stripped, List.of(), cfg);
        assertEquals(cache().resolve(buildId).resolve("debuginfo"), fetched.debugFile());
        assertEquals(List.of(Files.size(debugFile)), progress, "one download, reported done with every byte");
        assertEquals(json(DebugInfo.open(Fixtures.library(FLAVOUR, "demo"))), json(fetched));
        DebugInfo again = DebugInfo.open(stripped, List.of(), cfg.withOffline(true));
        assertEquals(json(fetched), json(again));
        assertEquals(1, requests.get(), "the second open reads the cache");
        assertEquals(List.of(cache().resolve(buildId).resolve("debuginfo")), cacheFiles());
    }

    @Test
    void notFoundIsRememberedAsElfutilsDoes() throws Exception {
        handler = ex -> ex.sendResponseHeaders(404, -1);
        var e = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        assertTrue(e.getMessage().contains("/buildid/" + buildId + "/debuginfo: not found (404)"), e.getMessage());
        Path marker = cache().resolve(buildId).resolve("debuginfo");
        assertEquals(List.of(marker), cacheFiles());
        assertEquals(0, Files.size(marker), "an empty file records the miss");
        var again = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        assertTrue(again.getMessage().contains("recorded as on no server"), again.getMessage());
        assertEquals(1, requests.get(), "a recorded miss is not asked again");
        Files.writeString(cache().resolve("cache_miss_s"), "0");
        assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        assertEquals(2, requests.get(), "an expired miss is asked again");
    }

    @Test
    void errorStatus() throws Exception {
        handler = ex -> ex.sendResponseHeaders(503, -1);
        var e = assertThrows(DebuginfodException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        assertTrue(e.getMessage().contains("HTTP status 503"), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void noAnswerTimesOut() throws Exception {
        handler = ex -> Thread.sleep(30_000);
        long start = System.nanoTime();
        var e = assertThrows(DebuginfodException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        assertTrue(e.getMessage().contains("no response within 1 s (DEBUGINFOD_TIMEOUT)"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "gave up near the timeout");
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void pauseInTheBodyTimesOut() throws Exception {
        handler = ex -> {
            sendPart(ex, 2);
            Thread.sleep(30_000);
        };
        var e = assertThrows(DebuginfodException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        assertTrue(e.getMessage().contains("no data for 1 s"), e.getMessage());
        assertEquals(List.of(), cacheFiles(), "the partial download is deleted");
    }

    @Test
    void totalTimeLimit() throws Exception {
        handler = ex -> {
            byte[] body = Files.readAllBytes(debugFile);
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < body.length; i += 64) {  // a byte trickle: never idle, never done
                out.write(body, i, Math.min(64, body.length - i));
                out.flush();
                Thread.sleep(200);
            }
        };
        Debuginfod cfg = config().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));
        var e = assertThrows(DebuginfodException.class, () -> DebugInfo.open(stripped, List.of(), cfg));
        assertTrue(e.getMessage().contains("not complete after 2 s (DEBUGINFOD_MAXTIME)"), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void truncatedBody() throws Exception {
        // closing the exchange after a third ends the connection short of Content-Length
        handler = ex -> sendPart(ex, 3);
        var e = assertThrows(DebuginfodException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("download failed after"), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void wrongBuildId() throws Exception {
        serve(Fixtures.library("clang-dwarf5-O0-lld", "demo"));
        var e = assertThrows(DebuginfodException.class, () -> DebugInfo.open(stripped, List.of(), config()));
        String other = ElfFile.open(Fixtures.library("clang-dwarf5-O0-lld", "demo")).buildId().orElseThrow();
        assertTrue(e.getMessage().contains("build-id is " + other + ", not " + buildId), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void damagedCacheFileIsReplaced() throws Exception {
        Path cached = Files.createDirectories(cache().resolve(buildId)).resolve("debuginfo");
        Files.write(cached, Files.readAllBytes(debugFile), java.nio.file.StandardOpenOption.CREATE);
        Files.write(cached, new byte[100], java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);  // a killed writer
        serve(debugFile);
        DebugInfo info = DebugInfo.open(stripped, List.of(), config());
        assertEquals(Files.size(debugFile), Files.size(cached));
        assertTrue(info.typeSystem().function("add").isPresent());
        Files.write(cached, new byte[100], java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        var e = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(stripped, List.of(), config().withOffline(true)));
        assertTrue(e.getMessage().contains("removed"), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void offlineNeverAsks() throws Exception {
        serve(debugFile);
        var e = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(stripped, List.of(), config().withOffline(true)));
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertEquals(0, requests.get());
        var none = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(stripped, List.of(),
                Debuginfod.fromEnvironment(Map.of("DEBUGINFOD_CACHE_PATH", cache().toString()))));
        assertTrue(none.getMessage().contains("set DEBUGINFOD_URLS"), none.getMessage());
        assertEquals(0, requests.get());
    }

    private Debuginfod twoServers(HttpServer first, HttpServer second, int timeoutSeconds) {
        return Debuginfod.fromEnvironment(Map.of("DEBUGINFOD_URLS",
                "http://127.0.0.1:" + first.getAddress().getPort() + "/ http://127.0.0.1:" + second.getAddress().getPort() + "/",
                "DEBUGINFOD_CACHE_PATH", cache().toString(), "DEBUGINFOD_TIMEOUT", String.valueOf(timeoutSeconds)));
    }

    /**
     * Servers are asked at once, as elfutils does: the first one hanging does not hold up the
     * second one's file (the timeout is far longer than the test is allowed to take), and its
     * exchange is aborted once the file is in.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void serversAreAskedAtOnceAndAHangingOneIsNotWaitedFor() throws Exception {
        handler = ex -> Thread.sleep(600_000);
        var asked = new AtomicInteger();
        HttpServer second = startServer(sending(debugFile), asked);
        try {
            DebugInfo fetched = DebugInfo.open(stripped, List.of(), twoServers(server, second, 300));
            assertEquals(cache().resolve(buildId).resolve("debuginfo"), fetched.debugFile());
            assertTrue(fetched.typeSystem().function("add").isPresent());
            assertEquals(1, requests.get(), "the hanging server was asked too");
            assertEquals(1, asked.get());
            assertEquals(List.of(cache().resolve(buildId).resolve("debuginfo")), cacheFiles());
        } finally {
            second.stop(0);
        }
    }

    /**
     * The first server to answer sends another library's file; the file is then taken from the
     * next server that has it. When every server fails, the message names each in the order of
     * DEBUGINFOD_URLS.
     */
    @Test
    void aBadAnswerFallsBackToTheNextServer() throws Exception {
        serve(Fixtures.library("clang-dwarf5-O0-lld", "demo"));
        var asked = new AtomicInteger();
        HttpServer second = startServer(ex -> {
            Thread.sleep(300);   // answers after the first
            sending(debugFile).handle(ex);
        }, asked);
        try {
            DebugInfo fetched = DebugInfo.open(stripped, List.of(), twoServers(server, second, 5));
            assertEquals(json(DebugInfo.open(Fixtures.library(FLAVOUR, "demo"))), json(fetched));
            assertEquals(List.of(cache().resolve(buildId).resolve("debuginfo")), cacheFiles());
        } finally {
            second.stop(0);
        }
        Files.delete(cache().resolve(buildId).resolve("debuginfo"));
        HttpServer failing = startServer(ex -> ex.sendResponseHeaders(503, -1), asked);
        try {
            var e = assertThrows(DebuginfodException.class, () -> DebugInfo.open(stripped, List.of(), twoServers(server, failing, 5)));
            String m = e.getMessage();
            int first = m.indexOf(":" + server.getAddress().getPort() + "/buildid/");
            int next = m.indexOf(":" + failing.getAddress().getPort() + "/buildid/");
            assertTrue(first >= 0 && next > first && m.contains("build-id is ") && m.contains("HTTP status 503"), m);
            assertEquals(List.of(), cacheFiles());
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void malformedEnvironment() {
        var e = assertThrows(IllegalArgumentException.class, () -> Debuginfod.fromEnvironment(Map.of("DEBUGINFOD_URLS", "ftp://x/")));
        assertTrue(e.getMessage().contains("DEBUGINFOD_URLS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Debuginfod.fromEnvironment(Map.of("DEBUGINFOD_TIMEOUT", "soon")));
        assertEquals(Path.of("/x/debuginfod_client"), Debuginfod.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x")).cache());
        assertEquals(Path.of("/h/.cache/debuginfod_client"), Debuginfod.fromEnvironment(Map.of("HOME", "/h")).cache());
    }

    private static String json(DebugInfo info) throws Exception {
        var w = new StringWriter();
        TypeSystemJson.write(info.typeSystem(), w);
        return w.toString();
    }
}
