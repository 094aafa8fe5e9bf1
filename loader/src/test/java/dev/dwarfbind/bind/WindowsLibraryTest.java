package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.debuginfo.DebugInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Windows DLL on Linux: its types are read (from its PDB or its MinGW DWARF), but loading it
 * for calls is refused before anything is mapped, with the reason.
 */
class WindowsLibraryTest {
    @Test
    void aDllIsTypedButNotLoadedOnLinux() throws Exception {
        for (Path dll : new Path[]{LoaderFixtures.windowsLibrary("clang-mingw-pdb", "demo"), LoaderFixtures.windowsLibrary("gcc-mingw-dwarf", "demo")}) {
            var info = DebugInfo.open(dll);
            assertEquals("windows", info.target().os());
            assertTrue(info.lazyTypeSystem().function("add").isPresent(), dll + " types add");
            var e = assertThrows(BindingException.class, () -> Library.open(dll));
            assertTrue(e.getMessage().contains("a Windows library cannot be loaded on Linux") && e.getMessage().contains(dll.toString()),
                    e.getMessage());
        }
    }
}
