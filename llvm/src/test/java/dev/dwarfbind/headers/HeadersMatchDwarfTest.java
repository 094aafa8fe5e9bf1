package dev.dwarfbind.headers;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The type system Clang gives from a library's headers equals the one the compiler wrote into its
 * DWARF (read by the project's DWARF reader, whose own tests check it against llvm-dwarfdump),
 * up to what {@link TypeComparison} documents as invisible to a caller.
 */
class HeadersMatchDwarfTest {

    static HeaderTypes read(Path lib, Headers headers) throws Exception {
        ElfFile elf = ElfFile.open(lib);
        return HeaderReader.read(headers, elf.target(), DebugInfo.exports(elf));
    }

    static List<TypeDifference> real(List<TypeDifference> diffs) {
        return diffs.stream().filter(d -> d.kind() != TypeDifference.Kind.MISSING_FROM_HEADERS).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc"})
    void zlibHeadersAgreeWithItsDwarf(String compiler) throws Exception {
        Path dir = Build.existing(Build.dir().resolve("zlib").resolve(compiler), "build-zlib");
        Path lib = dir.resolve("libz.so");
        TypeSystem dwarf = DebugInfo.open(lib).typeSystem();
        HeaderTypes h = read(lib, Headers.of("zlib.h").withIncludeDirs(dir.resolve("tree")));
        List<TypeDifference> diffs = TypeComparison.compare(dwarf, h.types());
        assertEquals(List.of(), real(diffs), () -> String.join("\n", diffs.stream().map(Object::toString).toList()));
        // zlib.h declares the 64-bit-offset variants only under _LARGEFILE64_SOURCE: they are the only
        // exports typed by DWARF and not by the header.
        for (TypeDifference d : diffs) assertTrue(d.subject().endsWith("64"), d.toString());
        assertTrue(h.types().functions().size() >= 80, "functions typed: " + h.types().functions().size());
        assertTrue(dwarf.functions().keySet().containsAll(h.types().functions().keySet()));
        // Parameter names of declarations come from the header.
        var compress2 = h.types().function("compress2").orElseThrow();
        assertEquals("int compress2(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen, int level);",
                dev.dwarfbind.cprint.CPrinter.declaration(h.types(), compress2));
        // Every struct zlib.h defines was compared.
        for (String s : List.of("struct z_stream_s", "struct gz_header_s", "struct gzFile_s")) {
            assertTrue(dwarf.typeNamed(s).isPresent() && h.types().typeNamed(s).isPresent(), s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clang", "gcc"})
    void libffiHeadersAgreeWithItsDwarf(String compiler) throws Exception {
        Path dir = Build.existing(Build.dir().resolve("libffi").resolve(compiler), "build-libffi");
        Path lib = dir.resolve("libffi.so");
        TypeSystem dwarf = DebugInfo.open(lib).typeSystem();
        HeaderTypes h = read(lib, Headers.of("ffi.h").withIncludeDirs(dir.resolve("obj/include")).withOwnFiles("ffitarget.h"));
        List<TypeDifference> diffs = real(TypeComparison.compare(dwarf, h.types()));
        // A real disagreement the comparison finds: ffi.h declares the built-in type descriptors
        // `ffi_type ffi_type_int;`, types.c defines them `const ffi_type` (read-only data). Nothing
        // else differs.
        for (TypeDifference d : diffs) {
            assertEquals(TypeDifference.Kind.VARIABLE, d.kind(), d::toString);
            assertTrue(d.subject().startsWith("ffi_type_"), d::toString);
            assertEquals("const struct _ffi_type", d.dwarf(), d::toString);
            assertEquals("struct _ffi_type", d.headers(), d::toString);
        }
        assertTrue(diffs.size() >= 10, diffs::toString);
        assertTrue(h.types().functions().size() >= 20, "functions typed: " + h.types().functions().size());
        assertTrue(h.types().typeNamed("struct _ffi_type").isPresent());
        assertEquals(1, h.types().constant("FFI_TYPE_INT").orElseThrow().intValue());
        assertEquals(13, h.types().constant("FFI_TYPE_STRUCT").orElseThrow().intValue());
    }
}
