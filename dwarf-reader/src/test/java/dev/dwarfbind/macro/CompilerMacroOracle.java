package dev.dwarfbind.macro;

import dev.dwarfbind.oracle.Tool;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The C compiler as the oracle of macro values: a program including a header prints each named
 * macro's C type (through {@code _Generic}) and value, which {@link #describe} spells the same
 * way for dwarfbind's constant.
 */
final class CompilerMacroOracle {
    private CompilerMacroOracle() {
    }

    /**
     * Compiles (gcc) and runs a program including {@code include} ({@code "<...>"} or
     * {@code "\"...\""}) that prints {@code names}; with {@code ifdef}, a name the header does not
     * define as a macro is skipped. By name: {@code "TYPE VALUE"}, TYPE with underscores for
     * spaces ({@code unsigned_int}), {@code string} for string literals (their bytes in hex).
     */
    static Map<String, String> values(List<String> names, String include, boolean ifdef, Path exe) {
        var src = new StringBuilder();
        src.append("#include <stdio.h>\n#include ").append(include).append("\n");
        src.append("""
                static void s(const char *n, const char *t, long long v) { printf("%s %s %lld\\n", n, t, v); }
                static void u(const char *n, const char *t, unsigned long long v) { printf("%s %s %llu\\n", n, t, v); }
                static void d(const char *n, const char *t, double v) { printf("%s %s %a\\n", n, t, v); }
                static void str(const char *n, const char *t, const char *v) {
                    printf("%s %s bytes", n, t);
                    for (; *v; v++) printf(" %02x", (unsigned char) *v);
                    printf("\\n");
                }
                #define TYPE_NAME(x) _Generic((x), _Bool: "_Bool", char: "char", signed char: "signed_char", \\
                    unsigned char: "unsigned_char", short: "short", unsigned short: "unsigned_short", int: "int", \\
                    unsigned int: "unsigned_int", long: "long", unsigned long: "unsigned_long", long long: "long_long", \\
                    unsigned long long: "unsigned_long_long", float: "float", double: "double", char *: "string", default: "other")
                #define P(x) _Generic((x), char *: str, float: d, double: d, _Bool: u, unsigned char: u, unsigned short: u, \\
                    unsigned int: u, unsigned long: u, unsigned long long: u, default: s)(#x, TYPE_NAME(x), x)
                int main(void) {
                """);
        for (String n : names) {
            if (ifdef) src.append("#ifdef ").append(n).append('\n');
            src.append("    P(").append(n).append(");\n");
            if (ifdef) src.append("#endif\n");
        }
        src.append("    return 0;\n}\n");
        try {
            Path c = exe.resolveSibling(exe.getFileName() + ".c");
            Files.writeString(c, src);
            Tool.Result cc = Tool.run(List.of("gcc", "-std=gnu17", "-w", "-o", exe.toString(), c.toString()));
            if (!cc.ok()) throw new AssertionError(cc.describe());
            Tool.Result r = Tool.run(List.of(exe.toString()));
            if (!r.ok()) throw new AssertionError(r.describe());
            var out = new HashMap<String, String>();
            for (String line : r.stdout().split("\n")) {
                if (line.isEmpty()) continue;
                String[] parts = line.split(" ", 2);
                out.put(parts[0], parts[1]);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** dwarfbind's constant {@code c} as {@code "type value"}, in the spelling {@link #normalise} gives the compiler's. */
    static String describe(TypeSystem ts, Constant c) {
        String type = c.value() instanceof String ? "string" : ts.type(c.type(), ScalarType.class).name();
        String value = switch (c.value()) {
            case String s -> {
                var sb = new StringBuilder("bytes");
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) sb.append(' ').append(String.format("%02x", b & 0xff));
                yield sb.toString();
            }
            case Double d -> Double.toString(d);
            default -> c.value().toString();
        };
        return type + " " + value;
    }

    /** The compiler's {@code "TYPE VALUE"} for a constant like {@code ours}, spelled as {@link #describe} spells it. */
    static String normalise(Constant ours, String theirs) {
        String[] parts = theirs.split(" ", 2);
        String type = parts[0].equals("_Bool") ? parts[0] : parts[0].replace('_', ' ');
        String value = ours.value() instanceof Double ? Double.toString(Double.parseDouble(parts[1])) : parts[1];
        return type + " " + value;
    }
}
