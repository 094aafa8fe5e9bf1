package dev.dwarfbind.bind;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a library file from the name a user gives: a path, a file name ({@code libz.so.1}) or a
 * short name ({@code z}), searched in {@code LD_LIBRARY_PATH} and the usual system directories.
 * dwarfbind needs the file itself (to read its debug info), not just something {@code dlopen}
 * can resolve.
 */
final class LibraryPath {
    private static final List<String> SYSTEM_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
            "/usr/local/lib");

    private LibraryPath() {
    }

    static Path find(String name) throws IOException {
        if (name.contains("/")) {
            Path p = Path.of(name);
            if (!Files.exists(p)) throw new NoSuchFileException(name);
            return p;
        }
        var dirs = new ArrayList<String>();
        String env = System.getenv("LD_LIBRARY_PATH");
        if (env != null) for (String d : env.split(":")) if (!d.isEmpty()) dirs.add(d);
        dirs.addAll(SYSTEM_DIRS);
        var candidates = name.startsWith("lib") || name.contains(".so") ? List.of(name) : List.of(name, "lib" + name + ".so");
        for (String d : dirs) {
            for (String c : candidates) {
                Path p = Path.of(d, c);
                if (Files.isRegularFile(p)) return p;
            }
        }
        // lib<name>.so.<version>: the runtime package often ships no unversioned link.
        for (String d : dirs) {
            Path dir = Path.of(d);
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "lib" + name + ".so.*")) {
                for (Path p : ds) return p;
            } catch (IOException ignored) {
                // unreadable directory: keep looking
            }
        }
        throw new NoSuchFileException(name, null, "no such library in LD_LIBRARY_PATH or " + SYSTEM_DIRS);
    }
}
