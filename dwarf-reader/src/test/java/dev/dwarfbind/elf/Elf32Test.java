package dev.dwarfbind.elf;

import dev.dwarfbind.cprint.CompilerOracle;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A 32-bit i386 library (ELF32, 4-byte addresses, i386 System V alignment rules), linked with lld
 * and no C library so that no 32-bit runtime needs to be installed. The reader must lay its
 * structs out as the i386 compiler does: checked by the compiler itself.
 */
class Elf32Test {
    private static final String SOURCE = """
            struct mixed { char c; long long ll; double d; short s; };
            struct node { struct node *next; int value; };
            typedef struct { unsigned flags : 3; unsigned level : 5; long double extended; } tagged_t;
            int use_mixed(struct mixed *m) { return m->c + m->s; }
            long long node_sum(const struct node *n) { long long t = 0; for (; n; n = n->next) t += n->value; return t; }
            tagged_t global_tag;
            double scale(double x, float k) { return x * k; }
            """;

    @Test
    void readsAnI386SharedLibrary(@TempDir Path tmp) throws Exception {
        Path c = tmp.resolve("lib32.c");
        Files.writeString(c, SOURCE);
        Path so = tmp.resolve("lib32.so");
        Process p = new ProcessBuilder("clang-19", "--target=i386-linux-gnu", "-shared", "-nostdlib", "-fuse-ld=lld",
                "-fPIC", "-g", "-gdwarf-4", "-O1", c.toString(), "-o", so.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "clang-19 could not build an i386 library");
        ElfFile elf = ElfFile.open(so);
        assertFalse(elf.is64());
        assertEquals("x86", elf.target().arch());
        assertEquals(4, elf.target().pointerSize());

        TypeSystem ts = DebugInfo.open(so).typeSystem();
        assertEquals(3, ts.functions().size());
        RecordType mixed = ts.type(ts.typeNamed("struct mixed").orElseThrow(), RecordType.class);
        assertEquals(4, mixed.alignment(), "i386 aligns long long and double to 4 inside structs");
        assertEquals(24, mixed.byteSize());
        // The compiler confirms every size, alignment and offset for its i386 target.
        CompilerOracle.assertLayoutMatches(ts, "clang-19");
    }
}
