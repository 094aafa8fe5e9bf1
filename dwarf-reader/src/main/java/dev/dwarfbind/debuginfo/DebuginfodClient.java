package dev.dwarfbind.debuginfo;

import dev.dwarfbind.elf.ElfFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Fetches a debug file by build-id from debuginfod servers into the client cache, the way
 * elfutils' {@code debuginfod-find} does: {@code CACHE/BUILDID/debuginfo}, written to a temporary
 * file in the same directory and renamed into place only once complete and checked (its build-id
 * must be the one asked for), so that the cache never holds half a file; an empty file records
 * that every server answered 404, and is believed for {@code CACHE/cache_miss_s} seconds
 * (default 600), as elfutils does.
 *
 * <p>All servers are asked at once, as elfutils does: the file is taken from the first to answer
 * 200 (from the next one, if that download fails), and the others' exchanges are aborted, so a
 * server that hangs costs nothing while another has the file.
 */
final class DebuginfodClient {
    private static final Pattern BUILD_ID = Pattern.compile("[0-9a-f]{2,128}");
    private static final long DEFAULT_CACHE_MISS_SECONDS = 600;
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** What one server said. */
    private sealed interface Outcome {
        record Found(Path file) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        record Failed(String problem) implements Outcome {
        }
    }

    /**
     * What a look-up found.
     *
     * @param file  the debug file in the cache, if any
     * @param notes what was tried, for a message when nothing was found
     */
    record Result(Optional<Path> file, String notes) {
    }

    private DebuginfodClient() {
    }

    /**
     * The debug file of build-id {@code buildId}: from the cache, else (online) downloaded.
     *
     * @throws DebuginfodException if no server had it and some server failed (the message names each)
     */
    static Result find(Debuginfod cfg, String buildId) throws DebuginfodException {
        if (!BUILD_ID.matcher(buildId).matches()) {
            return new Result(Optional.empty(), "debuginfod: build-id '" + buildId + "' is not lower-case hex");
        }
        Path dir = cfg.cache().resolve(buildId);
        Path target = dir.resolve("debuginfo");
        try {
            if (Files.isRegularFile(target)) {
                long size = Files.size(target);
                if (size > 0) {
                    String problem = check(target, buildId);
                    if (problem == null) return new Result(Optional.of(target), "debuginfod cache: " + target);
                    // Not what it should be (written by another tool, damaged): fetched anew.
                    Files.deleteIfExists(target);
                    if (!cfg.online()) return new Result(Optional.empty(), "debuginfod cache: " + target + " removed: " + problem);
                } else if (fresh(cfg.cache(), target)) {
                    return new Result(Optional.empty(), "debuginfod: " + buildId + " is recorded as on no server ("
                            + target + ", " + cacheMissSeconds(cfg.cache()) + " s)");
                } else {
                    Files.deleteIfExists(target);
                }
            }
        } catch (IOException e) {
            return new Result(Optional.empty(), "debuginfod cache " + target + " unreadable: " + e.getMessage());
        }
        if (!cfg.online()) return new Result(Optional.empty(), cfg.describe() + "; not in the cache " + target);
        List<URI> servers = cfg.servers();
        var asked = new ArrayList<Asked>();
        var problems = new ArrayList<String>();
        try {
            for (URI server : servers) asked.add(ask(cfg, server, buildId));
            String[] said = new String[servers.size()];
            var pending = new ArrayList<>(asked);
            // The request's own timeout ends the wait for headers; this bounds it in case it does not fire.
            long deadline = System.nanoTime() + cfg.timeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
            while (!pending.isEmpty()) {
                Asked next = firstAnswer(pending, deadline);
                if (next == null) break;
                pending.remove(next);
                Outcome o = receive(cfg, next, buildId, dir, target);
                switch (o) {
                    case Outcome.Found f -> {
                        return new Result(Optional.of(f.file()), "debuginfod: " + next.server());
                    }
                    case Outcome.NotFound n -> said[asked.indexOf(next)] = "not found (404)";
                    case Outcome.Failed f -> said[asked.indexOf(next)] = f.problem();
                }
            }
            for (int i = 0; i < said.length; i++) {
                String what = said[i] != null ? said[i] : "no response within " + cfg.timeout().toSeconds() + " s (DEBUGINFOD_TIMEOUT)";
                problems.add(url(servers.get(i), buildId) + ": " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebuginfodException("debug file for build-id " + buildId + " not fetched: interrupted (nothing was left in the cache "
                    + dir + ")");
        } finally {
            // Aborts the exchanges still running: servers not needed, or not answering.
            for (Asked a : asked) a.client().shutdownNow();
        }
        boolean allMissing = problems.stream().allMatch(p -> p.endsWith(": not found (404)"));
        if (allMissing) {
            recordMiss(dir, target);
            return new Result(Optional.empty(), "debuginfod: " + String.join("; ", problems));
        }
        throw new DebuginfodException("debug file for build-id " + buildId + " not fetched: " + String.join("; ", problems)
                + " (nothing was left in the cache " + dir + ")");
    }

    static URI url(URI server, String buildId) {
        String base = server.toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/buildid/" + buildId + "/debuginfo");
    }

    /**
     * A request sent to one server: its client (shut down to abort the exchange), and the answer to come.
     *
     * @param start when it was sent, for the total time limit
     */
    private record Asked(URI server, HttpClient client, CompletableFuture<HttpResponse<InputStream>> answer, long start) {
    }

    /** Sends the request for {@code buildId} to {@code server}, without waiting for an answer. */
    private static Asked ask(Debuginfod cfg, URI server, String buildId) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(cfg.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(url(server, buildId)).timeout(cfg.timeout())
                .header("User-Agent", "dwarfbind").GET().build();
        return new Asked(server, client, client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()), System.nanoTime());
    }

    /** The first of {@code pending} to have its answer (or failure), or {@code null} if none has by {@code deadline}. */
    private static Asked firstAnswer(List<Asked> pending, long deadline) throws InterruptedException {
        var any = CompletableFuture.anyOf(pending.stream().map(Asked::answer).toArray(CompletableFuture[]::new));
        try {
            any.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            // One of them failed: found below like an answer.
        }
        for (Asked a : pending) if (a.answer().isDone()) return a;
        return null;
    }

    /** What {@code a}'s server answered: the file downloaded into the cache, a 404, or why not. */
    private static Outcome receive(Debuginfod cfg, Asked a, String buildId, Path dir, Path target) throws InterruptedException {
        URI url = url(a.server(), buildId);
        Path tmp = null;
        try {
            HttpResponse<InputStream> response;
            try {
                response = a.answer().get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof java.net.http.HttpTimeoutException) {
                    return new Outcome.Failed("no response within " + cfg.timeout().toSeconds() + " s (DEBUGINFOD_TIMEOUT)");
                }
                return new Outcome.Failed("request failed: " + cause);
            }
            int status = response.statusCode();
            if (status == 404) {
                response.body().close();
                return new Outcome.NotFound();
            }
            if (status != 200) {
                response.body().close();
                return new Outcome.Failed("HTTP status " + status);
            }
            long total = response.headers().firstValueAsLong("Content-Length")
                    .orElse(response.headers().firstValueAsLong("X-Debuginfod-Size").orElse(-1));
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".debuginfo.", ".part");
            String problem = download(cfg, url, response.body(), tmp, total, a.start());
            if (problem == null) problem = check(tmp, buildId);
            if (problem != null) return new Outcome.Failed(problem);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            return new Outcome.Found(target);
        } catch (IOException e) {
            return new Outcome.Failed("cannot write the cache: " + e.getMessage());
        } finally {
            a.client().shutdownNow(); // aborts an exchange still running (a server that stopped sending)
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the .part file is left, never the debuginfo file itself
                }
            }
        }
    }

    /**
     * Copies {@code body} into {@code tmp} on another thread while this one watches the clock:
     * a pause longer than the timeout, or a download longer than {@code maxTime}, ends it. The
     * reason it failed, or {@code null}.
     */
    private static String download(Debuginfod cfg, URI url, InputStream body, Path tmp, long total, long start)
            throws InterruptedException {
        var received = new AtomicLong();
        var lastData = new AtomicLong(System.nanoTime());
        var failure = new java.util.concurrent.atomic.AtomicReference<String>();
        Thread copier = Thread.ofVirtual().name("debuginfod download").start(() -> {
            try (InputStream in = body; OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    received.addAndGet(n);
                    lastData.set(System.nanoTime());
                }
            } catch (IOException e) {
                failure.compareAndSet(null, "download failed after " + received.get() + " bytes: " + e.getMessage());
            }
        });
        long idleLimit = cfg.timeout().toNanos();
        long maxNanos = cfg.maxTime().toNanos();
        long lastReport = 0;
        String problem = null;
        while (!copier.join(Duration.ofMillis(50))) {
            long now = System.nanoTime();
            if (now - lastData.get() > idleLimit) {
                problem = "no data for " + cfg.timeout().toSeconds() + " s after " + received.get() + " bytes (DEBUGINFOD_TIMEOUT)";
            } else if (maxNanos > 0 && now - start > maxNanos) {
                problem = "not complete after " + cfg.maxTime().toSeconds() + " s (DEBUGINFOD_MAXTIME)";
            }
            if (problem != null) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is only to unblock the copier
                }
                copier.interrupt();
                copier.join(Duration.ofSeconds(5));
                break;
            }
            if (cfg.progress() != null && now - lastReport > PROGRESS_INTERVAL_NANOS) {
                cfg.progress().progress(url, received.get(), total, false);
                lastReport = now;
            }
        }
        if (problem == null) problem = failure.get();
        if (problem == null && total >= 0 && received.get() != total) {
            problem = "truncated: " + received.get() + " of " + total + " bytes";
        }
        if (cfg.progress() != null) cfg.progress().progress(url, received.get(), total, true);
        return problem;
    }

    /** Why {@code file} is not the debug file of {@code buildId}, or {@code null} if it is. */
    private static String check(Path file, String buildId) {
        try {
            ElfFile elf = ElfFile.open(file);
            String theirs = elf.buildId().orElse("(none)");
            if (!theirs.equals(buildId)) return "the server sent a file whose build-id is " + theirs + ", not " + buildId;
            return null;
        } catch (IOException | RuntimeException e) {
            return "the server sent a file that is not a usable ELF file: " + e.getMessage();
        }
    }

    /** Records that no server has {@code target}: an empty file, as elfutils writes (mode 000). */
    private static void recordMiss(Path dir, Path target) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".debuginfo.", ".miss");
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.setPosixFilePermissions(target, java.util.Set.of());
            } catch (UnsupportedOperationException | IOException ignored) {
                // a file system without POSIX permissions: the empty file alone says it
            }
        } catch (IOException ignored) {
            // an unwritable cache only costs asking again next time
        }
    }

    /** Whether the empty file {@code target} is younger than the cache's {@code cache_miss_s}. */
    private static boolean fresh(Path cache, Path target) throws IOException {
        FileTime t = Files.getLastModifiedTime(target);
        return Duration.between(t.toInstant(), Instant.now()).getSeconds() < cacheMissSeconds(cache);
    }

    private static long cacheMissSeconds(Path cache) {
        try {
            Path f = cache.resolve("cache_miss_s");
            if (Files.isRegularFile(f)) return Long.parseLong(Files.readString(f).trim());
        } catch (IOException | NumberFormatException ignored) {
            // unreadable or malformed: the default, as elfutils falls back to it
        }
        return DEFAULT_CACHE_MISS_SECONDS;
    }

    /** Every place a look-up would use, for messages: the servers' URLs of {@code buildId}. */
    static List<String> urls(Debuginfod cfg, String buildId) {
        return cfg.servers().stream().map(s -> url(s, buildId).toString()).toList();
    }
}
