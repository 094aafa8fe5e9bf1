package dev.dwarfbind.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin's up-to-date check: the library's bytes and the configuration count, its timestamp does not. */
class FingerprintTest {
    @TempDir
    Path tmp;

    @Test
    void contentAndConfigurationDecide() throws Exception {
        Path lib = Files.write(tmp.resolve("libx.so"), new byte[]{1, 2, 3});
        String f = Fingerprint.of(lib, "package a");
        Files.setLastModifiedTime(lib, FileTime.fromMillis(0));
        assertEquals(f, Fingerprint.of(lib, "package a"), "a touched library with the same bytes is unchanged");
        assertNotEquals(f, Fingerprint.of(lib, "package b"), "another configuration");
        Files.write(lib, new byte[]{1, 2, 4});
        assertNotEquals(f, Fingerprint.of(lib, "package a"), "another library");

        Path stamp = tmp.resolve("stamp");
        assertFalse(Fingerprint.matches(stamp, f), "no stamp yet");
        Files.writeString(stamp, f + "\n");
        assertTrue(Fingerprint.matches(stamp, f));
        assertFalse(Fingerprint.matches(stamp, Fingerprint.of(lib, "package a")));
    }
}
