package dev.dwarfbind.llvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the LLVM 19 toolchain is on this machine. Each {@link Tool} is looked for, in order, at the path
 * in its system property, at the path in its environment variable, then at the paths where Debian's and
 * apt.llvm.org's LLVM 19 packages install it. The first existing file wins; none gives a {@link
 * ToolNotFoundException} listing every path tried.
 *
 * <p>Only LLVM 19 is looked for by default: the C APIs used are stable across releases, but the JIT's
 * wrappers are compiled with the clang found here and must match the libLLVM that runs them, so mixing
 * versions is left to users who set the properties explicitly.
 */
public final class Toolchain {

    /** A part of the toolchain, with the property and variable that override its location. */
    public enum Tool {
        /** The shared libclang ({@code clang-c/Index.h}), for reading C headers. */
        LIBCLANG("libclang", "dwarfbind.libclang", "DWARFBIND_LIBCLANG", "libclang-19-dev",
                List.of("/usr/lib/llvm-19/lib/libclang.so.1", "/usr/lib/llvm-19/lib/libclang-19.so",
                        "/usr/lib/x86_64-linux-gnu/libclang-19.so.1", "/usr/lib/aarch64-linux-gnu/libclang-19.so.1")),
        /** The shared libLLVM ({@code llvm-c/*.h}), for the JIT. */
        LIBLLVM("libLLVM", "dwarfbind.libllvm", "DWARFBIND_LIBLLVM", "libllvm19",
                List.of("/usr/lib/llvm-19/lib/libLLVM.so.1", "/usr/lib/llvm-19/lib/libLLVM-19.so",
                        "/usr/lib/x86_64-linux-gnu/libLLVM.so.19.1", "/usr/lib/x86_64-linux-gnu/libLLVM-19.so",
                        "/usr/lib/aarch64-linux-gnu/libLLVM.so.19.1")),
        /** The clang executable, for compiling C at run time and lowering JIT wrappers. */
        CLANG("clang", "dwarfbind.clang", "DWARFBIND_CLANG", "clang-19",
                List.of("/usr/lib/llvm-19/bin/clang", "/usr/bin/clang-19"));

        private final String description;
        private final String property;
        private final String environment;
        private final String debianPackage;
        private final List<String> defaults;

        Tool(String description, String property, String environment, String debianPackage, List<String> defaults) {
            this.description = description;
            this.property = property;
            this.environment = environment;
            this.debianPackage = debianPackage;
            this.defaults = defaults;
        }

        /** A short name for messages, e.g. {@code libclang}. */
        public String description() {
            return description;
        }

        /** The system property naming its path, e.g. {@code dwarfbind.libclang}. */
        public String property() {
            return property;
        }

        /** The environment variable naming its path, e.g. {@code DWARFBIND_LIBCLANG}. */
        public String environment() {
            return environment;
        }

        /** The Debian package that installs it. */
        public String debianPackage() {
            return debianPackage;
        }

        /** The package paths tried after the property and the variable. */
        public List<String> defaultPaths() {
            return defaults;
        }
    }

    private Toolchain() {
    }

    /**
     * The path of {@code tool} on this machine.
     *
     * @throws ToolNotFoundException naming every path tried
     */
    public static Path find(Tool tool) {
        return find(tool, System::getProperty, System.getenv());
    }

    /** {@link #find(Tool)} with the properties and environment given, for tests. */
    static Path find(Tool tool, Function<String, String> properties, Map<String, String> environment) {
        List<Path> tried = new ArrayList<>();
        String fromProperty = properties.apply(tool.property());
        String fromEnvironment = environment.get(tool.environment());
        List<String> candidates = new ArrayList<>();
        if (fromProperty != null && !fromProperty.isBlank()) {
            candidates.add(fromProperty);
        }
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            candidates.add(fromEnvironment);
        }
        // An explicit setting that does not exist is an error of its own: falling back to the
        // packaged copy would silently use another version than the one the user asked for.
        boolean explicit = !candidates.isEmpty();
        if (!explicit) {
            candidates.addAll(tool.defaultPaths());
        }
        for (String c : candidates) {
            Path p = Path.of(c);
            tried.add(p);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ToolNotFoundException(tool, tried);
    }
}
