package dev.dwarfbind.gen;

import dev.dwarfbind.debuginfo.DebugInfo;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generated bindings compiled as a user compiles them ({@code javac -Xlint:all -Werror}), together
 * with usage code from the test resources that calls only the generated API.
 *
 * @param sources where the generated sources are
 * @param classes where the compiled classes are
 * @param result  what the generator returned
 */
record Compiled(Path sources, Path classes, Generator.Result result) {

    /** The fixture build directory ({@code -Ddwarfbind.build}). */
    static Path build() {
        String prop = System.getProperty("dwarfbind.build");
        return (prop != null ? Path.of(prop) : Path.of("build")).toAbsolutePath().normalize();
    }

    /** A built library under {@link #build()}, or a failure saying which script makes it. */
    static Path library(String relative, String script) {
        Path p = build().resolve(relative);
        if (!Files.isRegularFile(p)) throw new IllegalStateException(p + " is missing: run " + script + " first");
        return p;
    }

    static Path fixture(String flavour, String name) {
        return library("fixtures/" + flavour + "/lib" + name + ".so", "scripts/build-fixtures");
    }

    /**
     * Generates bindings for {@code lib} into {@code dir}/src and compiles them with the usage
     * sources of {@code usage} (a directory under the test resources, or {@code null}) into
     * {@code dir}/classes; the class path is this JVM's (for bound mode's loader) unless
     * {@code javaBaseOnly}.
     */
    static Compiled of(Path lib, GenOptions options, String usage, Path dir, boolean javaBaseOnly) throws IOException {
        return of(Generator.generate(DebugInfo.open(lib), options), usage, dir, javaBaseOnly);
    }

    /** {@link #of(Path, GenOptions, String, Path, boolean)} for what the generator already returned. */
    static Compiled of(Generator.Result r, String usage, Path dir, boolean javaBaseOnly) throws IOException {
        Path src = dir.resolve("src");
        r.writeTo(src);
        var files = new ArrayList<Path>();
        try (Stream<Path> s = Files.walk(src)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        if (usage != null) {
            Path u = Path.of("src/test/usage", usage);
            try (Stream<Path> s = Files.walk(u)) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(files, classes, javaBaseOnly ? null : System.getProperty("java.class.path"));
        return new Compiled(src, classes, r);
    }

    static void compile(List<Path> files, Path classes, String classPath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            var options = new ArrayList<>(List.of("-Xlint:all", "-Werror", "--release", "25", "-d", classes.toString(),
                    "-implicit:none", "-proc:none"));
            if (classPath != null) options.addAll(List.of("-cp", classPath));
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
                var sb = new StringBuilder("javac -Xlint:all -Werror failed:");
                int n = 0;
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (n++ == 20) break;
                    sb.append('\n').append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                            .append(d.getMessage(null));
                }
                throw new AssertionError(sb.toString());
            }
        }
    }

    /** Runs {@code main} of {@code className} in this JVM, in a class loader over the compiled classes. */
    void run(String className, String... args) throws Exception {
        try (var loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, Compiled.class.getClassLoader())) {
            var main = loader.loadClass(className).getMethod("main", String[].class);
            try {
                main.invoke(null, (Object) args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) throw ex;
                if (e.getCause() instanceof Error err) throw err;
                throw e;
            }
        }
    }

    /** The text of a generated file ({@code "gen/demo/Demo.java"}). */
    String source(String path) {
        try {
            return Files.readString(sources.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
