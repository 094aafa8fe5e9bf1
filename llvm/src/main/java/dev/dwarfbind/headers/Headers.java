package dev.dwarfbind.headers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to give Clang to type a library from its C headers, and which of the declarations found
 * belong to the library.
 *
 * <pre>{@code
 * Headers h = Headers.of("zlib.h");                                   // #include <zlib.h>
 * Headers s = Headers.of("sqlite3.h").withIncludeDirs(Path.of("/opt/sqlite/include"))
 *         .withDefine("SQLITE_OMIT_DEPRECATED", "1").withTarget("i386-pc-linux-gnu");
 * }</pre>
 *
 * @param headers        headers to include, in order, as {@code #include <name>} (a name found on the
 *                       include path, or an absolute path)
 * @param code           C text to parse after the includes (declarations for {@code cdef}), or empty
 * @param includeDirs    directories searched for headers before the system ones ({@code -I})
 * @param defines        macros defined before the headers ({@code -D NAME=VALUE}; a {@code null}
 *                       value defines the name as {@code 1})
 * @param target         the Clang target triple ({@code x86_64-pc-windows-msvc}, {@code i386-pc-linux-gnu});
 *                       {@code null} for the library's own target, or this machine's
 * @param ownFiles       further files whose declarations belong to the library, matched as the
 *                       headers are (by path, or by name at the end of the path)
 * @param nameFilters    regular expressions: when not empty, only functions, variables, types and
 *                       macros whose name matches one of them are kept (like jextract's
 *                       {@code --include-function})
 * @param clangArguments further arguments for Clang ({@code -std=c11}, {@code -fms-extensions})
 * @param isolation      where Clang runs: in a child process (the default; a crash inside Clang
 *                       is reported as {@link dev.dwarfbind.clang.ClangCrashException}) or in this
 *                       JVM (faster on the first parse, but a crash inside Clang ends the JVM)
 * @param timeout        how long a parse in a child process may take, start-up included, before
 *                       the process is killed ({@link dev.dwarfbind.clang.ClangTimeoutException});
 *                       a parse in this JVM cannot be interrupted and has no time limit
 */
public record Headers(List<String> headers, String code, List<Path> includeDirs, Map<String, String> defines,
                      String target, List<String> ownFiles, List<String> nameFilters, List<String> clangArguments,
                      Isolation isolation, Duration timeout) {
    /** The time a parse in a child process gets by default: generous, since the first one starts a JVM. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Headers {
        headers = List.copyOf(headers);
        Objects.requireNonNull(code, "code");
        includeDirs = List.copyOf(includeDirs);
        var d = new LinkedHashMap<String, String>();
        defines.forEach((k, v) -> d.put(Objects.requireNonNull(k, "macro name"), v));
        defines = java.util.Collections.unmodifiableMap(d);
        ownFiles = List.copyOf(ownFiles);
        nameFilters = List.copyOf(nameFilters);
        for (String f : nameFilters) Pattern.compile(f);
        clangArguments = List.copyOf(clangArguments);
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
        for (String h : headers) {
            if (h.isBlank() || h.indexOf('\n') >= 0 || h.indexOf('>') >= 0) {
                throw new IllegalArgumentException("not a header name: \"" + h + "\"");
            }
        }
    }

    /** The given headers, with no other option (parsed in a child process). */
    public static Headers of(String... headers) {
        return new Headers(List.of(headers), "", List.of(), Map.of(), null, List.of(), List.of(), List.of(),
                Isolation.CHILD_PROCESS, DEFAULT_TIMEOUT);
    }

    /** C declarations given as text (they may {@code #include} headers), owned by the library. */
    public static Headers code(String code) {
        return new Headers(List.of(), code, List.of(), Map.of(), null, List.of(), List.of(), List.of(),
                Isolation.CHILD_PROCESS, DEFAULT_TIMEOUT);
    }

    /** These options with {@code dirs} searched too ({@code -I}). */
    public Headers withIncludeDirs(Path... dirs) {
        var l = new ArrayList<>(includeDirs);
        l.addAll(List.of(dirs));
        return new Headers(headers, code, l, defines, target, ownFiles, nameFilters, clangArguments, isolation, timeout);
    }

    /** These options with macro {@code name} defined as {@code value} ({@code null}: as 1). */
    public Headers withDefine(String name, String value) {
        var m = new LinkedHashMap<>(defines);
        m.put(name, value);
        return new Headers(headers, code, includeDirs, m, target, ownFiles, nameFilters, clangArguments, isolation, timeout);
    }

    /** These options for the Clang target {@code triple}. */
    public Headers withTarget(String triple) {
        return new Headers(headers, code, includeDirs, defines, triple, ownFiles, nameFilters, clangArguments, isolation, timeout);
    }

    /** These options with declarations of {@code files} kept as the library's too. */
    public Headers withOwnFiles(String... files) {
        var l = new ArrayList<>(ownFiles);
        l.addAll(List.of(files));
        return new Headers(headers, code, includeDirs, defines, target, l, nameFilters, clangArguments, isolation, timeout);
    }

    /** These options keeping only names that match one of {@code regexes}. */
    public Headers withNameFilters(String... regexes) {
        var l = new ArrayList<>(nameFilters);
        l.addAll(List.of(regexes));
        return new Headers(headers, code, includeDirs, defines, target, ownFiles, l, clangArguments, isolation, timeout);
    }

    /** These options with further Clang arguments. */
    public Headers withClangArguments(String... arguments) {
        var l = new ArrayList<>(clangArguments);
        l.addAll(List.of(arguments));
        return new Headers(headers, code, includeDirs, defines, target, ownFiles, nameFilters, l, isolation, timeout);
    }

    /** These options with C text parsed after the headers. */
    public Headers withCode(String text) {
        return new Headers(headers, text, includeDirs, defines, target, ownFiles, nameFilters, clangArguments, isolation, timeout);
    }

    /** These options with Clang run as {@code isolation} says. */
    public Headers withIsolation(Isolation isolation) {
        return new Headers(headers, code, includeDirs, defines, target, ownFiles, nameFilters, clangArguments, isolation, timeout);
    }

    /**
     * These options parsed by libclang inside this JVM: no process to start (the first parse is
     * faster by the start-up of a JVM), but a crash inside Clang ends this JVM.
     */
    public Headers inProcess() {
        return withIsolation(Isolation.IN_PROCESS);
    }

    /** These options with a child process killed after {@code limit}. */
    public Headers withTimeout(Duration limit) {
        return new Headers(headers, code, includeDirs, defines, target, ownFiles, nameFilters, clangArguments, isolation, limit);
    }

    /** The C text Clang parses: the includes, then the code. */
    String source() {
        StringBuilder sb = new StringBuilder();
        for (String h : headers) sb.append("#include <").append(h).append(">\n");
        sb.append(code);
        if (!code.endsWith("\n")) sb.append('\n');
        return sb.toString();
    }

    /** Whether {@code file} is one of the named headers or own files. */
    boolean owns(String file) {
        for (String h : headers) if (matches(file, h)) return true;
        for (String h : ownFiles) if (matches(file, h)) return true;
        return false;
    }

    private static boolean matches(String file, String name) {
        return file.equals(name) || file.endsWith("/" + name) || file.endsWith("\\" + name);
    }

    /** Whether {@code name} passes the name filters. */
    boolean keeps(String name) {
        if (nameFilters.isEmpty()) return true;
        for (String f : nameFilters) if (Pattern.matches(f, name)) return true;
        return false;
    }
}
