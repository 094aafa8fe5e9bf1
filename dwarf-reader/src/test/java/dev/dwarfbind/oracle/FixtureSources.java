package dev.dwarfbind.oracle;

import dev.dwarfbind.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The C sources of the fixture libraries ({@code fixtures/<name>/*.c}), read to learn which
 * libraries exist and which functions they define as {@code static} or hidden: those must not
 * be exported, whatever their DWARF says.
 */
public final class FixtureSources {
    /** The first identifier directly followed by "(" in a declaration: the declared function. */
    private static final Pattern FUNCTION_NAME = Pattern.compile("^[^=;\\[{]*?\\b([A-Za-z_]\\w*)\\(");
    private static final Set<String> NOT_NAMES = Set.of("sizeof", "__typeof__", "typeof", "_Alignas", "_Atomic",
            "__attribute__", "alignof", "_Alignof");

    private FixtureSources() {
    }

    /** The repository's fixtures/ directory: next to the build directory. */
    public static Path root() {
        Path dir = Fixtures.buildDir().getParent().resolve("fixtures");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: the fixture sources live next to the build directory"
                    + " (-Ddwarfbind.build=<repo>/build)");
        }
        return dir;
    }

    /** The fixture libraries, as scripts/build-fixtures finds them: every fixtures/NAME/ with a .c file. */
    public static List<String> libraries() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).filter(d -> sources(d).findAny().isPresent()).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Functions a library's sources define {@code static} or with {@code visibility("hidden")}:
     * lines that start with {@code static}, or carry the hidden attribute, and declare a function
     * (an identifier directly followed by {@code (} before any {@code =}, {@code [} or {@code ;}).
     * {@code static void (*f)(int);} is a variable and is not listed.
     */
    public static Set<String> localFunctions(String library) {
        var out = new TreeSet<String>();
        try (Stream<Path> files = sources(root().resolve(library))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(f)) {
                    String s = stripAttributes(line).strip();
                    // Attributes may come before "static" (__attribute__((constructor)) static void f(void)).
                    boolean isStatic = s.startsWith("static ");
                    boolean isHidden = line.contains("visibility(\"hidden\")");
                    if (!isStatic && !isHidden) continue;
                    Matcher m = FUNCTION_NAME.matcher(s);
                    if (m.find() && !NOT_NAMES.contains(m.group(1))) out.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Stream<Path> sources(Path dir) {
        try {
            var list = new ArrayList<Path>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().forEach(list::add);
            }
            return list.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code __attribute__((...))} groups (from C source, and from what pahole prints). */
    static String stripAttributes(String s) {
        var sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int a = s.indexOf("__attribute__", i);
            if (a < 0) {
                sb.append(s, i, s.length());
                break;
            }
            sb.append(s, i, a);
            int j = s.indexOf('(', a);
            if (j < 0) break;
            int depth = 0;
            for (; j < s.length(); j++) {
                if (s.charAt(j) == '(') depth++;
                else if (s.charAt(j) == ')' && --depth == 0) break;
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
