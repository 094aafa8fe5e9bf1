package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.bind.error.ArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function pointer type spelled in C, {@code "int (*)(const void *, const void *)"} (a name
 * inside the parentheses is allowed), split into its return and parameter types.
 *
 * @param ret    the return type's spelling
 * @param params the parameter types' spellings ({@code (void)} is none)
 */
public record FunctionPointerSpelling(String ret, List<String> params) {
    private static final Pattern SHAPE = Pattern.compile("^(.+?)\\(\\s*\\*\\s*[A-Za-z_0-9]*\\s*\\)\\s*\\((.*)\\)\\s*$");

    /** Whether {@code text} looks like a function pointer spelling at all. */
    public static boolean looksLike(String text) {
        return SHAPE.matcher(text.strip()).matches();
    }

    /** Parses {@code text}, or throws {@link ArgumentException} naming what it cannot read. */
    public static FunctionPointerSpelling parse(String text) {
        Matcher m = SHAPE.matcher(text.strip());
        if (!m.matches()) {
            throw new ArgumentException("\"" + text + "\" is not a function pointer type (expected e.g. \"int (*)(const void *, const void *)\")");
        }
        String inner = m.group(2).strip();
        if (inner.contains("(")) {
            throw new ArgumentException("\"" + text + "\": a function pointer parameter of a spelled callback type is not"
                    + " supported; name a typedef of the library instead");
        }
        var params = new ArrayList<String>();
        if (!inner.isEmpty() && !inner.equals("void")) {
            for (String p : inner.split(",")) {
                String t = p.strip();
                if (t.equals("...")) throw new ArgumentException("\"" + text + "\": a variadic function pointer cannot be implemented in Java");
                params.add(t);
            }
        }
        return new FunctionPointerSpelling(m.group(1).strip(), params);
    }
}
