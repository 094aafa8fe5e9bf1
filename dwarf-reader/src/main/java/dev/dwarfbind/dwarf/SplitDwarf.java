package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.elf.ElfSection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Split DWARF ({@code -gsplit-dwarf}): a skeleton unit in the library (DWARF 5
 * {@code DW_UT_skeleton}, or a DWARF 4 unit with {@code DW_AT_GNU_dwo_name}) names the
 * {@code .dwo} file that holds its DIEs and carries its dwo_id. Split units are looked for, on the
 * first question, in a package {@code FILE.dwp} next to the debug file (matched through its
 * {@code .debug_cu_index}), then at the dwo name as written, relative to {@code DW_AT_comp_dir},
 * and by its file name next to the debug file. A split unit is used only if its dwo_id is the
 * skeleton's. Its addresses ({@code DW_FORM_addrx}) come from the skeleton's {@code .debug_addr},
 * its strings from its own {@code .debug_str_offsets.dwo}.
 *
 * <p>Type units come along: DWARF 5's in {@code .debug_info.dwo}, DWARF 4's in the
 * {@code .debug_types.dwo} sections (one per unit in a {@code .dwo}, one in all in a {@code .dwp}
 * whose {@code .debug_tu_index} gives each its contributions), registered by signature when the
 * file is loaded, so a {@code DW_FORM_ref_sig8} of its split unit finds them. DWARF 4's are read
 * but not yet right everywhere: gcc's fixture libtypes built with {@code -fdebug-types-section}
 * reads one pointer to {@code volatile int} as a pointer to {@code const volatile int}, so no
 * fixture flavour covers them yet.
 */
final class SplitDwarf {
    /** A loaded split-DWARF file: its units (with contributions applied) by dwo_id. */
    private record Loaded(Path path, Map<Long, Unit> byId) {
    }

    private final Dwarf dw;
    private final Map<Path, Loaded> files = new HashMap<>();
    private Loaded dwp;
    private boolean dwpLooked;
    /** Why each skeleton without a split unit has none, by skeleton. */
    private final Map<Unit, String> problems = new HashMap<>();

    SplitDwarf(Dwarf dw) {
        this.dw = dw;
    }

    /** Why {@code skeleton} has no split unit (after {@link #unitFor} returned {@code null}). */
    String problem(Unit skeleton) {
        return problems.get(skeleton);
    }

    /** The split unit of {@code skel}, loading its file; {@code null} if not found (see {@link #problem}). */
    Unit unitFor(Unit skel, Die root) {
        if (skel.split != null) return skel.split;
        if (problems.containsKey(skel)) return null;
        boolean v5 = skel.unitType == Unit.DW_UT_SKELETON;
        String name = dw.stringAttr(root, root.has(Attr.DWO_NAME) ? Attr.DWO_NAME : Attr.GNU_DWO_NAME);
        long id = v5 ? skel.typeSignature : dw.unsignedConstant(root, Attr.GNU_DWO_ID, 0);
        String compDir = dw.stringAttr(root, Attr.COMP_DIR);
        var refused = new ArrayList<String>();
        Loaded pkg = dwp(refused);
        Unit found = pkg == null ? null : pkg.byId().get(id);
        var lookedAt = new ArrayList<String>();
        if (pkg != null) {
            lookedAt.add(pkg.path().toString());
            if (found == null) refused.add(pkg.path() + " holds dwo_id " + ids(pkg) + ", but not the skeleton's " + hex(id));
        }
        if (found == null && name != null) {
            for (Path p : candidates(name, compDir)) {
                lookedAt.add(p.toString());
                if (!Files.isRegularFile(p)) continue;
                Loaded f = load(p, refused);
                if (f == null) continue;
                found = f.byId().get(id);
                if (found != null) break;
                refused.add(p + " holds dwo_id " + ids(f) + ", but the skeleton's is " + hex(id));
            }
        }
        if (found == null) {
            problems.put(skel, "split DWARF file " + (name == null ? "(unnamed)" : name) + " (dwo_id " + hex(id) + ") not found"
                    + (refused.isEmpty() ? "" : "; refused " + String.join("; ", refused)) + "; looked at " + String.join(", ", lookedAt));
            return null;
        }
        found.addrSections = skel.sections;
        found.addrBase = skel.addrBase;
        found.baseAddress = skel.baseAddress;
        if (!v5) found.rangesBase = skel.rnglistsBase; // DW_AT_GNU_ranges_base: DWARF 4 ranges live in the skeleton's file
        skel.split = found;
        return found;
    }

    private List<Path> candidates(String name, String compDir) {
        var out = new LinkedHashSet<Path>();
        Path dir = dw.file().toAbsolutePath().getParent();
        try {
            Path named = Path.of(name);
            if (named.isAbsolute()) out.add(named);
            else if (compDir != null) out.add(Path.of(compDir).resolve(named));
            out.add(dir.resolve(named.getFileName()));
            if (!named.isAbsolute()) out.add(dir.resolve(named));
        } catch (InvalidPathException e) {
            // A name no file system can hold is looked for nowhere; the problem names it.
        }
        return List.copyOf(out);
    }

    /** The package {@code DEBUGFILE.dwp}, loaded once; {@code null} if there is none. */
    private Loaded dwp(List<String> refused) {
        if (!dwpLooked) {
            dwpLooked = true;
            Path p = Path.of(dw.file().toAbsolutePath() + ".dwp");
            if (Files.isRegularFile(p)) dwp = load(p, refused);
        }
        return dwp;
    }

    private Loaded load(Path p, List<String> refused) {
        Path key = p.toAbsolutePath().normalize();
        Loaded f = files.get(key);
        if (f != null) return f;
        if (files.size() >= Die.MAX_SPLIT_FILES) {
            refused.add(p + ": more than " + Die.MAX_SPLIT_FILES + " split-DWARF files");
            return null;
        }
        ElfFile elf;
        try {
            elf = ElfFile.open(p);
        } catch (IOException e) {
            refused.add(p + ": " + e.getMessage());
            return null;
        }
        DwarfSections sections = DwarfSections.ofSplit(elf);
        long bits = Die.splitFileBits(files.size() + 1);
        List<Unit> units = dw.readSpace(sections, sections.info(), bits);
        // DWARF 4 type units (gcc -gdwarf-4 -gsplit-dwarf -fdebug-types-section): one
        // .debug_types.dwo section per type unit in a .dwo (COMDAT groups), one for all in a .dwp.
        Bytes types;
        try {
            types = typesDwo(elf);
        } catch (IOException e) {
            refused.add(p + ": " + e.getMessage());
            return null;
        }
        List<Unit> typeUnits = dw.readSpace(sections, types, bits | Die.TYPES_SECTION);
        Bytes cuIndex = sections.unitIndex(".debug_cu_index");
        Bytes tuIndex = sections.unitIndex(".debug_tu_index");
        if (cuIndex.size() > 0) applyContributions(DwpIndex.parse(cuIndex), units, DwpIndex.INFO);
        if (tuIndex.size() > 0) {
            DwpIndex tus = DwpIndex.parse(tuIndex);
            // Version 2 indexes DWARF 4 type units by their .debug_types.dwo offset; version 5's
            // type units are in .debug_info.dwo.
            if (tus.version() == 2) applyContributions(tus, typeUnits, DwpIndex.TYPES_V2);
            else applyContributions(tus, units, DwpIndex.INFO);
        }
        for (Unit u : units) {
            if (u.version >= 5 && sections.rnglists().size() > 0) u.rnglistsBase += u.offsetSize == 8 ? 20 : 12;
        }
        dw.initUnits(typeUnits, bits | Die.TYPES_SECTION);
        dw.initUnits(units, bits);
        var byId = new HashMap<Long, Unit>();
        for (Unit u : units) {
            long id = u.unitType == Unit.DW_UT_SPLIT_COMPILE ? u.typeSignature : u.isTypeUnit() ? -1 : dwoId(u, bits);
            if (id != -1) byId.putIfAbsent(id, u);
        }
        f = new Loaded(key, byId);
        files.put(key, f);
        return f;
    }

    private long dwoId(Unit u, long bits) {
        Die root = u.dieOffset < u.end ? dw.die(u, bits | u.dieOffset) : null;
        return root == null ? -1 : dw.unsignedConstant(root, Attr.GNU_DWO_ID, -1);
    }

    /**
     * The {@code .debug_types.dwo} sections of a split file as one section: a {@code .dwo} has one
     * per type unit, and each is a whole unit, so laid end to end they read as a {@code .dwp}'s.
     */
    private static Bytes typesDwo(ElfFile elf) throws IOException {
        var parts = new ArrayList<ElfSection>();
        for (ElfSection s : elf.sections()) {
            if (s.name().equals(".debug_types.dwo") && s.type() != ElfSection.SHT_NOBITS) parts.add(s);
        }
        if (parts.size() == 1) return elf.contents(parts.get(0));
        long total = 0;
        for (ElfSection s : parts) total += elf.contents(s).size();
        if (total > Integer.MAX_VALUE) throw new IOException(elf.path() + ": .debug_types.dwo sections of " + total + " bytes in all");
        ByteBuffer all = ByteBuffer.allocate((int) total).order(elf.order());
        for (ElfSection s : parts) all.put(elf.contents(s).toArray());
        return new Bytes(all.flip(), elf.order(), elf.path(), ".debug_types.dwo");
    }

    /** Sets each unit's abbreviation, string-offset, line, macro and range-list bases from its row of a .dwp index. */
    private static void applyContributions(DwpIndex index, List<Unit> units, int unitColumn) {
        var byOffset = new HashMap<Long, Long>();
        for (long row = 0; row < index.rows(); row++) byOffset.put(index.offset(row, unitColumn), row);
        for (Unit u : units) {
            Long row = byOffset.get(u.offset);
            if (row == null) continue;
            u.abbrevBase = index.offset(row, DwpIndex.ABBREV);
            u.strOffsetsBase += index.offset(row, DwpIndex.STR_OFFSETS);
            u.lineBase = index.offset(row, DwpIndex.LINE);
            if (index.version() == 5) {
                u.rnglistsBase = index.offset(row, DwpIndex.RNGLISTS_V5);
                u.macroBase = index.offset(row, DwpIndex.MACRO_V5);
            } else {
                u.macroBase = index.offset(row, DwpIndex.MACRO_V2);
                u.macinfoBase = index.offset(row, DwpIndex.MACINFO_V2);
            }
        }
    }

    private static List<String> ids(Loaded f) {
        return f.byId().keySet().stream().sorted().map(SplitDwarf::hex).toList();
    }

    private static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }
}
