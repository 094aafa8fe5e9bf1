package dev.dwarfbind.headers.isolation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a process wrote to a stream, at most a limit of them: a worker that loops printing
 * must not fill this JVM's memory. Thread-safe (one thread appends, another reads).
 */
final class BoundedText {
    private final int limit;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    BoundedText(int limit) {
        this.limit = limit;
    }

    synchronized void append(byte[] b, int n) {
        bytes.write(b, 0, n);
        if (bytes.size() > 2 * limit) {
            byte[] all = bytes.toByteArray();
            bytes = new ByteArrayOutputStream();
            bytes.write(all, all.length - limit, limit);
        }
    }

    /** Forgets what was written so far (a new parse begins). */
    synchronized void reset() {
        bytes.reset();
    }

    /** The text kept, at most the last {@code limit} bytes of it, decoded as UTF-8. */
    synchronized String text() {
        byte[] all = bytes.toByteArray();
        int from = Math.max(0, all.length - limit);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
