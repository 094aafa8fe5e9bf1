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
 * translation unit that includes a fixture source. A unit that does not define a record makes the
 * compiler reject its asserts with another error (incomplete type); those lines are dropped and
 * the unit compiled again, so what remains are the records it defines. A failed assertion is a
 * wrong layout.
 */
final class StaticAsserts {
    private static final Pattern ERROR = Pattern.compile("^[^:]+\\.c:(\\d+):\\d+: error: (.*)$");

    /** What was checked: C name of each asserted record. */
    final java.util.Set<String> asserted = new TreeSet<>();
    final List<String> failures = new ArrayList<>();
    /** C names not asserted (see {@link FixtureGenTest}). */
    private final java.util.Set<String> skip;

    StaticAsserts(java.util.Set<String> skip) {
        this.skip = skip;
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
            asserts.put("_Static_assert(_Alignof(" + n + ") == " + l.byteAlignment() + ", \"_Alignof " + n + "\");", n);
            for (Member m : r.members()) {
                if (m instanceof Member.Bitfield) continue; // offsetof cannot take a bitfield: checked against C-written values instead
                asserts.put("_Static_assert(offsetof(" + n + ", " + m.cName() + ") == " + offsetOf.apply(r, m) + ", \"offsetof "
                        + n + "." + m.cName() + "\");", n);
            }
        }
        for (Path source : sources) {
            var lines = new ArrayList<>(asserts.keySet());
            Path c = dir.resolve(source.getFileName() + "-asserts.c");
            for (int round = 0; round < 50 && !lines.isEmpty(); round++) {
                var text = new StringBuilder("#include <stddef.h>\n#include \"" + source.toAbsolutePath() + "\"\n");
                int first = 3;
                for (String l : lines) text.append(l).append('\n');
                Files.writeString(c, text);
                String limit = compiler.startsWith("gcc") ? "-fmax-errors=0" : "-ferror-limit=0";
                Process p = new ProcessBuilder(compiler, "-fsyntax-only", "-w", "-std=gnu17", limit, c.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                int rc = p.waitFor();
                if (rc == 0) break;
                var drop = new TreeSet<Integer>();
                for (String line : out.split("\n")) {
                    Matcher m = ERROR.matcher(line);
                    if (!m.matches() || !line.startsWith(c.toString())) continue;
                    int at = Integer.parseInt(m.group(1)) - first;
                    if (at < 0 || at >= lines.size()) continue;
                    // clang: "static assertion failed due to requirement ..."; gcc: "static assertion failed: ...".
                    // Other errors (an incomplete type, gcc's "not an integer" for one) mean the unit does not define it.
                    if (m.group(2).startsWith("static assertion failed")) {
                        failures.add(compiler + " " + source.getFileName() + ": " + lines.get(at) + " -> " + m.group(2));
                    }
                    drop.add(at);
                }
                if (drop.isEmpty()) throw new AssertionError(compiler + " failed on " + c + " without an error on an assert line:\n" + out);
                for (int i : drop.descendingSet()) lines.remove(i);
            }
            for (String l : lines) asserted.add(asserts.get(l));
        }
    }
}
