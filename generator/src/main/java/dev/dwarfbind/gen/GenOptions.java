package dev.dwarfbind.gen;

import dev.dwarfbind.gen.model.Mode;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to generate.
 *
 * @param packageName      the Java package ({@code com.example.z})
 * @param className        the library class; {@code null} for one derived from the file name
 *                         ({@code libz.so.1} gives {@code Z})
 * @param includeFunctions regular expressions; only exported functions and variables whose whole
 *                         name matches one are generated (all when empty)
 * @param includeTypes     regular expressions matched against type names ({@code "struct point"},
 *                         {@code "point"}, a typedef name); matching types are generated besides
 *                         those the included functions reach (all when both lists are empty)
 * @param mode             standalone or bound
 * @param libraryLocation  what generated code loads by default: the path (or name) it was given,
 *                         or {@code null} for the library's own path
 * @param errnoFunctions   regular expressions; functions whose whole name matches one capture
 *                         {@code errno} right after each call (read with the library class's
 *                         {@code errno()})
 */
public record GenOptions(String packageName, String className, List<Pattern> includeFunctions,
                         List<Pattern> includeTypes, Mode mode, String libraryLocation, List<Pattern> errnoFunctions) {
    private static final Pattern PACKAGE = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final Pattern IDENT = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

    public GenOptions {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(mode, "mode");
        includeFunctions = List.copyOf(includeFunctions);
        includeTypes = List.copyOf(includeTypes);
        errnoFunctions = List.copyOf(errnoFunctions);
        if (!PACKAGE.matcher(packageName).matches()) throw new IllegalArgumentException("not a Java package name: " + packageName);
        for (String part : packageName.split("\\.")) {
            if (JavaNames.isReserved(part)) throw new IllegalArgumentException("package " + packageName + " uses the reserved word " + part);
        }
        if (className != null && (!IDENT.matcher(className).matches() || JavaNames.isReserved(className))) {
            throw new IllegalArgumentException("not a Java class name: " + className);
        }
    }

    /** Options without errno capture. */
    public GenOptions(String packageName, String className, List<Pattern> includeFunctions, List<Pattern> includeTypes,
                      Mode mode, String libraryLocation) {
        this(packageName, className, includeFunctions, includeTypes, mode, libraryLocation, List.of());
    }

    /** Options generating everything, standalone. */
    public static GenOptions of(String packageName, String className) {
        return new GenOptions(packageName, className, List.of(), List.of(), Mode.STANDALONE, null);
    }

    /** The same options in {@code m}. */
    public GenOptions withMode(Mode m) {
        return new GenOptions(packageName, className, includeFunctions, includeTypes, m, libraryLocation, errnoFunctions);
    }

    /** The same options, capturing errno after calls of the functions {@code regexes} match. */
    public GenOptions withErrno(String... regexes) {
        return new GenOptions(packageName, className, includeFunctions, includeTypes, mode, libraryLocation,
                java.util.Arrays.stream(regexes).map(Pattern::compile).toList());
    }

    /** Whether calls of {@code name} capture errno. */
    boolean capturesErrno(String name) {
        return errnoFunctions.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** Whether an exported function or variable is wanted. */
    boolean wantsFunction(String name) {
        return includeFunctions.isEmpty() || includeFunctions.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** Whether a type is explicitly wanted, by any of its names. */
    boolean wantsType(String... names) {
        if (includeTypes.isEmpty()) return includeFunctions.isEmpty();
        for (String n : names) {
            if (n != null && includeTypes.stream().anyMatch(p -> p.matcher(n).matches())) return true;
        }
        return false;
    }

    /** Whether no filter was given: everything the library has is generated. */
    boolean everything() {
        return includeFunctions.isEmpty() && includeTypes.isEmpty();
    }
}
