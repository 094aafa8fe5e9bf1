package dev.dwarfbind.oracle;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.dwarf.SupplementaryLink;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Lua ({@code liblua5.4-0}), whose debug file from {@code liblua5.4-0-dbg} was packaged
 * with dwz: names and types are partly in the supplementary file
 * {@code /usr/lib/debug/.dwz/x86_64-linux-gnu/liblua5.4-0.debug}, shared by the package's four
 * debug files. Every struct and union must agree with {@code llvm-dwarfdump-19} (pahole cannot
 * read dwz files; see {@link VerboseDwarfdump}).
 */
class DebianDwzTest {
    private static final Path LUA = Path.of("/usr/lib/x86_64-linux-gnu/liblua5.4.so.0");

    private static DebugInfo open() throws Exception {
        if (!Files.exists(LUA)) throw new IllegalStateException(LUA + " is missing: run scripts/bootstrap (liblua5.4-0, liblua5.4-0-dbg)");
        return DebugInfo.open(LUA);
    }

    @Test
    void everyExportTypedThroughTheSupplementaryFile() throws Exception {
        DebugInfo info = open();
        assertTrue(info.debugFile().startsWith("/usr/lib/debug/.build-id"), info.debugFile().toString());
        var link = SupplementaryLink.of(ElfFile.open(info.debugFile())).orElseThrow();
        assertEquals(".gnu_debugaltlink", link.section());
        assertEquals(ElfFile.open(Path.of(link.fileName())).buildId().orElseThrow(), link.buildId());
        TypeSystem ts = info.typeSystem();
        assertTrue(ts.untyped().isEmpty(), ts.untyped().toString());
        assertTrue(ts.functions().size() > 150, ts.functions().size() + " functions");
        assertTrue(ts.typeNamed("struct lua_Debug").isPresent());
    }

    @Test
    void everyRecordAgreesWithLlvmDwarfdump() throws Exception {
        DebugInfo info = open();
        Path sup = Path.of(SupplementaryLink.of(ElfFile.open(info.debugFile())).orElseThrow().fileName());
        var oracle = new ArrayList<VerboseDwarfdump.Record>();
        oracle.addAll(VerboseDwarfdump.records(info.debugFile(), sup));
        oracle.addAll(VerboseDwarfdump.records(sup, sup));
        TypeSystem ts = info.typeSystem();
        int compared = 0;
        var problems = new ArrayList<String>();
        for (CType t : ts.types()) {
            if (!(t instanceof RecordType r) || r.tag() == null || !r.complete()) continue;
            String kind = r.kind().keyword();
            List<VerboseDwarfdump.Member> ours = r.fields().stream()
                    .map(f -> new VerboseDwarfdump.Member(f.name() == null ? "" : f.name(), bitOffset(f))).toList();
            var sameTag = oracle.stream().filter(o -> o.kind().equals(kind) && o.tag().equals(r.tag())).toList();
            if (sameTag.stream().noneMatch(o -> o.byteSize() == r.byteSize() && o.members().equals(ours))) {
                problems.add(kind + " " + r.tag() + " (" + r.byteSize() + " bytes, " + ours + ") is not in llvm-dwarfdump-19's " + sameTag);
            }
            compared++;
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(compared >= 40, compared + " records compared");
    }

    private static long bitOffset(Field f) {
        return f.isBitfield() ? f.bitOffset() : f.byteOffset() * 8;
    }
}
