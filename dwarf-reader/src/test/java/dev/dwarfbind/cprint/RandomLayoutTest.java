package dev.dwarfbind.cprint;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Differential test of the layout planner: random structs and unions (packed and aligned members
 * and records, bitfields including packed, unnamed and zero-width ones, nested records, arrays) are
 * compiled and run with GCC to learn their real layout; a type system is built from what a DWARF
 * reader would see (no unnamed bitfields, {@code packed} inferred from the offsets); then the
 * printed header must reproduce that layout under both compilers.
 */
class RandomLayoutTest {
    private static final Target TARGET = SampleTypeSystem.X86_64_LINUX;
    private static final String[][] SCALARS = {
            {"char", "CHAR", "1"}, {"signed char", "SIGNED_CHAR", "1"}, {"unsigned char", "UNSIGNED_CHAR", "1"},
            {"short", "SIGNED", "2"}, {"unsigned short", "UNSIGNED", "2"}, {"int", "SIGNED", "4"},
            {"unsigned int", "UNSIGNED", "4"}, {"long", "SIGNED", "8"}, {"unsigned long", "UNSIGNED", "8"},
            {"long long", "SIGNED", "8"}, {"_Bool", "BOOL", "1"}, {"float", "FLOAT", "4"}, {"double", "FLOAT", "8"}};
    private static final String[][] BIT_TYPES = {
            {"unsigned char", "8"}, {"unsigned short", "16"}, {"int", "32"}, {"unsigned int", "32"},
            {"long long", "64"}, {"_Bool", "1"}, {"signed char", "8"}};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void printedRecordsLayOutAsGccDid(long seed) throws IOException, InterruptedException {
        String compiler = "gcc";
        Assumptions.assumeTrue(onPath(compiler), "gcc is needed to learn the true layouts");
        String program = program(new Random(seed), 40);
        Path source = dir.resolve("layouts.c");
        Path exe = dir.resolve("layouts");
        Files.writeString(source, program);
        run(List.of(compiler, "-w", "-o", exe.toString(), source.toString()));
        TypeSystem ts = typeSystem(run(List.of(exe.toString())));
        for (String c : CompilerOracle.COMPILERS) {
            if (onPath(c)) CompilerOracle.assertLayoutMatches(ts, c);
        }
    }

    /** A C program defining {@code count} random records and printing their layout. */
    private static String program(Random rnd, int count) {
        var defs = new StringBuilder("#include <stdio.h>\n#include <string.h>\n#include <stddef.h>\n");
        var main = new StringBuilder("int main(void) {\n");
        var structs = new ArrayList<String>();
        for (int n = 0; n < count; n++) {
            String keyword = rnd.nextInt(7) == 0 ? "union" : "struct";
            String name = keyword + " r" + n;
            var attrs = new ArrayList<String>();
            if (rnd.nextInt(10) < 3) attrs.add("packed");
            if (rnd.nextInt(10) < 2) attrs.add("aligned(" + (2 << rnd.nextInt(5)) + ")");
            defs.append(keyword).append(attrs.isEmpty() ? "" : " __attribute__((" + String.join(", ", attrs) + "))")
                    .append(" r").append(n).append(" {\n");
            main.append("  printf(\"S ").append(name).append(" %zu %zu\\n\", sizeof(").append(name)
                    .append("), _Alignof(").append(name).append("));\n");
            int members = 1 + rnd.nextInt(8);
            for (int k = 0; k < members; k++) {
                String field = "f" + k;
                int r = rnd.nextInt(100);
                if (r < 35) {
                    String[] bt = BIT_TYPES[rnd.nextInt(BIT_TYPES.length)];
                    int width = 1 + rnd.nextInt(Integer.parseInt(bt[1]));
                    if (rnd.nextInt(7) == 0) {
                        // Unnamed, sometimes zero-width: absent from debug info, so a gap to recreate.
                        defs.append("  ").append(bt[0]).append(" : ").append(rnd.nextBoolean() ? width : 0).append(";\n");
                        continue;
                    }
                    defs.append("  ").append(bt[0]).append(' ').append(field).append(" : ").append(width)
                            .append(rnd.nextInt(10) == 0 ? " __attribute__((packed))" : "").append(";\n");
                    main.append("  { ").append(name).append(" s; memset(&s, 0, sizeof s); s.").append(field)
                            .append(" = -1; const unsigned char *p = (const unsigned char *)&s; int first = -1;")
                            .append(" for (int i = 0; i < (int)sizeof s * 8; i++) if (first < 0 && (p[i / 8] >> (i % 8) & 1)) first = i;")
                            .append(" printf(\"B ").append(field).append(' ').append(bt[0]).append("|%d ").append(width)
                            .append("\\n\", first); }\n");
                } else if (r < 45 && !structs.isEmpty()) {
                    String inner = structs.get(rnd.nextInt(structs.size()));
                    defs.append("  ").append(inner).append(' ').append(field).append(";\n");
                    offset(main, name, field, inner, 0);
                } else {
                    String[] s = SCALARS[rnd.nextInt(SCALARS.length)];
                    int dim = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0;
                    int a = rnd.nextInt(100);
                    String attr = a < 12 ? " __attribute__((aligned(" + (2 << rnd.nextInt(5)) + ")))"
                            : a < 20 ? " __attribute__((packed))" : "";
                    defs.append("  ").append(s[0]).append(' ').append(field).append(dim > 0 ? "[" + dim + "]" : "")
                            .append(attr).append(";\n");
                    offset(main, name, field, s[0], dim);
                }
            }
            // Every record gets at least one named member, as C requires.
            defs.append("  int last;\n};\n");
            offset(main, name, "last", "int", 0);
            if (keyword.equals("struct")) structs.add(name);
        }
        return defs + main.toString() + "  return 0;\n}\n";
    }

    private static void offset(StringBuilder main, String record, String field, String type, int dim) {
        main.append("  printf(\"F ").append(field).append(' ').append(type).append('|').append(dim)
                .append("|%zu\\n\", offsetof(").append(record).append(", ").append(field).append("));\n");
    }

    /** The type system a DWARF reader would build from the printed layout. */
    private static TypeSystem typeSystem(String layout) {
        var b = new TypeSystemBuilder(TARGET);
        var ids = new HashMap<String, Integer>();
        for (String[] s : SCALARS) {
            ScalarKind kind = ScalarKind.valueOf(s[1]);
            int size = Integer.parseInt(s[2]);
            ids.put(s[0], b.add(new ScalarType(s[0], kind, size, TARGET.scalarAlignment(kind, size), !s[0].startsWith("unsigned") && kind != ScalarKind.BOOL)));
        }
        String name = null;
        long size = 0;
        int align = 0;
        var fields = new ArrayList<Field>();
        List<String> lines = new ArrayList<>(List.of(layout.split("\n")));
        lines.add("S end");
        for (String line : lines) {
            String[] head = line.split(" ", 3);
            if (head[0].equals("S")) {
                if (name != null) ids.put(name, define(b, name, size, align, fields));
                if (head[1].equals("end")) break;
                String[] p = line.split(" ");
                name = p[1] + " " + p[2];
                size = Long.parseLong(p[3]);
                align = Integer.parseInt(p[4]);
                fields = new ArrayList<>();
                continue;
            }
            String[] rest = head[2].split("\\|");
            int type = ids.get(rest[0]);
            if (head[0].equals("B")) {
                String[] at = rest[1].split(" ");
                fields.add(new Field(head[1], type, Long.parseLong(at[0]), Integer.parseInt(at[1])));
            } else {
                int dim = Integer.parseInt(rest[1]);
                if (dim > 0) type = b.add(new ArrayType(type, dim));
                fields.add(new Field(head[1], type, Long.parseLong(rest[2]) * 8, 0));
            }
        }
        return b.build();
    }

    private static int define(TypeSystemBuilder b, String name, long size, int align, List<Field> fields) {
        // Debug info does not say "packed"; like a reader, infer it from a member below its alignment.
        boolean packed = false;
        int natural = 1;
        for (Field f : fields) {
            if (f.isBitfield()) continue;
            int a = alignment(b, f.type());
            natural = Math.max(natural, a);
            if (f.byteOffset() % a != 0) packed = true;
        }
        if (align < natural) packed = true;
        int id = b.reserve(name);
        String[] kt = name.split(" ");
        b.define(id, new RecordType(kt[0].equals("union") ? RecordKind.UNION : RecordKind.STRUCT, kt[1], size, align,
                fields, true, packed));
        return id;
    }

    private static int alignment(TypeSystemBuilder b, int id) {
        CType t = b.get(id);
        return switch (t) {
            case ArrayType a -> alignment(b, a.element());
            case ScalarType s -> s.alignment();
            case RecordType r -> r.alignment();
            default -> 1;
        };
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " timed out");
        }
        if (p.exitValue() != 0) throw new AssertionError(command + " failed:\n" + out);
        return out;
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, executable))) return true;
        }
        return false;
    }
}
