package dev.dwarfbind.oracle;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the oracles' own conversions of bitfield positions against the machine: a C program
 * sets each bitfield of a few structs to all ones in a zeroed struct and prints the lowest set
 * bit (byte i, bit j counts as 8i+j: LSB-first, little-endian) and the number of set bits. The
 * same binary's pahole output, read through {@link PaholeOracle.Member#bitOffset()} (8 * BYTE +
 * BIT), and its llvm-dwarfdump output, read through {@link DwarfdumpOracle} (which converts DWARF
 * 2/3 {@code DW_AT_bit_offset}), must give the same positions and widths. Without this, the
 * differential tests would compare the reader against a convention guessed by this test code.
 */
class PaholeConventionTest {
    /** Bitfields whose positions exercise each rule: shared units, straddling, packed, mixed types. */
    private static final String STRUCTS = """
            struct cv_basic { unsigned u3 : 3; signed s5 : 5; _Bool flag : 1; int plain : 7; unsigned rest : 16; };
            struct cv_straddle { unsigned a : 3; unsigned b : 10; unsigned c : 18; unsigned d : 4;
                                 unsigned short e : 9; unsigned short f : 9; };
            struct __attribute__((packed)) cv_packed { unsigned a : 30; unsigned b : 4; unsigned c : 7;
                                                       unsigned long long d : 40; };
            struct cv_mixed { double d; char c; int x : 12; short y : 5; long long z : 7; };
            struct cv_char { unsigned char a : 4; unsigned char b : 4; unsigned char c : 5; unsigned char d : 5;
                             char plain; signed char s : 3; _Bool b1 : 1; _Bool b2 : 1; };
            struct cv_long { unsigned long long lo : 20; unsigned long long mid : 40; unsigned long long hi : 60;
                             long long neg : 33; };
            """;
    private static final String[][] FIELDS = {
            {"cv_basic", "u3", "s5", "flag", "plain", "rest"},
            {"cv_straddle", "a", "b", "c", "d", "e", "f"},
            {"cv_packed", "a", "b", "c", "d"},
            {"cv_mixed", "x", "y", "z"},
            {"cv_char", "a", "b", "c", "d", "s", "b1", "b2"},
            {"cv_long", "lo", "mid", "hi", "neg"},
    };

    private static String program() {
        var sb = new StringBuilder("#include <stdio.h>\n#include <string.h>\n").append(STRUCTS).append("""
                static void show(const char *s, const char *f, const unsigned char *p, size_t n) {
                    int low = -1, bits = 0;
                    for (size_t i = 0; i < n * 8; i++) {
                        if (p[i / 8] >> (i % 8) & 1) { if (low < 0) low = (int)i; bits++; }
                    }
                    printf("%s %s %d %d\\n", s, f, low, bits);
                }
                #define SHOW(T, F) do { struct T v; memset(&v, 0, sizeof v); v.F = -1; \\
                    show(#T, #F, (const unsigned char *)&v, sizeof v); } while (0)
                """);
        for (String[] s : FIELDS) {
            sb.append("struct ").append(s[0]).append(" keep_").append(s[0]).append(";\n");
        }
        sb.append("int main(void) {\n");
        for (String[] s : FIELDS) {
            for (int i = 1; i < s.length; i++) sb.append("    SHOW(").append(s[0]).append(", ").append(s[i]).append(");\n");
        }
        return sb.append("    return 0;\n}\n").toString();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"gcc, -gdwarf-2", "gcc, -gdwarf-4", "gcc, -gdwarf-5", "clang-19, -gdwarf-4", "clang-19, -gdwarf-5"})
    void oraclesReadBitfieldsWhereTheProgramFindsThem(String cc, String debug, @TempDir Path dir) throws IOException {
        Path src = dir.resolve("bits.c");
        Path exe = dir.resolve("bits");
        Files.writeString(src, program());
        // -w: "v.F = -1" on an unsigned or _Bool bitfield is the point, not a mistake to warn about.
        Tool.stdout(cc, "-O0", debug, "-w", src.toString(), "-o", exe.toString());
        Map<String, long[]> observed = new HashMap<>();
        for (String line : Tool.stdout(exe.toString()).split("\n")) {
            String[] w = line.split(" ");
            observed.put(w[0] + "." + w[1], new long[] {Long.parseLong(w[2]), Long.parseLong(w[3])});
        }

        var problems = new ArrayList<String>();
        int checked = 0;
        for (PaholeOracle.Layout l : PaholeOracle.read(exe).layouts()) {
            for (PaholeOracle.Member m : l.members()) {
                long[] o = observed.get(l.tag() + "." + m.name());
                if (o == null || !m.isBitfield()) continue;
                checked++;
                if (m.bitOffset() != o[0] || m.bitWidth() != o[1]) {
                    problems.add("pahole " + l.tag() + "." + m.name() + " printed " + m.byteOffset() + ":" + m.bitPosition()
                            + " width " + m.bitWidth() + " -> bit " + m.bitOffset() + ", the program finds bit " + o[0]
                            + " width " + o[1]);
                }
            }
        }
        for (DwarfdumpOracle.RecordLayout r : DwarfdumpOracle.read(exe).records()) {
            for (DwarfdumpOracle.MemberLayout m : r.members()) {
                long[] o = observed.get(r.tag() + "." + m.name());
                if (o == null) continue;
                checked++;
                if (m.bitOffset() != o[0] || m.bitSize() != o[1]) {
                    problems.add("llvm-dwarfdump " + r.tag() + "." + m.name() + " -> bit " + m.bitOffset() + " width "
                            + m.bitSize() + ", the program finds bit " + o[0] + " width " + o[1]);
                }
            }
        }
        assertTrue(problems.isEmpty(), cc + " " + debug + ":\n  " + String.join("\n  ", problems));
        assertEquals(2 * observed.size(), checked, "every bitfield is checked through both oracles: " + observed.keySet());
    }
}
