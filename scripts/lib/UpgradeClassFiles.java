import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Copies a jar, rewriting its classes compiled for Java 5 or older (class file version below 50) as
 * version 52 classes with stack maps, so that the JDK's ahead-of-time cache can hold them: it skips
 * "old" classes, which is why picocli (built for Java 5) was loaded and verified from its jar on every
 * start of the CLI. The bytecode itself is unchanged; only the version and the StackMapTable that
 * version requires are written. A class that cannot be rewritten is copied as it is.
 *
 * <p>Usage (by scripts/dwarfbind after a build): java UpgradeClassFiles.java IN.jar OUT.jar
 */
public final class UpgradeClassFiles {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        int upgraded = 0;
        int kept = 0;
        try (var loader = new URLClassLoader(new URL[] {in.toUri().toURL()}, null);
             JarFile jar = new JarFile(in.toFile());
             OutputStream os = Files.newOutputStream(tmp);
             JarOutputStream jos = new JarOutputStream(os)) {
            ClassFile cf = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                byte[] bytes = jar.getInputStream(e).readAllBytes();
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    var model = cf.parse(bytes);
                    if (model.majorVersion() < 50) {
                        try {
                            bytes = cf.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                                    .andThen((cb, ce) -> {
                                        if (ce instanceof ClassFileVersion) cb.withVersion(52, 0);
                                        else cb.with(ce);
                                    }));
                            upgraded++;
                        } catch (RuntimeException ex) {
                            kept++;   // e.g. jsr/ret, which version 50+ forbids: left as it was
                        }
                    }
                }
                JarEntry copy = new JarEntry(e.getName());
                copy.setTime(e.getTime());
                jos.putNextEntry(copy);
                jos.write(bytes);
                jos.closeEntry();
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.err.println("UpgradeClassFiles: " + in.getFileName() + ": " + upgraded + " classes rewritten as version 52"
                + (kept > 0 ? ", " + kept + " left as they were" : ""));
    }
}
