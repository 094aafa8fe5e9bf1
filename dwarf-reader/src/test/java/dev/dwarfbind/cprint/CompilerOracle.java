package dev.dwarfbind.cprint;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Checks {@link CPrinter}'s output against a real C compiler, the one judge of C nobody here
 * wrote. The printed header is followed by {@code _Static_assert}s built from the type system's
 * own numbers — the size and alignment of every named record, enum and typedef, the offset and
 * size of every non-bitfield member (anonymous members and members of anonymous records
 * included), the value of every enum constant and the size of every variable — and the whole is
 * compiled with {@code -fsyntax-only}. The compiler rejects the file if the header is not valid C
 * or if any layout it computes differs from the recorded one.
 *
 * <p>Meant for reuse on any type system, synthetic or read from a fixture library:
 * {@link #assertLayoutMatches(TypeSystem)} runs every compiler present and skips (as a failed
 * assumption) only if none is.
 */
public final class CompilerOracle {
    /** The compilers tried, by executable name. */
    public static final List<String> COMPILERS = List.of("clang-19", "gcc");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long TIMEOUT_SECONDS = 120;
    /** Names that are valid in other languages' debug info but keywords in C, which the printer renames. */
    private static final Set<String> KEYWORDS = Set.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
            "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
            "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "asm", "typeof");

    private CompilerOracle() {
    }

    /**
     * Compiles the header of {@code ts} plus layout assertions with every compiler in
     * {@link #COMPILERS} that is installed and can target {@code ts}'s target; fails if any
     * rejects it, skips if none can run.
     *
     * @param ts the type system to check
     */
    public static void assertLayoutMatches(TypeSystem ts) {
        int ran = 0;
        for (String compiler : COMPILERS) {
            if (canCompileFor(compiler, ts.target())) {
                check(ts, compiler);
                ran++;
            }
        }
        Assumptions.assumeTrue(ran > 0, "no C compiler (" + COMPILERS + ") available for " + ts.target());
    }

    /**
     * As {@link #assertLayoutMatches(TypeSystem)} with one compiler; skips if it is not installed
     * or cannot target {@code ts}'s target.
     *
     * @param ts       the type system to check
     * @param compiler the executable, e.g. {@code "clang-19"} or {@code "gcc"}
     */
    public static void assertLayoutMatches(TypeSystem ts, String compiler) {
        Assumptions.assumeTrue(onPath(compiler), compiler + " is not installed");
        Assumptions.assumeTrue(canCompileFor(compiler, ts.target()), compiler + " cannot target " + ts.target());
        check(ts, compiler);
    }

    /**
     * Compiles arbitrary C source with {@code compiler}; fails with the compiler's diagnostics if
     * it is rejected. Skips if the compiler is not installed.
     *
     * @param source   the translation unit
     * @param compiler the executable
     * @param target   the target to compile for
     */
    public static void assertCompiles(String source, String compiler, Target target) {
        Assumptions.assumeTrue(onPath(compiler), compiler + " is not installed");
        Assumptions.assumeTrue(canCompileFor(compiler, target), compiler + " cannot target " + target);
        compile(source, compiler, target);
    }

    /** The header of {@code ts} followed by the layout assertions, as compiled. */
    public static String source(TypeSystem ts) {
        return CPrinter.header(ts) + "\n/* Layout as recorded in the type system. */\n" + assertions(ts);
    }

    /** The {@code _Static_assert}s for {@code ts}, one per line. */
    public static String assertions(TypeSystem ts) {
        var out = new StringBuilder();
        List<CType> types = ts.types();
        Set<String> ambiguous = ambiguousTypedefs(ts);
        for (int id = 0; id < types.size(); id++) {
            switch (types.get(id)) {
                case RecordType r when r.complete() && r.tag() != null ->
                        typeAssertions(ts, id, CPrinter.typeName(ts, id), out);
                case EnumType e when e.complete() && e.tag() != null ->
                        typeAssertions(ts, id, CPrinter.typeName(ts, id), out);
                case TypedefType td when isIdentifier(td.name()) && !td.name().startsWith("__builtin_")
                        && !ambiguous.contains(td.name()) ->
                        typeAssertions(ts, id, td.name(), out);
                default -> { }
            }
        }
        constantAssertions(ts, out);
        for (VariableDecl v : ts.variables().values()) {
            long size = completeSize(ts, v.type());
            if (isIdentifier(v.name()) && size > 0) {
                out.append(assertion("sizeof(" + v.name() + ") == " + size, "sizeof " + v.name()));
            }
        }
        return out.toString();
    }

    /**
     * Typedef names the printer may have given to another type: names of typedefs for different
     * types, and names also used by a function or variable (which keep theirs).
     */
    private static Set<String> ambiguousTypedefs(TypeSystem ts) {
        var targets = new HashMap<String, Set<Integer>>();
        for (CType t : ts.types()) {
            if (t instanceof TypedefType td) targets.computeIfAbsent(td.name(), k -> new HashSet<>()).add(td.target());
        }
        var out = new HashSet<String>();
        targets.forEach((name, set) -> {
            if (set.size() > 1) out.add(name);
        });
        out.addAll(ts.functions().keySet());
        out.addAll(ts.variables().keySet());
        return out;
    }

    private static void typeAssertions(TypeSystem ts, int id, String cName, StringBuilder out) {
        long size = completeSize(ts, id);
        if (size <= 0) return;
        out.append(assertion("sizeof(" + cName + ") == " + size, "sizeof " + cName));
        out.append(assertion("_Alignof(" + cName + ") == " + ts.alignOf(id), "_Alignof " + cName));
        if (ts.type(ts.strip(id)) instanceof RecordType r) {
            memberAssertions(ts, r, cName, "", 0, new HashSet<>(), out);
        }
    }

    /**
     * Offsets and sizes of the members of {@code r}, which sits at {@code base} inside
     * {@code cName} and is reached by the member designator {@code path}.
     */
    private static void memberAssertions(TypeSystem ts, RecordType r, String cName, String path, long base,
                                         Set<String> scope, StringBuilder out) {
        for (Field f : r.fields()) {
            long offset = base + f.byteOffset();
            if (f.isBitfield()) {
                // Bitfields have no address; their effect shows in the offsets after them.
                if (f.name() != null) scope.add(f.name());
                continue;
            }
            CType type = ts.type(f.type());
            if (f.name() == null) {
                // An anonymous struct or union: its members belong to the enclosing record.
                if (type instanceof RecordType anonymous && anonymous.tag() == null) {
                    memberAssertions(ts, anonymous, cName, path, offset, scope, out);
                }
                continue;
            }
            // A name the printer had to change (invalid, or used twice) cannot be checked by name.
            if (!isIdentifier(f.name()) || !scope.add(f.name())) continue;
            String designator = path + f.name();
            out.append(assertion("__builtin_offsetof(" + cName + ", " + designator + ") == " + offset,
                    "offsetof " + cName + "." + designator));
            long size = completeSize(ts, f.type());
            if (size > 0) {
                out.append(assertion("sizeof(((" + cName + " *)0)->" + designator + ") == " + size,
                        "sizeof " + cName + "." + designator));
            }
            if (ts.type(ts.strip(f.type())) instanceof RecordType nested && nested.tag() == null) {
                memberAssertions(ts, nested, cName, designator + ".", offset, new HashSet<>(), out);
            }
        }
    }

    /**
     * Enum constants whose name is unambiguous in the type system: one value wherever it occurs,
     * and not also the name of a typedef, function or variable (the printer renames such clashes).
     */
    private static void constantAssertions(TypeSystem ts, StringBuilder out) {
        var values = new TreeMap<String, Set<BigInteger>>();
        var others = new HashSet<String>();
        for (CType t : ts.types()) {
            switch (t) {
                case EnumType e when e.complete() -> {
                    for (Enumerator v : e.values()) values.computeIfAbsent(v.name(), k -> new HashSet<>()).add(v.value());
                }
                case TypedefType td -> others.add(td.name());
                default -> { }
            }
        }
        others.addAll(ts.functions().keySet());
        others.addAll(ts.variables().keySet());
        boolean wide = ts.target().pointerSize() == 8;
        for (Map.Entry<String, Set<BigInteger>> e : values.entrySet()) {
            if (e.getValue().size() != 1 || others.contains(e.getKey()) || !isIdentifier(e.getKey())) continue;
            BigInteger v = e.getValue().iterator().next();
            // Spelled independently of the printer (hexadecimal, where it prints decimal), and
            // compared as a wider type so that a constant printed with the wrong sign or width
            // cannot compare equal by conversion.
            String expected;
            if (v.bitLength() <= 63 || v.equals(BigInteger.valueOf(Long.MIN_VALUE))) {
                expected = v.equals(BigInteger.valueOf(Long.MIN_VALUE)) ? "(-0x7fffffffffffffffLL - 1)"
                        : v.signum() < 0 ? "-0x" + v.negate().toString(16) + "LL" : "0x" + v.toString(16) + "LL";
            } else if (v.signum() > 0 && v.bitLength() == 64 && wide) {
                expected = "0x" + v.toString(16) + "ULL";
            } else {
                continue;
            }
            String cast = wide ? "(__int128)" : "(long long)";
            out.append(assertion(cast + e.getKey() + " == " + cast + expected, "value of " + e.getKey()));
        }
    }

    /** Size of a complete object type, or 0 for void, functions, incomplete and flexible types. */
    private static long completeSize(TypeSystem ts, int id) {
        CType t = ts.type(ts.strip(id));
        if (t instanceof VoidType || t instanceof FunctionType) return 0;
        if (t instanceof ArrayType a && a.isFlexible()) return 0;
        if (t instanceof RecordType r && !r.complete()) return 0;
        if (t instanceof EnumType e && !e.complete()) return 0;
        try {
            return ts.sizeOf(id);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return 0;
        }
    }

    private static String assertion(String condition, String what) {
        return "_Static_assert(" + condition + ", \"" + what.replace("\\", "\\\\").replace("\"", "\\\"") + "\");\n";
    }

    private static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name)
                && !(name.startsWith("_") && name.length() > 1 && Character.isUpperCase(name.charAt(1)));
    }

    private static void check(TypeSystem ts, String compiler) {
        compile(source(ts), compiler, ts.target());
    }

    private static void compile(String source, String compiler, Target target) {
        Path file;
        try {
            file = Files.createTempFile("dwarfbind-oracle-", ".c");
            Files.writeString(file, source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot write the C file", e);
        }
        var command = new ArrayList<String>(List.of(compiler, "-fsyntax-only", "-std=gnu17", "-x", "c",
                // Exported functions named like C library functions are not that function.
                "-fno-builtin"));
        command.addAll(targetFlags(compiler, target));
        // An attribute the compiler ignores would change a type without rejecting the file.
        command.add(compiler.startsWith("clang") ? "-Werror=ignored-attributes" : "-Werror=attributes");
        command.add(file.toString());
        String output;
        int status;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(compiler + " timed out on " + file);
            }
            status = p.exitValue();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + compiler, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + compiler, e);
        }
        if (status != 0) {
            // Keep the file: the diagnostics refer to its lines.
            Assertions.fail(compiler + " rejected the printed header (" + String.join(" ", command) + "):\n"
                    + excerpt(output));
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is harmless.
        }
    }

    private static String excerpt(String output) {
        String[] lines = output.split("\n");
        if (lines.length <= 80) return output;
        return String.join("\n", List.of(lines).subList(0, 80)) + "\n... (" + (lines.length - 80) + " more lines)";
    }

    /**
     * Flags that make the compiler lay out types as the target does. Clang cross-compiles to
     * anything; GCC only to its own machine (and i386 from x86-64 with {@code -m32}).
     */
    private static List<String> targetFlags(String compiler, Target target) {
        // The printer places bitfields by the GCC rules (explicit padding reproduces any recorded
        // position under them); a Windows compiler lays out the Microsoft way unless told not to.
        if (compiler.startsWith("clang") && target.os().equals("windows")) {
            return List.of("--target=" + clangTriple(target), "-mno-ms-bitfields");
        }
        if (compiler.startsWith("clang")) return List.of("--target=" + clangTriple(target));
        if (target.arch().equals("x86") && gccMachine(compiler).startsWith("x86_64")) return List.of("-m32");
        return List.of();
    }

    private static boolean canCompileFor(String compiler, Target target) {
        if (!onPath(compiler)) return false;
        if (compiler.startsWith("clang")) return clangTriple(target) != null;
        String machine = gccMachine(compiler);
        boolean sameOs = target.os().equals("linux") ? machine.contains("linux") : machine.contains(target.os());
        String arch = target.arch().equals("x86") ? "i686" : target.arch();
        return sameOs && (machine.startsWith(arch) || target.arch().equals("x86") && machine.startsWith("x86_64"));
    }

    private static String clangTriple(Target target) {
        String arch = switch (target.arch()) {
            case "x86" -> "i686";
            case "arm" -> "armv7";
            default -> target.arch();
        };
        return switch (target.os()) {
            case "linux" -> arch + "-linux-gnu";
            case "windows" -> arch + "-windows-gnu";
            case "macos" -> arch + "-apple-macosx";
            default -> null;
        };
    }

    private static String gccMachine(String compiler) {
        try {
            Process p = new ProcessBuilder(compiler, "-dumpmachine").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, executable))) return true;
        }
        return false;
    }
}
