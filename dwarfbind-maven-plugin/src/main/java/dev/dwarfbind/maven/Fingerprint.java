package dev.dwarfbind.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a generation depends on, as one SHA-256: the library's content (not its timestamp, which a
 * rebuild or a copy changes without changing the library), the generator's version and the
 * configuration. Stored beside the output; an equal fingerprint means the output is up to date.
 */
final class Fingerprint {
    private Fingerprint() {
    }

    /** The fingerprint of {@code library} generated with {@code configuration}. */
    static String of(Path library, String configuration) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(library)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
        }
        sha.update((byte) 0);
        sha.update(configuration.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Whether {@code stamp} holds {@code fingerprint}. */
    static boolean matches(Path stamp, String fingerprint) throws IOException {
        return Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).trim().equals(fingerprint);
    }
}
