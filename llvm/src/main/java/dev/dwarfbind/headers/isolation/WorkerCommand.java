package dev.dwarfbind.headers.isolation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dwarfbind.types.TypeSystem;

import java.io.File;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a Clang worker: this JVM's {@code java}, and this module with what it needs,
 * found where this JVM loaded them from. Not {@code java.class.path}: inside Maven (the plugin) or an
 * application server that is the host's class path, not dwarfbind's. On the module path, the
 * modules this one reads, transitively; on a class path, the jars (or directories) that hold this
 * module, the reader and Jackson (which the reader's JSON uses), the only classes the worker loads.
 */
final class WorkerCommand {
    private static final String MODULE = "dev.dwarfbind.llvm";

    private WorkerCommand() {
    }

    /** The command starting a worker that uses libclang at {@code libclang}. */
    static List<String> of(Path libclang) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small, quiet JVM: one GC thread, no core file, the crash report on stderr (not in an
        // hs_err file left behind in the working directory), its VM messages off stdout.
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-XX:-CreateCoredumpOnCrash",
                "-XX:+ErrorFileToStderr", "-XX:+DisplayVMOutputToStderr", "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Djava.awt.headless=true", "-Ddwarfbind.libclang=" + libclang));
        Module module = WorkerCommand.class.getModule();
        String main = ClangWorker.class.getName();
        if (module.isNamed() && module.getLayer() != null) {
            cmd.add("--enable-native-access=" + MODULE);
            String path = modulePath(module.getLayer());
            if (!path.isEmpty()) cmd.addAll(List.of("--module-path", path));
            cmd.addAll(List.of("-m", MODULE + "/" + main));
        } else {
            cmd.add("--enable-native-access=ALL-UNNAMED");
            cmd.addAll(List.of("-cp", classPath(), main));
        }
        return cmd;
    }

    /** The files of this module and every module it reads, transitively; modules of the run-time image need none. */
    private static String modulePath(ModuleLayer layer) {
        ResolvedModule self = layer.configuration().findModule(MODULE)
                .orElseThrow(() -> new IllegalStateException(MODULE + " is not in its own layer's configuration"));
        Set<ResolvedModule> seen = new LinkedHashSet<>();
        var todo = new ArrayDeque<ResolvedModule>();
        todo.add(self);
        while (!todo.isEmpty()) {
            ResolvedModule m = todo.poll();
            if (!seen.add(m)) continue;
            todo.addAll(m.reads());
        }
        Set<String> files = new LinkedHashSet<>();
        for (ResolvedModule m : seen) {
            m.reference().location().filter(u -> u.getScheme().equals("file")).ifPresent(u -> files.add(Path.of(u).toString()));
        }
        return String.join(File.pathSeparator, files);
    }

    private static String classPath() {
        Set<String> files = new LinkedHashSet<>();
        for (Class<?> c : List.of(WorkerCommand.class, TypeSystem.class, JsonMapper.class, JsonFactory.class, JsonProperty.class)) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            URI where;
            try {
                where = source == null ? null : source.getLocation().toURI();
            } catch (java.net.URISyntaxException e) {
                where = null;
            }
            if (where == null || !where.getScheme().equals("file")) {
                throw new IllegalStateException("cannot tell where " + c.getName() + " was loaded from, to start the Clang"
                        + " process with it; parse in this JVM instead (Headers.inProcess())");
            }
            files.add(Path.of(where).toString());
        }
        return String.join(File.pathSeparator, files);
    }
}
