package dev.dwarfbind.gen.write;

import java.util.HexFormat;

/** Literals and documentation text, escaped for where they go in Java source. */
final class Text {
    private Text() {
    }

    /** A Java string literal, quotes included; only ASCII printable characters are left as they are. */
    static String string(String s) {
        var b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) b.append(c);
                    else b.append("\\u").append(HexFormat.of().toHexDigits(c));
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * C text as a Javadoc code block. Javadoc comments end at {@code *}{@code /} and the compiler
     * reads {@code \}{@code u} escapes even in comments, so neither survives; braces stay balanced
     * in C declarations, which {@code {@code}} needs.
     */
    static String code(String c) {
        return "<pre>{@code\n" + commentSafe(c) + "\n}</pre>";
    }

    /** Text safe inside a comment, as HTML: no comment end, no unicode escape, no markup. */
    static String plain(String s) {
        return commentSafe(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String commentSafe(String s) {
        return s.replace("*/", "* /").replace("\\u", "\\ u");
    }

    /** A {@code long} literal. */
    static String longLiteral(long v) {
        return v == Long.MIN_VALUE ? "Long.MIN_VALUE" : v + "L";
    }

    /** A {@code double} literal. */
    static String doubleLiteral(double d) {
        if (Double.isNaN(d)) return "Double.NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        return Double.toString(d);
    }
}
