package dev.dwarfbind.debuginfo;

import dev.dwarfbind.testing.CanonicalTypes;
import dev.dwarfbind.testing.Fixtures;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lazy type system, asked one export at a time in a random order (each found through
 * {@code .debug_aranges} in its own unit where the producer wrote aranges), types every export
 * exactly as the eager reading of the whole library does: the same type graph, compared in the
 * canonical form that ignores id order.
 */
class LazyTypeSystemTest {
    @ParameterizedTest
    @ValueSource(strings = {"zlib/gcc/libz.so", "zlib/clang/libz.so", "fixtures/gcc-dwarf4-O2-bfd/libtypes.so",
            "fixtures/clang-dwarf5-O2-lld/libtypes.so", "fixtures/gcc-dwarf5-O0-lld/libcalls.so",
            "fixtures/gcc-dwarf4-O2-bfd/libsymbols.so", "/usr/lib/x86_64-linux-gnu/libgsl.so.27"})
    void oneExportAtATimeEqualsTheWholeLibrary(String library) throws IOException {
        Path path = library.startsWith("/") ? Path.of(library) : Fixtures.buildDir().resolve(library);
        assertTrue(Files.isRegularFile(path), path + " is missing (scripts/build-zlib, scripts/build-fixtures, or libgsl27 + libgsl-dbg from scripts/bootstrap)");
        TypeSystem eager = DebugInfo.open(path).typeSystem();
        TypeSystem lazy = DebugInfo.open(path).lazyTypeSystem();
        var names = new ArrayList<>(lazy.exportNames());
        long seed = new Random().nextLong();
        Collections.shuffle(names, new Random(seed));
        for (String name : names) {
            boolean typed = lazy.function(name).isPresent() || lazy.variable(name).isPresent() || lazy.untypedSymbol(name).isPresent();
            assertTrue(typed, name + " is neither typed nor listed untyped (seed " + seed + ")");
        }
        assertFalse(lazy.isComplete(), "asking for exports must not read everything");
        assertEquals(CanonicalTypes.json(eager), CanonicalTypes.json(lazy), library + ", order seed " + seed);
        assertEquals(eager.untyped(), lazy.untyped());
    }
}
