package dev.dwarfbind.headers;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture library's C sources, read by Clang as headers (function bodies skipped), give the
 * types the DWARF of that library says, flavour by flavour for the flavours clang-19 built (DWARF 4
 * and 5, -O0 and -O2, bfd and lld, split DWARF, compressed sections).
 */
class FixtureSourcesMatchDwarfTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureSourceAgreesWithTheDwarfOfEveryClangFlavour() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path sources = Build.fixtureSources();
        for (String flavour : Build.flavours()) {
            if (!flavour.startsWith("clang-")) continue;
            try (Stream<Path> dirs = Files.list(sources)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    Path lib = Build.dir().resolve("fixtures").resolve(flavour).resolve("lib" + dir.getFileName() + ".so");
                    tests.add(DynamicTest.dynamicTest(flavour + "/" + dir.getFileName(), () -> check(lib, dir)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Path lib, Path sourceDir) throws Exception {
        Build.existing(lib, "build-fixtures");
        TypeSystem dwarf = DebugInfo.open(lib).typeSystem();
        int compared = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(sourceDir)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        for (Path c : files) {
            HeaderTypes h = HeadersMatchDwarfTest.read(lib, Headers.of(c.toString()).withIncludeDirs(sourceDir));
            List<TypeDifference> diffs = new ArrayList<>(HeadersMatchDwarfTest.real(TypeComparison.compare(dwarf, h.types())));
            // symbols_nodebug.c is compiled without -g: the headers type what DWARF cannot.
            diffs.removeIf(d -> d.kind() == TypeDifference.Kind.MISSING_FROM_DWARF && c.endsWith("symbols_nodebug.c"));
            // A struct whose only under-aligned member is packed keeps the alignment of its other
            // members (2 here); DWARF records no alignment for it and the DWARF reader infers 1
            // from the packed member (docs/reader.md). Clang's layout is the compiler's own.
            diffs.removeIf(d -> d.kind() == TypeDifference.Kind.LAYOUT && d.subject().equals("struct packed_member_only")
                    && d.dwarf().replace("align 1", "align 2").equals(d.headers()));
            // unit_a.c and unit_b.c each define a different struct local_conf on purpose; the
            // library's type of that name is one of them.
            diffs.removeIf(d -> d.kind() == TypeDifference.Kind.LAYOUT && d.subject().equals("struct local_conf"));
            assertEquals(List.of(), diffs, () -> c + ":\n" + String.join("\n", diffs.stream().map(Object::toString).toList()));
            compared += h.types().functions().size();
            // GCC vector types: the DWARF reader reads them as arrays (which C cannot pass by
            // value); the header reader refuses them, naming the type.
            for (var u : h.types().untyped()) {
                if (u.reason().contains("is a vector type, which dwarfbind does not support")) compared++;
            }
        }
        // Each library's exported functions are all defined in one of its sources.
        assertTrue(compared >= dwarf.functions().size(), lib + ": compared " + compared + " of " + dwarf.functions().size());
    }
}
