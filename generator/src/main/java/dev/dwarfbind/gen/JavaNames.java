package dev.dwarfbind.gen;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Java names for C names, predictably: a C name is kept as it is unless Java reserves it
 * ({@code int}, {@code class}, {@code record}, {@code _}), which gets one {@code _} appended
 * ({@code class_}); a name already taken in its scope gets further {@code _}s until it is free
 * ({@code point}, then {@code point_} for a union of the same tag). Names of top-level classes
 * are compared ignoring case, since they are also file names.
 */
public final class JavaNames {
    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_",
            // Restricted identifiers: not usable as type names, and 'yield' not as an unqualified call.
            "var", "yield", "record", "sealed", "permits", "non-sealed", "when", "module", "open");

    private final Set<String> taken = new HashSet<>();
    private final boolean ignoreCase;

    private JavaNames(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    /** A scope of member names (methods, fields, nested classes, parameters): case matters. */
    public static JavaNames members() {
        return new JavaNames(false);
    }

    /** A scope of top-level class names, which are file names too: case is ignored. */
    public static JavaNames classes() {
        return new JavaNames(true);
    }

    /** {@code name}, with {@code _} appended if Java reserves it. */
    public static String escape(String name) {
        return RESERVED.contains(name) ? name + "_" : name;
    }

    /** Whether {@code name} can be used as it is. */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    /** Marks {@code name} taken without claiming it (a name the generated code itself uses). */
    public JavaNames reserve(String name) {
        taken.add(key(name));
        return this;
    }

    /** The escaped name, with {@code _} appended until it is free in this scope; now taken. */
    public String claim(String cName) {
        String n = escape(cName);
        while (!taken.add(key(n))) n = n + "_";
        return n;
    }

    private String key(String n) {
        return ignoreCase ? n.toLowerCase(Locale.ROOT) : n;
    }
}
