package dev.dwarfbind.gen;

import dev.dwarfbind.gen.model.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** Generates, compiles and runs bindings of the demo fixture. */
class DemoGenTest {
    @TempDir
    Path tmp;

    @Test
    void standaloneDemoBindingsCompileAndCall() throws Exception {
        Path lib = Compiled.fixture("clang-dwarf5-O2-lld", "demo");
        var options = new GenOptions("gen.demo", "Demo", List.of(), List.of(), Mode.STANDALONE, null);
        Compiled c = Compiled.of(lib, options, "demo", tmp, false);
        c.run("gen.demo.DemoUsage");
    }
}
