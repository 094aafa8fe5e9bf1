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
            return linkerScriptTarget(p);
        }
        var dirs = new ArrayList<String>();
        String env = System.getenv("LD_LIBRARY_PATH");
        if (env != null) for (String d : env.split(":")) if (!d.isEmpty()) dirs.add(d);
        dirs.addAll(SYSTEM_DIRS);
        var candidates = name.startsWith("lib") || name.contains(".so") ? List.of(name) : List.of(name, "lib" + name + ".so");
        for (String d : dirs) {
            for (String c : candidates) {
                Path p = Path.of(d, c);
                if (Files.isRegularFile(p)) return linkerScriptTarget(p);
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

    /** Compiled only when a linker script is met (regex classes cost start-up time). */
    private static final class Script {
        static final java.util.regex.Pattern ENTRY = java.util.regex.Pattern.compile("(/[^\\s()]+\\.so[^\\s()]*)");
    }

    /**
     * The shared object a GNU ld script names ({@code libc.so} is the text
     * {@code GROUP ( /lib/x86_64-linux-gnu/libc.so.6 ... )}): its first entry that is an ELF
     * file, as the dynamic linker would load. Any other file is returned as it is.
     */
    static Path linkerScriptTarget(Path p) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(p)) {
            head = in.readNBytes(4096);
        }
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') return p;
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!text.contains("GROUP") && !text.contains("INPUT")) return p;
        var m = Script.ENTRY.matcher(text.replaceAll("(?s)/\\*.*?\\*/", " "));
        while (m.find()) {
            Path target = Path.of(m.group(1));
            if (Files.isRegularFile(target) && isElf(target)) return target;
        }
        throw new NoSuchFileException(p.toString(), null, "a linker script naming no shared object dwarfbind can find");
    }

    private static boolean isElf(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
        }
    }
}
