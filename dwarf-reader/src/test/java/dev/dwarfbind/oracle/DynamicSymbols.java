package dev.dwarfbind.oracle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library's dynamic symbol table as {@code llvm-readelf-19 --dyn-syms -W} prints it: what
 * {@code dlsym} can find, read by a tool other than dwarfbind's ELF reader.
 */
public final class DynamicSymbols {
    /**
     * One {@code .dynsym} entry.
     *
     * @param name       the name without its version suffix
     * @param version    the version ({@code FIX_1.0}), or {@code null}
     * @param isDefault  whether the version is the default one ({@code name@@V}) or the symbol unversioned
     * @param value      st_value
     * @param size       st_size
     * @param type       FUNC, IFUNC, OBJECT, TLS, NOTYPE, ...
     * @param binding    GLOBAL, WEAK, LOCAL, UNIQUE
     * @param visibility DEFAULT, PROTECTED, HIDDEN, INTERNAL
     * @param section    the section index column: a number, UND or ABS
     */
    public record Symbol(String name, String version, boolean isDefault, long value, long size, String type,
                         String binding, String visibility, String section) {
        /**
         * Whether another module can bind to it: defined, global or weak (or GNU unique), default
         * or protected visibility.
         */
        public boolean exported() {
            return !section.equals("UND") && Set.of("GLOBAL", "WEAK", "UNIQUE").contains(binding)
                    && Set.of("DEFAULT", "PROTECTED").contains(visibility) && !name.isEmpty();
        }

        /** Whether it names code: FUNC, or IFUNC (whose value is the resolver's address). */
        public boolean isFunction() {
            return type.equals("FUNC") || type.equals("IFUNC");
        }
    }

    private static final Pattern ROW = Pattern.compile(
            "^\\s*\\d+:\\s+([0-9a-f]+)\\s+(0x[0-9a-f]+|\\d+)\\s+(\\w+)\\s+(\\w+)\\s+(\\w+)\\s+(\\w+)\\s*(\\S*).*$");

    private DynamicSymbols() {
    }

    /** The {@code .dynsym} entries of {@code binary}. */
    public static List<Symbol> read(Path binary) {
        return parse(Tool.stdout("llvm-readelf-19", "--dyn-syms", "-W", binary.toString()));
    }

    static List<Symbol> parse(String text) {
        var out = new ArrayList<Symbol>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) continue;
            String full = m.group(7);
            String name = full;
            String version = null;
            boolean isDefault = true;
            int at = full.indexOf('@');
            if (at >= 0) {
                name = full.substring(0, at);
                isDefault = full.startsWith("@@", at);
                version = full.substring(at + (isDefault ? 2 : 1));
            }
            String size = m.group(2);
            out.add(new Symbol(name, version, isDefault, Long.parseUnsignedLong(m.group(1), 16),
                    size.startsWith("0x") ? Long.parseLong(size.substring(2), 16) : Long.parseLong(size),
                    m.group(3), m.group(4), m.group(5), m.group(6)));
        }
        return List.copyOf(out);
    }
}
