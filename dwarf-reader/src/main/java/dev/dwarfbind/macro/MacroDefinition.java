package dev.dwarfbind.macro;

import java.util.List;
import java.util.Objects;

/**
 * One {@code #define}: {@code NAME body} (object-like) or {@code NAME(a, b) body}
 * (function-like), as DWARF records it.
 *
 * @param name       the macro's name
 * @param parameters the parameter names of a function-like macro ({@code "..."} for a variadic
 *                   one), or {@code null} for an object-like macro
 * @param body       the replacement text, trimmed; empty for {@code #define NAME}
 */
public record MacroDefinition(String name, List<String> parameters, String body) {
    public MacroDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (parameters != null) parameters = List.copyOf(parameters);
    }

    /** Whether the macro takes arguments. */
    public boolean functionLike() {
        return parameters != null;
    }

    /**
     * Splits a definition as DWARF's {@code DW_MACRO_define} strings spell it: the name, then
     * either a space and the body or, with no space before it, a parenthesised parameter list.
     *
     * @throws IllegalArgumentException if the text does not start with an identifier or a
     *                                  parameter list is not closed
     */
    public static MacroDefinition parse(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && isIdentifierPart(text.charAt(i))) i++;
        if (i == 0 || Character.isDigit(text.charAt(0))) {
            throw new IllegalArgumentException("macro definition does not start with a name: '" + abbreviate(text) + "'");
        }
        String name = text.substring(0, i);
        if (i < n && text.charAt(i) == '(') {
            int close = text.indexOf(')', i);
            if (close < 0) throw new IllegalArgumentException("parameter list of macro " + name + " is not closed: '" + abbreviate(text) + "'");
            String inside = text.substring(i + 1, close).strip();
            List<String> params = inside.isEmpty() ? List.of()
                    : java.util.Arrays.stream(inside.split(",")).map(String::strip).toList();
            return new MacroDefinition(name, params, text.substring(close + 1).strip());
        }
        return new MacroDefinition(name, null, text.substring(i).strip());
    }

    static boolean isIdentifierPart(char c) {
        return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** The definition as {@code #define} would spell it, without the directive. */
    public String text() {
        String head = parameters == null ? name : name + "(" + String.join(", ", parameters) + ")";
        return body.isEmpty() ? head : head + " " + body;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
