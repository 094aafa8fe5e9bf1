package dev.dwarfbind.maven;

import dev.dwarfbind.clang.ClangException;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.gen.GenOptions;
import dev.dwarfbind.gen.GenerationException;
import dev.dwarfbind.gen.Generator;
import dev.dwarfbind.gen.model.Mode;
import dev.dwarfbind.gen.model.Skipped;
import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.llvm.ToolNotFoundException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Generates Java bindings for a native library from its debug info, or from its C headers
 * ({@code headers}), as {@code dwarfbind gen} does, and
 * adds them to the compile source roots. Skipped when neither the library's content nor the
 * configuration changed since the last run (a fingerprint is kept beside the output).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
    /** The shared library, with its debug info (or a debug file or sidecar found for it). */
    @Parameter(required = true)
    private File library;

    /** The Java package of the generated classes. */
    @Parameter(required = true)
    private String packageName;

    /** The library class; by default derived from the file name ({@code libz.so.1} gives {@code Z}). */
    @Parameter
    private String className;

    /** Regular expressions: only functions and variables whose whole name matches one (default: all). */
    @Parameter
    private List<String> includeFunctions = new ArrayList<>();

    /** Regular expressions: also types whose name ({@code struct tag}, {@code tag}, typedef) matches one. */
    @Parameter
    private List<String> includeTypes = new ArrayList<>();

    /** Regular expressions: functions whose errno is captured right after each call (read with the library class's {@code errno()}). */
    @Parameter
    private List<String> errnoFunctions = new ArrayList<>();

    /** {@code standalone} (java.base only, build-id checked at load) or {@code bound} (over dwarfbind's loader). */
    @Parameter(defaultValue = "standalone")
    private String mode;

    /** What generated code loads by default: a path, or a name for the system's search; default the library's absolute path. */
    @Parameter
    private String libraryName;

    /**
     * C headers typing the library, parsed by libclang, as {@code dwarfbind gen --header}: for a
     * library without debug info (a system {@code libz.so.1} with {@code zlib.h}), whose macros
     * become constants. Empty (the default): typed by its debug info.
     */
    @Parameter
    private List<String> headers = new ArrayList<>();

    /** Directories searched for the headers ({@code -I}). */
    @Parameter
    private List<File> includeDirs = new ArrayList<>();

    /** Macros defined before the headers ({@code -D NAME=VALUE}): {@code <defines><NAME>VALUE</NAME></defines>}; an empty value defines it as 1. */
    @Parameter
    private Map<String, String> defines = new LinkedHashMap<>();

    /** The Clang target triple for the headers (default: the library's own target). */
    @Parameter
    private String clangTarget;

    /**
     * Parse the headers with libclang inside Maven's JVM rather than in a child JVM: faster, but a
     * crash inside Clang ends the build.
     */
    @Parameter(defaultValue = "false")
    private boolean clangInProcess;

    /** Where the sources are written; added to the compile source roots. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/dwarfbind")
    private File outputDirectory;

    /** Skips the goal. */
    @Parameter(property = "dwarfbind.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("dwarfbind: skipped");
            return;
        }
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        Path lib = library.toPath();
        if (!Files.isRegularFile(lib)) throw new MojoExecutionException(lib + ": no such library file (parameter 'library')");
        Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "standalone" -> Mode.STANDALONE;
            case "bound" -> Mode.BOUND;
            default -> throw new MojoExecutionException("mode must be standalone or bound, not " + mode);
        };
        GenOptions options;
        try {
            options = new GenOptions(packageName, className, patterns(includeFunctions), patterns(includeTypes), m,
                    libraryName != null ? libraryName : lib.toAbsolutePath().toString(), patterns(errnoFunctions));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        Headers h = headers();
        Path out = outputDirectory.toPath();
        Path packageDir = out.resolve(packageName.replace('.', '/'));
        Path stamp = out.resolve(".dwarfbind-" + packageName + (className == null ? "" : "." + className) + ".sha256");
        try {
            // The headers' options count, not their files' content: a changed -dev package comes
            // with a changed library; mvn clean regenerates otherwise.
            String fingerprint = Fingerprint.of(lib, String.join("\n", Generator.class.getPackage().getImplementationVersion() + "",
                    options.toString(), String.valueOf(h)));
            if (Fingerprint.matches(stamp, fingerprint) && Files.isDirectory(packageDir)) {
                getLog().info("dwarfbind: bindings of " + lib.getFileName() + " are up to date in " + packageDir);
                return;
            }
            Generator.Result r = h == null ? Generator.generate(DebugInfo.open(lib), options) : Generator.generate(lib, h, options);
            deleteJavaFiles(packageDir); // what an earlier configuration generated must not linger
            r.writeTo(out);
            Files.writeString(stamp, fingerprint + "\n", StandardCharsets.UTF_8);
            var b = r.binding();
            getLog().info(String.format("dwarfbind: wrote %d files to %s: %s.%s with %d functions, %d variables, %d structs/unions",
                    r.files().size(), out, b.packageName(), b.className(), b.functions().size(), b.variables().size(), b.records().size()));
            for (Skipped s : b.skipped()) getLog().info("dwarfbind: left out " + s.name() + ": " + s.reason());
        } catch (IOException | GenerationException | ClangException | ToolNotFoundException e) {
            throw new MojoExecutionException(lib + ": " + e.getMessage(), e);
        }
    }

    /** The header options as the header reader takes them, or null when no header is named. */
    private Headers headers() throws MojoExecutionException {
        if (headers.isEmpty()) {
            if (!includeDirs.isEmpty() || !defines.isEmpty() || clangTarget != null || clangInProcess) {
                throw new MojoExecutionException("includeDirs, defines, clangTarget and clangInProcess need headers");
            }
            return null;
        }
        try {
            Headers h = Headers.of(headers.toArray(String[]::new)).withIncludeDirs(includeDirs.stream().map(File::toPath).toArray(Path[]::new));
            for (var d : defines.entrySet()) h = h.withDefine(d.getKey(), d.getValue() == null || d.getValue().isEmpty() ? null : d.getValue());
            if (clangTarget != null) h = h.withTarget(clangTarget);
            return clangInProcess ? h.inProcess() : h;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private static List<Pattern> patterns(List<String> regexes) throws MojoExecutionException {
        var out = new ArrayList<Pattern>();
        for (String r : regexes) {
            try {
                out.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                throw new MojoExecutionException(r + ": not a regular expression: " + e.getDescription(), e);
            }
        }
        return out;
    }

    private static void deleteJavaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (p.toString().endsWith(".java")) Files.delete(p);
            }
        }
    }
}
