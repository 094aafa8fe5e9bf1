package dev.dwarfbind.gen;

import dev.dwarfbind.bind.internal.clang.HeaderTyping;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.gen.model.Binding;
import dev.dwarfbind.gen.model.CallbackModel;
import dev.dwarfbind.gen.model.LibraryInfo;
import dev.dwarfbind.gen.model.RecordModel;
import dev.dwarfbind.gen.write.CallbackWriter;
import dev.dwarfbind.gen.write.JavaFile;
import dev.dwarfbind.gen.write.LibraryWriter;
import dev.dwarfbind.gen.write.RecordWriter;
import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.types.TypeSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates Java bindings for a library from its debug info:
 * {@code Generator.generate(DebugInfo.open(path), options).writeTo(dir)}, or from its C headers:
 * {@code Generator.generate(path, Headers.of("zlib.h"), options)}.
 */
public final class Generator {
    private Generator() {
    }

    /**
     * The binding of the library {@code info} describes.
     *
     * @throws NoDebugInfoException     if it has no debug info dwarfbind can read
     * @throws GenerationException  if it was built for a big-endian target (generated code
     *                              reads bitfields little-endian)
     */
    public static Result generate(DebugInfo info, GenOptions options) throws NoDebugInfoException {
        if (!info.target().littleEndian()) {
            throw new GenerationException(info.path() + " is big-endian; dwarfbind generates bindings for little-endian targets only");
        }
        TypeSystem ts = info.typeSystem();
        String fileName = info.path().getFileName().toString();
        String className = options.className() != null ? options.className() : className(fileName);
        String typedFrom = (info.pe().isPresent() && !info.debugFile().equals(info.path()) ? "PDB " : "DWARF ")
                + (info.debugFile().equals(info.path()) ? "" : "in " + info.debugFile());
        String location = options.libraryLocation() != null ? options.libraryLocation() : info.path().toAbsolutePath().toString();
        var library = new LibraryInfo(location, fileName, info.buildId().orElse(null), "debug info (" + typedFrom.trim() + ")");
        return generate(ts, options, library, className);
    }

    /**
     * The binding of the library at {@code path} typed by its C {@code headers}, parsed by libclang:
     * for a stripped library with no debug info anywhere (a system {@code libz.so.1} with
     * {@code zlib.h}); where it has debug info, that wins and the headers add their macros, as
     * {@code Library.open(path, headers)} does. The headers' macros become constants. Bound-mode
     * code opens the library with the same headers again (so they and libclang are needed where it
     * runs); standalone code needs neither.
     *
     * @throws IOException                        if the library cannot be read
     * @throws dev.dwarfbind.clang.ClangException if Clang reports errors in the headers
     * @throws GenerationException                if it was built for a big-endian target
     */
    public static Result generate(Path path, Headers headers, GenOptions options) throws IOException {
        TypeSystem ts = HeaderTyping.library(path, headers);
        if (!ts.target().littleEndian()) {
            throw new GenerationException(path + " is big-endian; dwarfbind generates bindings for little-endian targets only");
        }
        String fileName = path.getFileName().toString();
        String className = options.className() != null ? options.className() : className(fileName);
        String buildId = ElfFile.open(path).buildId().orElse(null);
        String location = options.libraryLocation() != null ? options.libraryLocation() : path.toAbsolutePath().toString();
        // Bound code runs elsewhere: relative include directories are this run's.
        Headers forRuntime = headers;
        if (!headers.includeDirs().isEmpty()) {
            forRuntime = new Headers(headers.headers(), headers.code(), headers.includeDirs().stream().map(d -> d.toAbsolutePath().normalize()).toList(),
                    headers.defines(), headers.target(), headers.ownFiles(), headers.nameFilters(), headers.clangArguments(),
                    headers.isolation(), headers.timeout());
        }
        String names = String.join(", ", headers.headers());
        var library = new LibraryInfo(location, fileName, buildId, "C headers (" + (names.isEmpty() ? "C declarations" : names)
                + ", parsed by libclang; debug info, where the library has any, wins)", forRuntime);
        return generate(ts, options, library, className);
    }

    private static Result generate(TypeSystem ts, GenOptions options, LibraryInfo library, String className) {
        Binding b = new ModelBuilder(ts, options, library).build(className);
        return new Result(b, files(b));
    }

    private static List<JavaFile> files(Binding b) {
        var out = new ArrayList<JavaFile>();
        out.add(LibraryWriter.write(b));
        for (RecordModel r : b.records()) out.add(RecordWriter.write(b.packageName(), r));
        for (CallbackModel c : b.callbacks()) out.add(CallbackWriter.file(b.packageName(), c));
        return out;
    }

    /**
     * The class name for a library file: {@code libz.so.1} gives {@code Z}, {@code libgsl.so}
     * {@code Gsl}, {@code lib-foo_bar.so} {@code FooBar}.
     */
    public static String className(String fileName) {
        String n = fileName;
        int dot = n.indexOf('.');
        if (dot > 0) n = n.substring(0, dot);
        if (n.startsWith("lib") && n.length() > 3) n = n.substring(3);
        var sb = new StringBuilder();
        boolean up = true;
        for (char c : n.toCharArray()) {
            if (!Character.isJavaIdentifierPart(c) || c == '_' || c == '$') {
                up = true;
                continue;
            }
            sb.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        if (sb.isEmpty() || !Character.isJavaIdentifierStart(sb.charAt(0))) sb.insert(0, "Lib");
        String s = sb.toString();
        return JavaNames.isReserved(s.toLowerCase(Locale.ROOT)) && s.equals(s.toLowerCase(Locale.ROOT)) ? s + "_" : s;
    }

    /**
     * What one run generated.
     *
     * @param binding the declaration model
     * @param files   the source files
     */
    public record Result(Binding binding, List<JavaFile> files) {
        /** Writes every file under {@code dir} (package directories created); returns the paths written. */
        public List<Path> writeTo(Path dir) throws IOException {
            var written = new ArrayList<Path>();
            for (JavaFile f : files) {
                Path p = dir.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
                written.add(p);
            }
            return written;
        }
    }
}
