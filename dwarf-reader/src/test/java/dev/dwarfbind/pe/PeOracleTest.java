package dev.dwarfbind.pe;

import dev.dwarfbind.oracle.Tool;
import dev.dwarfbind.pdb.MsfFile;
import dev.dwarfbind.pdb.PdbInfo;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PE container against {@code llvm-readobj-19} and the PDB info stream against
 * {@code llvm-pdbutil-19}, on every fixture DLL of every Windows flavour: section names (long
 * ones through the COFF string table), addresses and sizes; exports (name, ordinal, RVA); the
 * CodeView record (GUID, age, PDB path) and the PDB's own GUID and age.
 */
class PeOracleTest {
    private static final List<String> LIBRARIES = List.of("types", "calls", "callconv", "demo");

    private static List<Path> dlls() {
        var out = new ArrayList<Path>();
        for (String flavour : Fixtures.WINDOWS_FLAVOURS) {
            for (String lib : LIBRARIES) {
                Path p = Fixtures.buildDir().resolve("windows").resolve(flavour).resolve("lib" + lib + ".dll");
                // The freestanding msvc flavours have no libdemo (it needs stdio), the i386 one no
                // libcallconv (x86-64 conventions; the arm64 one has it, the attributes ignored):
                // the others must all exist.
                if (flavour.startsWith("clang-msvc-pdb") && lib.equals("demo")) continue;
                if (flavour.endsWith("-i686") && lib.equals("callconv")) continue;
                out.add(Fixtures.windowsLibrary(flavour, lib));
            }
        }
        return out;
    }

    private static String readobj(String option, Path dll) {
        var r = Tool.run(List.of("llvm-readobj-19", option, dll.toString()));
        assertTrue(r.ok(), r.describe());
        return r.stdout();
    }

    @Test
    void sectionsMatchReadobj() throws Exception {
        int longNames = 0;
        for (Path dll : dlls()) {
            PeFile pe = PeFile.open(dll);
            Matcher m = Pattern.compile("Name: (\\S+) \\(.*?\\)\\s+VirtualSize: 0x(\\p{XDigit}+)\\s+VirtualAddress: 0x(\\p{XDigit}+)"
                    + "\\s+RawDataSize: (\\d+)\\s+PointerToRawData: 0x(\\p{XDigit}+)").matcher(readobj("--sections", dll));
            var expected = new ArrayList<String>();
            while (m.find()) {
                expected.add(m.group(1) + " " + Long.parseLong(m.group(2), 16) + " " + Long.parseLong(m.group(3), 16) + " "
                        + m.group(4) + " " + Long.parseLong(m.group(5), 16));
            }
            var actual = pe.sections().stream().map(s -> s.name() + " " + s.virtualSize() + " " + s.rva() + " " + s.rawSize()
                    + " " + s.rawOffset()).toList();
            assertEquals(expected, actual, dll.toString());
            longNames += (int) actual.stream().filter(s -> s.startsWith(".debug_") && s.indexOf(' ') > 8).count();
            boolean i386 = dll.toString().contains("-i686");
            boolean arm64 = dll.toString().contains("-arm64");
            // The machine as llvm-readobj names it, and the architecture that implies.
            Matcher machine = Pattern.compile("Machine: IMAGE_FILE_MACHINE_(\\w+) \\(0x(\\p{XDigit}+)\\)").matcher(readobj("--file-headers", dll));
            assertTrue(machine.find(), dll.toString());
            assertEquals(i386 ? "I386" : arm64 ? "ARM64" : "AMD64", machine.group(1), dll.toString());
            assertEquals(Integer.parseInt(machine.group(2), 16), pe.machine(), dll.toString());
            assertEquals(i386 ? "x86" : arm64 ? "aarch64" : "x86_64", pe.target().arch());
            assertEquals(i386 ? PeFile.MACHINE_I386 : arm64 ? PeFile.MACHINE_ARM64 : PeFile.MACHINE_AMD64, pe.machine());
            assertEquals(!i386, pe.is64());
            assertEquals("windows", pe.target().os());
            assertEquals(i386 ? dev.dwarfbind.types.DataModel.ILP32 : dev.dwarfbind.types.DataModel.LLP64, pe.target().dataModel());
        }
        assertTrue(longNames > 20, "long section names seen: " + longNames);
    }

    @Test
    void exportsMatchReadobj() throws Exception {
        int total = 0;
        for (Path dll : dlls()) {
            Matcher m = Pattern.compile("Ordinal: (\\d+)\\s+Name: (\\S*)\\s+RVA: 0x(\\p{XDigit}+)").matcher(readobj("--coff-exports", dll));
            var expected = new ArrayList<String>();
            while (m.find()) expected.add(m.group(1) + " " + m.group(2) + " " + Long.parseLong(m.group(3), 16));
            var actual = PeFile.open(dll).exports().stream().map(e -> e.ordinal() + " " + e.name() + " " + e.rva()).toList();
            assertEquals(expected, actual, dll.toString());
            total += actual.size();
        }
        assertTrue(total > 500, "exports compared: " + total);
    }

    @Test
    void codeViewMatchesReadobjAndThePdb() throws Exception {
        int pdbs = 0;
        for (Path dll : dlls()) {
            var cv = PeFile.open(dll).codeView();
            String out = readobj("--coff-debug-directory", dll);
            Matcher m = Pattern.compile("PDBGUID: \\{([-\\p{XDigit}]+)\\}\\s+PDBAge: (\\d+)\\s+PDBFileName: ?(\\S*)\\n").matcher(out);
            if (!m.find()) {
                assertTrue(cv.isEmpty(), dll + ": llvm-readobj sees no CodeView record, dwarfbind does: " + cv);
                assertTrue(dll.toString().contains("dwarf"), dll + " should have a PDB");
                continue;
            }
            CodeViewId id = cv.orElseThrow(() -> new AssertionError(dll + ": no CodeView record read"));
            assertEquals(m.group(1), id.guidString(), dll.toString());
            assertEquals(Long.parseLong(m.group(2)), id.age(), dll.toString());
            assertEquals(m.group(3), id.pdbPath(), dll.toString());
            if (id.pdbPath().isEmpty()) {
                // ld.lld's MinGW --build-id record: a GUID naming no PDB.
                assertTrue(dll.toString().contains("dwarf"), dll + " should name its PDB");
                continue;
            }

            Path pdb = dll.resolveSibling(dll.getFileName().toString().replace(".dll", ".pdb"));
            var summary = Tool.run(List.of("llvm-pdbutil-19", "dump", "-summary", pdb.toString()));
            assertTrue(summary.ok(), summary.describe());
            Matcher s = Pattern.compile("Age: (\\d+)\\s+GUID: \\{([-\\p{XDigit}]+)\\}").matcher(summary.stdout());
            assertTrue(s.find(), summary.stdout());
            PdbInfo info = PdbInfo.read(MsfFile.open(pdb));
            assertEquals(s.group(2), new CodeViewId(info.guid(), info.age(), "").guidString(), pdb.toString());
            assertEquals(Long.parseLong(s.group(1)), info.age(), pdb.toString());
            assertTrue(id.matches(info.guid(), info.age()), pdb + " belongs to " + dll);
            assertTrue(Files.isRegularFile(pdb));
            pdbs++;
        }
        assertEquals(12, pdbs, "DLLs with a PDB (clang-mingw-pdb x4, clang-msvc-pdb x3, clang-msvc-pdb-i686 x2, clang-msvc-pdb-arm64 x3)");
    }
}
