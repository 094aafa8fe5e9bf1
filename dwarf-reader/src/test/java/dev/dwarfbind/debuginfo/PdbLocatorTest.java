package dev.dwarfbind.debuginfo;

import dev.dwarfbind.pe.PeFile;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding a DLL's PDB: next to it, in a symbol store given as an {@code _NT_SYMBOL_PATH}-style
 * path ({@code srv*store*url}, symbol-server layout), refused with both identities when the GUID
 * or age differ, and a clear error listing every place looked at when absent. The DLLs come from
 * the freestanding msvc flavour, whose CodeView record holds the bare PDB name.
 */
class PdbLocatorTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearSymbolPath() {
        System.clearProperty("dwarfbind.symbolPath");
    }

    private Path copyDll(String lib, Path dir) throws Exception {
        Files.createDirectories(dir);
        return Files.copy(Fixtures.windowsLibrary("clang-msvc-pdb", lib), dir.resolve("lib" + lib + ".dll"));
    }

    private static Path pdbOf(String lib) {
        Path dll = Fixtures.windowsLibrary("clang-msvc-pdb", lib);
        return dll.resolveSibling("lib" + lib + ".pdb");
    }

    @Test
    void findsThePdbNextToTheDll() throws Exception {
        Path dll = copyDll("types", tmp.resolve("app"));
        Files.copy(pdbOf("types"), tmp.resolve("app/libtypes.pdb"));
        DebugInfo info = DebugInfo.open(dll);
        assertEquals(tmp.resolve("app/libtypes.pdb"), info.debugFile());
        assertTrue(info.typeSystem().function("ag_translate").isPresent());
    }

    @Test
    void findsThePdbInASymbolStore() throws Exception {
        Path dll = copyDll("types", tmp.resolve("app"));
        String key = PeFile.open(dll).codeView().orElseThrow().symbolServerKey();
        Path stored = tmp.resolve("store/libtypes.pdb").resolve(key).resolve("libtypes.pdb");
        Files.createDirectories(stored.getParent());
        Files.copy(pdbOf("types"), stored);
        System.setProperty("dwarfbind.symbolPath", "srv*" + tmp.resolve("store") + "*https://msdl.microsoft.com/download/symbols");
        DebugInfo info = DebugInfo.open(dll);
        assertEquals(stored, info.debugFile());
        assertTrue(info.lazyTypeSystem().function("ag_translate").isPresent());
    }

    @Test
    void refusesAPdbOfAnotherBuildNamingBoth() throws Exception {
        Path dll = copyDll("types", tmp.resolve("app"));
        Files.copy(pdbOf("calls"), tmp.resolve("app/libtypes.pdb"));
        var e = assertThrows(BuildIdMismatchException.class, () -> DebugInfo.open(dll));
        String wanted = PeFile.open(dll).codeView().orElseThrow().guidString();
        assertTrue(e.getMessage().contains(wanted) && e.getMessage().contains(tmp.resolve("app/libtypes.pdb").toString()), e.getMessage());
        String found = PeFile.open(Fixtures.windowsLibrary("clang-msvc-pdb", "calls")).codeView().orElseThrow().guidString();
        assertTrue(e.getMessage().contains(found), e.getMessage());
    }

    @Test
    void listsWhereItLookedWhenThereIsNoPdb() throws Exception {
        Path dll = copyDll("types", tmp.resolve("app"));
        System.setProperty("dwarfbind.symbolPath", tmp.resolve("store") + ";cache*" + tmp.resolve("cache"));
        var e = assertThrows(NoDebugInfoException.class, () -> DebugInfo.open(dll));
        String key = PeFile.open(dll).codeView().orElseThrow().symbolServerKey();
        for (Path p : new Path[]{tmp.resolve("app/libtypes.pdb"), tmp.resolve("store/libtypes.pdb/" + key + "/libtypes.pdb"),
                tmp.resolve("cache/libtypes.pdb")}) {
            assertTrue(e.getMessage().contains(p.toString()), "message names " + p + ": " + e.getMessage());
        }
    }
}
