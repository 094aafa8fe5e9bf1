package dev.dwarfbind.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainTest {

    @Test
    void findsEachToolOfTheLlvm19Packages() {
        // scripts/bootstrap installs clang-19, llvm-19 and libclang-19-dev, so each default must be found.
        for (Toolchain.Tool tool : Toolchain.Tool.values()) {
            Path p = Toolchain.find(tool, k -> null, Map.of());
            assertTrue(Files.isRegularFile(p), p.toString());
        }
    }

    @Test
    void propertyWinsOverEnvironment(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.so"));
        Path b = Files.createFile(dir.resolve("b.so"));
        Path found = Toolchain.find(Toolchain.Tool.LIBCLANG,
                k -> k.equals("dwarfbind.libclang") ? a.toString() : null,
                Map.of("DWARFBIND_LIBCLANG", b.toString()));
        assertEquals(a, found);
        assertEquals(b, Toolchain.find(Toolchain.Tool.LIBCLANG, k -> null, Map.of("DWARFBIND_LIBCLANG", b.toString())));
    }

    @Test
    void explicitPathThatDoesNotExistIsNamedAndNotReplacedByTheDefault(@TempDir Path dir) {
        Path missing = dir.resolve("libclang-99.so");
        ToolNotFoundException e = assertThrows(ToolNotFoundException.class, () -> Toolchain.find(
                Toolchain.Tool.LIBCLANG, k -> null, Map.of("DWARFBIND_LIBCLANG", missing.toString())));
        assertEquals(java.util.List.of(missing), e.tried());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("-Ddwarfbind.libclang"), e.getMessage());
    }
}
