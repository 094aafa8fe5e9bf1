package dev.dwarfbind.gen;

import dev.dwarfbind.gen.model.Member;
import dev.dwarfbind.gen.model.RecordModel;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks generated layouts with a C compiler: {@code _Static_assert}s of every record's size,
 * alignment and member offsets, taken from the compiled generated classes, compiled in a
 * translation unit that includes a fixture source. Which records a unit defines is found first
 * (a {@code sizeof} of each; the compiler rejects those it does not define); their asserts are
 * then compiled, and any error is a wrong layout.
 */
final class StaticAsserts {
    private static final Pattern ERROR = Pattern.compile("^[^:]+\\.c:(\\d+):\\d+: error: (.*)$");

    /** What was checked: C name of each asserted record. */
    final java.util.Set<String> asserted = new TreeSet<>();
    final List<String> failures = new ArrayList<>();
    /** C names not asserted (see {@link FixtureGenTest}). */
    private final java.util.Set<String> skip;
    /** C names whose alignment is not asserted (see {@link FixtureGenTest}). */
    private final java.util.Set<String> alignmentUnknown;

    StaticAsserts(java.util.Set<String> skip, java.util.Set<String> alignmentUnknown) {
        this.skip = skip;
        this.alignmentUnknown = alignmentUnknown;
    }

    /**
     * @param compiler   {@code clang-19} or {@code gcc}
     * @param sources    the fixture's C files
     * @param records    the generated records
     * @param layoutOf   the compiled class's {@code LAYOUT} of a record
     * @param offsetOf   the compiled class's {@code NAME$OFFSET} of a member
     */
    void check(String compiler, List<Path> sources, List<RecordModel> records,
               java.util.function.Function<RecordModel, MemoryLayout> layoutOf,
               java.util.function.BiFunction<RecordModel, Member, Long> offsetOf, Path dir) throws IOException, InterruptedException {
        var asserts = new LinkedHashMap<String, String>(); // assert line -> record
        for (RecordModel r : records) {
            if (r.cName().contains("{")) continue; // an anonymous record: no C name to assert on
            if (skip.contains(r.cName())) continue;
            MemoryLayout l = layoutOf.apply(r);
            String n = r.cName();
            asserts.put("_Static_assert(sizeof(" + n + ") == " + l.byteSize() + ", \"sizeof " + n + "\");", n);
            if (!alignmentUnknown.contains(n)) {
                asserts.put("_Static_assert(_Alignof(" + n + ") == " + l.byteAlignment() + ", \"_Alignof " + n + "\");", n);
            }
            for (Member m : r.members()) {
                if (m instanceof Member.Bitfield) continue; // offsetof cannot take a bitfield: checked against C-written values instead
                asserts.put("_Static_assert(offsetof(" + n + ", " + m.cName() + ") == " + offsetOf.apply(r, m) + ", \"offsetof "
                        + n + "." + m.cName() + "\");", n);
            }
        }
        var names = new ArrayList<String>(new java.util.LinkedHashSet<>(asserts.values()));
        for (Path source : sources) {
            // 1. Which records this unit defines: a sizeof of each, dropping those the compiler rejects.
            var defined = new ArrayList<>(names);
            Path probe = dir.resolve(source.getFileName() + "-probe.c");
            for (int round = 0; round < 50 && !defined.isEmpty(); round++) {
                var lines = new ArrayList<String>();
                for (int i = 0; i < defined.size(); i++) lines.add("enum { probe_" + i + " = sizeof(" + defined.get(i) + ") };");
                Compile c = compile(compiler, source, lines, probe);
                if (c.errorLines().isEmpty()) break;
                for (int i : c.errorLines().descendingKeySet()) defined.remove(i);
            }
            // 2. Their asserts: now any error is a wrong layout.
            var lines = new ArrayList<String>();
            asserts.forEach((line, record) -> {
                if (defined.contains(record)) lines.add(line);
            });
            if (lines.isEmpty()) continue;
            Compile c = compile(compiler, source, lines, dir.resolve(source.getFileName() + "-asserts.c"));
            c.errorLines().forEach((i, message) -> failures.add(compiler + " " + source.getFileName() + ": " + lines.get(i) + " -> " + message));
            if (c.exit() != 0 && c.errorLines().isEmpty()) failures.add(compiler + " failed on " + source.getFileName() + ":\n" + c.output());
            for (String l : lines) if (!c.errorLines().containsValue(l)) asserted.add(asserts.get(l));
        }
    }

    /** A compiler run: exit code, output, and the errors by index of the line they are on. */
    private record Compile(int exit, String output, java.util.TreeMap<Integer, String> errorLines) {
    }

    private static Compile compile(String compiler, Path source, List<String> lines, Path c) throws IOException, InterruptedException {
        var text = new StringBuilder("#include <stddef.h>\n#include \"" + source.toAbsolutePath() + "\"\n");
        int first = 3;
        for (String l : lines) text.append(l).append('\n');
        Files.writeString(c, text);
        String limit = compiler.startsWith("gcc") ? "-fmax-errors=0" : "-ferror-limit=0";
        Process p = new ProcessBuilder(compiler, "-fsyntax-only", "-w", "-std=gnu17", limit, c.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        var errors = new java.util.TreeMap<Integer, String>();
        for (String line : out.split("\n")) {
            Matcher m = ERROR.matcher(line);
            if (!m.matches() || !line.startsWith(c.toString())) continue;
            int at = Integer.parseInt(m.group(1)) - first;
            if (at >= 0 && at < lines.size()) errors.putIfAbsent(at, m.group(2));
        }
        return new Compile(rc, out, errors);
    }
}
