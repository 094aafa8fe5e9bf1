package dev.dwarfbind.bench;

import dev.dwarfbind.bind.Library;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * A real library the open benchmarks use: how to open it, one function to call first (with its
 * arguments), another to ask for beforehand, and ten to bind.
 *
 * @param name    the benchmark parameter
 * @param path    the library file, or null to find {@code lookup} like the dynamic linker
 * @param lookup  the name {@code Library.open(String)} finds
 * @param first   the function called first
 * @param args    its arguments
 * @param warmup  a different function asked for first where the library must already be indexed
 * @param ten     ten functions to bind
 */
record RealLibrary(String name, Path path, String lookup, String first, List<Object> args, String warmup, List<String> ten) {

    static RealLibrary named(String name) {
        return switch (name) {
            case "gsl" -> new RealLibrary(name, null, "gsl", "gsl_sf_bessel_J0", List.of(1.0), "gsl_sf_gamma",
                    List.of("gsl_sf_bessel_J0", "gsl_sf_bessel_J1", "gsl_sf_gamma", "gsl_sf_erf", "gsl_sf_log",
                            "gsl_vector_alloc", "gsl_vector_free", "gsl_vector_get", "gsl_vector_set", "gsl_integration_qags"));
            case "libc" -> new RealLibrary(name, null, "c", "labs", List.of(-5L), "atoi",
                    List.of("labs", "atoi", "strtol", "strtoul", "qsort", "bsearch", "getenv", "malloc", "free", "calloc"));
            case "zlib" -> new RealLibrary(name, BenchFiles.zlib("gcc"), null, "adler32", List.of(1L, MemorySegment.NULL, 0), "crc32",
                    List.of("crc32", "adler32", "compress2", "uncompress", "deflate", "inflate", "deflateEnd", "inflateEnd",
                            "zlibVersion", "compressBound"));
            default -> throw new IllegalArgumentException("unknown library " + name + " (gsl, libc or zlib)");
        };
    }

    Library open() throws IOException {
        return path != null ? Library.open(path) : Library.open(lookup);
    }

    Object call(Library lib) {
        return lib.function(first).invoke(args.toArray());
    }
}
