package dev.dwarfbind.bind.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader's layering, read from the compiled classes' constant pools: the machinery
 * ({@code dev.dwarfbind.bind.internal.*}) uses no class of the public API package
 * ({@code dev.dwarfbind.bind}), and the exceptions ({@code dev.dwarfbind.bind.error}) use neither.
 */
class LayeringTest {
    private static final String API = "dev/dwarfbind/bind/";

    @Test
    void machineryDoesNotUseTheApi() throws IOException, URISyntaxException {
        Path classes = Path.of(LayeringTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("classes").resolve("dev/dwarfbind/bind");
        var internal = classFiles(classes.resolve("internal"));
        var errors = classFiles(classes.resolve("error"));
        assertTrue(internal.size() >= 20, "internal classes found: " + internal.size());
        var offending = new TreeSet<String>();
        for (Path p : internal) {
            for (String used : usedClasses(p)) {
                if (isApi(used)) offending.add(classes.relativize(p) + " uses " + used);
            }
        }
        for (Path p : errors) {
            for (String used : usedClasses(p)) {
                if (isApi(used) || used.startsWith(API + "internal/")) offending.add(classes.relativize(p) + " uses " + used);
            }
        }
        assertEquals(List.of(), List.copyOf(offending));
    }

    /** A class of the API package itself (not of a subpackage). */
    private static boolean isApi(String internalName) {
        return internalName.startsWith(API) && internalName.indexOf('/', API.length()) < 0;
    }

    private static List<Path> classFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }

    private static List<String> usedClasses(Path classFile) throws IOException {
        ClassModel m = ClassFile.of().parse(Files.readAllBytes(classFile));
        var out = new ArrayList<String>();
        for (PoolEntry e : m.constantPool()) {
            if (e instanceof ClassEntry c) out.add(c.asInternalName());
        }
        // Descriptors name classes too (fields, methods, method types).
        for (PoolEntry e : m.constantPool()) {
            if (e instanceof java.lang.classfile.constantpool.Utf8Entry u) {
                String s = u.stringValue();
                int i = s.indexOf("L" + API);
                while (i >= 0) {
                    int end = s.indexOf(';', i);
                    if (end < 0) break;
                    out.add(s.substring(i + 1, end));
                    i = s.indexOf("L" + API, end);
                }
            }
        }
        return out;
    }
}
