package dev.dwarfbind.gen.write;

import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.headers.Isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Java expression rebuilding a {@link Headers}: bound-mode code of a library typed by its
 * headers opens it with the same headers, so that the loader types it as the generator did and
 * each function's declaration compares equal.
 */
final class HeadersExpression {
    private HeadersExpression() {
    }

    static String of(Headers h) {
        var sb = new StringBuilder("dev.dwarfbind.headers.Headers.of(").append(strings(h.headers())).append(')');
        if (!h.code().isEmpty()) sb.append(".withCode(").append(Text.string(h.code())).append(')');
        if (!h.includeDirs().isEmpty()) {
            sb.append(".withIncludeDirs(");
            List<Path> dirs = h.includeDirs();
            for (int i = 0; i < dirs.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append("java.nio.file.Path.of(").append(Text.string(dirs.get(i).toString())).append(')');
            }
            sb.append(')');
        }
        for (Map.Entry<String, String> d : h.defines().entrySet()) {
            sb.append(".withDefine(").append(Text.string(d.getKey())).append(", ")
                    .append(d.getValue() == null ? "null" : Text.string(d.getValue())).append(')');
        }
        if (h.target() != null) sb.append(".withTarget(").append(Text.string(h.target())).append(')');
        if (!h.ownFiles().isEmpty()) sb.append(".withOwnFiles(").append(strings(h.ownFiles())).append(')');
        if (!h.nameFilters().isEmpty()) sb.append(".withNameFilters(").append(strings(h.nameFilters())).append(')');
        if (!h.clangArguments().isEmpty()) sb.append(".withClangArguments(").append(strings(h.clangArguments())).append(')');
        if (h.isolation() == Isolation.IN_PROCESS) sb.append(".inProcess()");
        if (!h.timeout().equals(Headers.DEFAULT_TIMEOUT)) {
            sb.append(".withTimeout(java.time.Duration.ofMillis(").append(h.timeout().toMillis()).append("L))");
        }
        return sb.toString();
    }

    private static String strings(List<String> l) {
        return String.join(", ", l.stream().map(Text::string).toList());
    }
}
