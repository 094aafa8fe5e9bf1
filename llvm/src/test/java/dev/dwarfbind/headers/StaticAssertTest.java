package dev.dwarfbind.headers;

import dev.dwarfbind.llvm.Toolchain;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the header reader says about sizes, alignments, member offsets, enumerators and macro
 * values, written as {@code _Static_assert}s and compiled against the same headers by clang-19 and
 * by gcc: two compilers confirm every number, for the host and for a 32-bit and a Windows target.
 */
class StaticAssertTest {

    @ParameterizedTest
    @CsvSource({
            "zlib.h,,x86_64-pc-linux-gnu,true",
            "sqlite3.h,,x86_64-pc-linux-gnu,true",
            "layouts.h,,x86_64-pc-linux-gnu,true",
            "layouts.h,,i386-pc-linux-gnu,false",
            "layouts.h,,aarch64-unknown-linux-gnu,false",
            "layouts.h,,x86_64-pc-windows-msvc,false",
            "layouts.h,,i686-pc-windows-msvc,false",
            "zlib.h,zlib,x86_64-w64-windows-gnu,false",
            "aggregates.c,types,x86_64-pc-linux-gnu,true",
            "bitfields.c,types,x86_64-pc-linux-gnu,true",
            "enums.c,types,x86_64-pc-linux-gnu,false",
            "byvalue.c,calls,x86_64-pc-linux-gnu,true",
    })
    void compilersAgreeWithTheLayoutsRead(String header, String dir, String triple, boolean gcc, @TempDir Path tmp) throws Exception {
        // layouts.h is this test's own header (no libc: it reads for any target); zlib.h for MinGW
        // comes from the zlib tree scripts/build-zlib unpacked, with MinGW's libc headers;
        // enums.c has C23 fixed enums, which gcc 12 lacks.
        Path include = switch (dir == null ? "" : dir) {
            case "" -> Path.of(StaticAssertTest.class.getResource("/headers/layouts.h").toURI()).getParent();
            case "zlib" -> Build.dir().resolve("zlib/clang/tree");
            default -> Build.fixtureSources().resolve(dir);
        };
        String name = dir == null || dir.equals("zlib") ? header : include.resolve(header).toString();
        HeaderTypes h = HeaderReader.read(Headers.of(name).withTarget(triple).withIncludeDirs(include), null, null);
        TypeSystem ts = h.types();
        Target t = ts.target();
        assertEquals(triple.startsWith("i386") || triple.startsWith("i686") ? 4 : 8, t.pointerSize());
        assertEquals(triple.contains("windows") ? "windows" : "linux", t.os());
        StringBuilder c = new StringBuilder("#include <stddef.h>\n#include <" + name + ">\n");
        int asserts = 0;
        for (var e : ts.namedTypes().entrySet()) {
            String n = e.getKey();
            // The compiler's own types (struct __va_list_tag) cannot be named in C.
            if (n.contains(" __")) continue;
            switch (ts.type(e.getValue())) {
                case RecordType r when r.complete() && r.tag() != null -> {
                    c.append(check("sizeof(" + n + ")", r.byteSize())).append(check("_Alignof(" + n + ")", r.alignment()));
                    asserts += 2;
                    for (Field f : r.fields()) {
                        if (f.name() == null || f.isBitfield()) continue;
                        c.append(check("offsetof(" + n + ", " + f.name() + ")", f.byteOffset()));
                        asserts++;
                    }
                }
                case EnumType en when en.complete() && en.tag() != null -> {
                    c.append(check("sizeof(" + n + ")", en.byteSize()));
                    asserts++;
                    for (Enumerator v : en.values()) {
                        c.append(check(v.name(), v.value()));
                        asserts++;
                    }
                }
                default -> { }
            }
        }
        for (Constant k : ts.constants().values()) {
            if (k.value() instanceof BigInteger v && isMacro(ts, k)) {
                c.append(check("(" + k.name() + ")", v));
                asserts++;
            }
        }
        assertTrue(asserts >= 20, "only " + asserts + " facts to check");
        Path src = Files.writeString(tmp.resolve("asserts.c"), c);
        compile(List.of(Toolchain.find(Toolchain.Tool.CLANG).toString(), "--target=" + triple, "-I", include.toString()), src);
        if (gcc) compile(List.of("gcc", "-I", include.toString()), src);
    }

    private static boolean isMacro(TypeSystem ts, Constant k) {
        return k.type() == TypeSystem.NO_TYPE || !(ts.type(k.type()) instanceof EnumType);
    }

    private static String check(String expr, Object value) {
        String v = value.toString();
        // Spelled so that a value above LLONG_MAX is compared as unsigned.
        String literal = value instanceof BigInteger b && b.bitLength() > 63 ? v + "ULL" : v + "LL";
        return "_Static_assert(" + expr + " == " + literal + ", \"" + expr.replace("\"", "'") + " == " + v + "\");\n";
    }

    private static void compile(List<String> compiler, Path src) throws Exception {
        List<String> cmd = new ArrayList<>(compiler);
        cmd.addAll(List.of("-fsyntax-only", "-w", "-std=gnu11", "-I", src.getParent().toString(), src.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), () -> String.join(" ", cmd) + ":\n" + out);
    }
}
