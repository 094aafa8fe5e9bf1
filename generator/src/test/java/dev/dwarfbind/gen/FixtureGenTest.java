package dev.dwarfbind.gen;

import dev.dwarfbind.bind.Library;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.gen.model.Member;
import dev.dwarfbind.gen.model.Mode;
import dev.dwarfbind.gen.model.RecordModel;
import dev.dwarfbind.types.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemoryLayout;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture library of every flavour: bindings generated, compiled with
 * {@code javac -Xlint:all -Werror}, their struct layouts checked against the compiler's
 * {@code _Static_assert}s and the loader's layouts; libtypes' bitfields and enums used from Java
 * against values C wrote.
 */
class FixtureGenTest {
    private static final List<String> LIBS = List.of("demo", "types", "calls", "callconv", "symbols");

    @TempDir
    Path tmp;

    static List<String> flavours() throws Exception {
        Path list = Compiled.build().resolve("fixtures/flavours.txt");
        if (!Files.isRegularFile(list)) throw new IllegalStateException(list + " is missing: run scripts/build-fixtures first");
        return Files.readAllLines(list).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void everyFixtureOfEveryFlavourCompilesAndLaysOutAsC() throws Exception {
        Path src = tmp.resolve("src");
        var results = new LinkedHashMap<String, Generator.Result>(); // package -> result
        var libraries = new LinkedHashMap<String, Path>();
        for (String flavour : flavours()) {
            for (String lib : LIBS) {
                String pkg = "gen." + flavour.replace('-', '_') + "." + lib;
                Path so = Compiled.fixture(flavour, lib);
                Generator.Result r = Generator.generate(DebugInfo.open(so), new GenOptions(pkg, null, List.of(), List.of(),
                        lib.equals("calls") ? Mode.BOUND : Mode.STANDALONE, null));
                r.writeTo(src);
                results.put(pkg, r);
                libraries.put(pkg, so);
            }
        }
        var files = new ArrayList<Path>();
        try (Stream<Path> s = Files.walk(src)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Compiled.compile(files, classes, System.getProperty("java.class.path"));

        try (var loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            var failures = new ArrayList<String>();
            int asserted = 0;
            for (var e : results.entrySet()) {
                String pkg = e.getKey();
                String lib = pkg.substring(pkg.lastIndexOf('.') + 1);
                String flavour = pkg.split("\\.")[1];
                if (lib.equals("symbols") || lib.equals("callconv")) continue;
                List<RecordModel> records = e.getValue().binding().records();
                var layouts = new LinkedHashMap<RecordModel, MemoryLayout>();
                for (RecordModel r : records) {
                    layouts.put(r, (MemoryLayout) loader.loadClass(pkg + "." + r.javaName()).getField("LAYOUT").get(null));
                }
                var sources = new ArrayList<Path>();
                try (Stream<Path> s = Files.list(Path.of("../fixtures", lib))) {
                    s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(sources::add);
                }
                // Two different records of one tag (libtypes' struct local_conf of unit_a.c and of
                // unit_b.c) are each defined by one unit only: the C name cannot say which is meant.
                var tags = new java.util.HashMap<String, Integer>();
                for (var t : DebugInfo.open(libraries.get(pkg)).typeSystem().types()) {
                    if (t instanceof RecordType rt && rt.complete() && rt.tag() != null) tags.merge(rt.kind().keyword() + " " + rt.tag(), 1, Integer::sum);
                }
                var ambiguous = new java.util.HashSet<String>();
                tags.forEach((n, count) -> {
                    if (count > 1) ambiguous.add(n);
                });
                var skip = new java.util.HashSet<>(ambiguous);
                // Neither compiler records its alignment, and a member below its natural alignment
                // makes the reader infer a packed record (alignment 1); C's is 2 (its short member).
                // A known reader limit (README); its size and offsets are asserted.
                var check = new StaticAsserts(skip, java.util.Set.of("struct packed_member_only"));
                Path dir = Files.createDirectories(tmp.resolve("asserts").resolve(pkg));
                check.check(flavour.startsWith("gcc") ? "gcc" : "clang-19", sources, records, layouts::get,
                        (r, m) -> offset(loader, pkg, r, m), dir);
                failures.addAll(check.failures);
                asserted += check.asserted.size();
                String text = String.join("\n", sources.stream().map(FixtureGenTest::read).toList());
                for (RecordModel r : records) {
                    String tag = r.cName().replaceFirst("^(struct|union) ", "");
                    boolean defined = text.matches("(?s).*\\b" + java.util.regex.Pattern.quote(tag) + "\\s*\\{.*")
                            || text.matches("(?s).*}\\s*" + java.util.regex.Pattern.quote(tag) + "\\s*;.*");
                    if (defined && !skip.contains(r.cName()) && !r.cName().contains("{") && !check.asserted.contains(r.cName())) {
                        failures.add(pkg + ": " + r.cName() + " is defined in the fixture but no unit asserted its layout");
                    }
                }
                // The loader lays every record out the same way.
                try (Library l = Library.open(libraries.get(pkg))) {
                    for (RecordModel r : records) {
                        if (r.cName().contains("{") || !l.types().typeNamed(r.cName()).isPresent()) continue;
                        if (ambiguous.contains(r.cName())) continue; // the loader's lookup finds one of them
                        if (!l.layout(r.cName()).equals(layouts.get(r))) failures.add(pkg + ": " + r.cName() + " differs from the loader's layout");
                    }
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            assertTrue(asserted > 28 * 30, "asserted the layouts of " + asserted + " records");
        }
    }

    private static long offset(ClassLoader loader, String pkg, RecordModel r, Member m) {
        try {
            return loader.loadClass(pkg + "." + r.javaName()).getField(m.javaName() + "$OFFSET").getLong(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(pkg + "." + r.javaName() + " has no offset of " + m.javaName(), e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf4-O0-bfd", "gcc-dwarf2-O0-bfd", "gcc-dwarf5-O2-bfd-dwz"})
    void bitfieldsAndEnumsAgreeWithC(String flavour) throws Exception {
        Compiled c = Compiled.of(Compiled.fixture(flavour, "types"), GenOptions.of("gen.types", "Types"), "types", tmp, false);
        c.run("gen.types.TypesUsage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang-dwarf5-O2-lld", "gcc-dwarf5-O0-bfd"})
    void demoInBothModes(String flavour) throws Exception {
        for (Mode mode : Mode.values()) {
            Path dir = tmp.resolve(mode.name());
            Compiled c = Compiled.of(Compiled.fixture(flavour, "demo"), GenOptions.of("gen.demo", "Demo").withMode(mode).withErrno("parse_int"), "demo", dir, false);
            c.run("gen.demo.DemoUsage");
            assertEquals(mode == Mode.BOUND, c.source("gen/demo/Demo.java").contains("dev.dwarfbind.bind.Library"), mode.name());
        }
    }
}
