package dev.dwarfbind.hostile;

import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Valid C of extreme shape, generated here and built by clang-19: the reader must stay linear and
 * never overflow the stack, and what it prints must compile.
 */
class ValidExtremeCTest {
    @TempDir
    Path tmp;

    private Path build(String name, String source) throws Exception {
        Path c = tmp.resolve(name + ".c");
        Path so = tmp.resolve("lib" + name + ".so");
        Files.writeString(c, source);
        Process p = new ProcessBuilder("clang-19", "-g", "-O0", "-shared", "-fPIC", "-fbracket-depth=4096", "-o", so.toString(),
                c.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return so;
    }

    private void compiles(String header) throws Exception {
        Path h = tmp.resolve("printed.h");
        Files.writeString(h, header);
        Process p = new ProcessBuilder("clang-19", "-fsyntax-only", "-std=gnu17", "-fbracket-depth=4096", "-x", "c", h.toString())
                .redirectErrorStream(true).start();
        String diag = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), diag);
    }

    /** {@code union { union { ... } m0, ..., m11; }} nested 8 deep: 12^8 paths, 680 bytes of C per level. */
    @Test
    void nestedAnonymousUnionsWithTwelveMembers() throws Exception {
        var src = new StringBuilder("union top { ");
        int levels = 8;
        for (int l = 0; l < levels; l++) src.append("union { ");
        src.append("int leaf; ");
        for (int l = 0; l < levels; l++) {
            src.append("} ");
            for (int m = 0; m < 12; m++) src.append(m == 0 ? "" : ", ").append("m").append(m);
            src.append("; ");
        }
        src.append("};\nint f(union top *u) { return u->m0.m1.m2.m3.m4.m5.m6.m7.leaf; }\n");
        Path so = build("unions", src.toString());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            TypeSystem all = DebugInfo.open(so).typeSystem();
            TypeSystem one = DebugInfo.open(so).typeSystem(Set.of("f"));
            String header = CPrinter.header(one);
            assertTrue(header.length() < 50_000, header.length() + " chars");
            compiles(header);
            compiles(CPrinter.header(all));
        });
    }

    /** 2,500 named structs, each holding the previous by value. */
    @Test
    void thousandsOfNestedStructs() throws Exception {
        var src = new StringBuilder("struct S0 { int x; };\n");
        int depth = 2_500;
        for (int i = 1; i < depth; i++) src.append("struct S").append(i).append(" { struct S").append(i - 1).append(" m; };\n");
        src.append("int f(struct S").append(depth - 1).append(" *s) { return sizeof *s; }\n");
        Path so = build("structs", src.toString());
        TypeSystem ts = DebugInfo.open(so).typeSystem();
        assertEquals(4, ts.sizeOf(ts.typeNamed("struct S" + (depth - 1)).orElseThrow()));
        compiles(CPrinter.header(ts));
    }

    /** An array of 5,000 dimensions: beyond the documented nesting limit, so its variable is untyped with the reason. */
    @Test
    void anArrayOfFiveThousandDimensions() throws Exception {
        String dims = "[1]".repeat(5_000);
        Path so = build("dims", "int v" + dims + ";\nint g(void) { return 0; }\n");
        TypeSystem ts = DebugInfo.open(so).typeSystem();
        var v = ts.untyped().stream().filter(u -> u.name().equals("v")).findFirst().orElseThrow();
        assertTrue(v.reason().contains("more than 512 levels deep"), v.reason());
        assertTrue(ts.function("g").isPresent());
        compiles(CPrinter.header(ts));
    }
}
