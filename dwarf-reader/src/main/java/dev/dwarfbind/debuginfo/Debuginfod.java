package dev.dwarfbind.debuginfo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How debug files missing on this machine are fetched from debuginfod servers by build-id
 * ({@code GET SERVER/buildid/ID/debuginfo}), following the conventions of elfutils' client:
 * servers from {@code DEBUGINFOD_URLS} (space-separated), the cache in
 * {@code $DEBUGINFOD_CACHE_PATH}, else {@code $XDG_CACHE_HOME/debuginfod_client}, else
 * {@code ~/.cache/debuginfod_client} (one {@code BUILDID/debuginfo} file each, an empty one
 * recording that no server has it), {@code DEBUGINFOD_TIMEOUT} seconds (default 90) to connect
 * and between bytes received, {@code DEBUGINFOD_MAXTIME} seconds for a whole download (default
 * no limit). With no server the network is never used; {@link #offline} also forbids it while
 * still reading the cache.
 *
 * @param servers  the servers, asked in order; empty: no network
 * @param cache    the cache directory
 * @param timeout  to connect, to get the response, and the longest pause between received bytes
 * @param maxTime  the longest a whole download may take, or {@link Duration#ZERO} for no limit
 * @param offline  whether the network is forbidden (the cache is still read)
 * @param progress told about downloads as they go (the CLI prints a line on stderr), or {@code null}
 */
public record Debuginfod(List<URI> servers, Path cache, Duration timeout, Duration maxTime, boolean offline,
                         DownloadListener progress) {
    /** Default {@code DEBUGINFOD_TIMEOUT}, as elfutils' client has it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    /** Told how a download goes. */
    @FunctionalInterface
    public interface DownloadListener {
        /**
         * {@code received} bytes of {@code total} ({@code -1} if the server did not say) from
         * {@code url}; called repeatedly, last with {@code done} set (success or not).
         */
        void progress(URI url, long received, long total, boolean done);
    }

    public Debuginfod {
        servers = List.copyOf(servers);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxTime, "maxTime");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
        if (maxTime.isNegative()) throw new IllegalArgumentException("maxTime must not be negative: " + maxTime);
    }

    /** The configuration the process environment gives ({@code DEBUGINFOD_*}, {@code XDG_CACHE_HOME}, {@code HOME}). */
    public static Debuginfod fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The configuration {@code env} gives.
     *
     * @throws IllegalArgumentException if a variable is malformed (a server that is not an
     *                                  http or https URL, a timeout that is not a number), naming it
     */
    public static Debuginfod fromEnvironment(Map<String, String> env) {
        var servers = new ArrayList<URI>();
        String urls = env.getOrDefault("DEBUGINFOD_URLS", "");
        for (String u : urls.trim().split("\\s+")) {
            if (!u.isEmpty()) servers.add(server(u, "DEBUGINFOD_URLS"));
        }
        Path cache = cacheDirectory(env);
        Duration timeout = seconds(env, "DEBUGINFOD_TIMEOUT", DEFAULT_TIMEOUT);
        Duration maxTime = seconds(env, "DEBUGINFOD_MAXTIME", Duration.ZERO);
        return new Debuginfod(servers, cache, timeout.isZero() ? DEFAULT_TIMEOUT : timeout, maxTime, false, null);
    }

    /**
     * A configuration that never uses the network (and still reads the environment's cache);
     * unlike {@link #fromEnvironment()} it never fails on a malformed variable.
     */
    public static Debuginfod none() {
        Path cache;
        try {
            cache = cacheDirectory(System.getenv());
        } catch (java.nio.file.InvalidPathException e) {
            cache = Path.of(System.getProperty("user.home"), ".cache", "debuginfod_client");
        }
        return new Debuginfod(List.of(), cache, DEFAULT_TIMEOUT, Duration.ZERO, true, null);
    }

    /** The client cache: {@code $DEBUGINFOD_CACHE_PATH}, else {@code $XDG_CACHE_HOME/debuginfod_client}, else {@code ~/.cache/debuginfod_client}. */
    private static Path cacheDirectory(Map<String, String> env) {
        String c = env.get("DEBUGINFOD_CACHE_PATH");
        if (c != null && !c.isBlank()) return Path.of(c);
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "debuginfod_client");
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "debuginfod_client");
    }

    /** {@code url} checked to be an http or https URL. */
    static URI server(String url, String what) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException(what + ": '" + url + "' is not an http or https URL");
        }
        return u;
    }

    private static Duration seconds(Map<String, String> env, String name, Duration absent) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return absent;
        try {
            long s = Long.parseLong(v.trim());
            if (s < 0) throw new NumberFormatException();
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + v + "' is not a number of seconds");
        }
    }

    /** Whether a download may be tried: some server is configured and the network is allowed. */
    public boolean online() {
        return !offline && !servers.isEmpty();
    }

    /** This configuration with the network forbidden (or allowed again). */
    public Debuginfod withOffline(boolean off) {
        return new Debuginfod(servers, cache, timeout, maxTime, off, progress);
    }

    /** This configuration with other servers (an opt-in without {@code DEBUGINFOD_URLS}). */
    public Debuginfod withServers(List<URI> list) {
        for (URI u : list) server(u.toString(), "server");
        return new Debuginfod(list, cache, timeout, maxTime, offline, progress);
    }

    /** This configuration with another cache directory. */
    public Debuginfod withCache(Path dir) {
        return new Debuginfod(servers, dir, timeout, maxTime, offline, progress);
    }

    /** This configuration with other timeouts ({@code maxTime} {@link Duration#ZERO}: none). */
    public Debuginfod withTimeouts(Duration connectAndIdle, Duration total) {
        return new Debuginfod(servers, cache, connectAndIdle, total, offline, progress);
    }

    /** This configuration telling {@code listener} how downloads go. */
    public Debuginfod withProgress(DownloadListener listener) {
        return new Debuginfod(servers, cache, timeout, maxTime, offline, listener);
    }

    /** What this configuration does, for messages. */
    String describe() {
        if (offline) return "debuginfod: offline (the network is forbidden; cache " + cache + ")";
        if (servers.isEmpty()) return "debuginfod: no server (set DEBUGINFOD_URLS to fetch debug files by build-id)";
        return "debuginfod: " + servers;
    }
}
