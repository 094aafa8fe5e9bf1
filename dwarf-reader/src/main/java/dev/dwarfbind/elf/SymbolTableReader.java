package dev.dwarfbind.elf;

import dev.dwarfbind.binary.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one symbol table section, attaching GNU symbol versions to {@code .dynsym} entries from
 * {@code .gnu.version} (one index per symbol) and {@code .gnu.version_d}/{@code .gnu.version_r}
 * (the names those indexes stand for).
 */
final class SymbolTableReader {
    private static final int VERSYM_HIDDEN = 0x8000;

    private final ElfFile elf;
    private final ElfSection table;

    SymbolTableReader(ElfFile elf, ElfSection table) {
        this.elf = elf;
        this.table = table;
    }

    List<ElfSymbol> read() {
        Bytes data = elf.contents(table);
        List<ElfSection> all = elf.sections();
        if (table.link() <= 0 || table.link() >= all.size()) {
            throw data.error(0, "symbol table links to string table section " + table.link() + ", which does not exist");
        }
        Bytes strings = elf.contents(all.get(table.link()));
        int entsize = elf.is64() ? 24 : 16;
        if (table.entsize() != 0 && table.entsize() < entsize) {
            throw data.error(0, "symbol entry size " + table.entsize() + " is below " + entsize);
        }
        long stride = table.entsize() == 0 ? entsize : table.entsize();
        int count = (int) (data.size() / stride);
        Bytes versym = null;
        String[] versionNames = null;
        if (table.type() == ElfSection.SHT_DYNSYM) {
            for (ElfSection s : all) {
                if (s.type() == ElfSection.SHT_GNU_VERSYM) versym = elf.contents(s);
            }
            if (versym != null) versionNames = versionNames(all);
        }
        var out = new ArrayList<ElfSymbol>(count);
        for (int i = 0; i < count; i++) {
            long o = i * stride;
            long nameOff;
            long value;
            long size;
            int info;
            int other;
            int shndx;
            if (elf.is64()) {
                nameOff = data.u32(o);
                info = data.u8(o + 4);
                other = data.u8(o + 5);
                shndx = data.u16(o + 6);
                value = data.u64(o + 8);
                size = data.u64(o + 16);
            } else {
                nameOff = data.u32(o);
                value = data.u32(o + 4);
                size = data.u32(o + 8);
                info = data.u8(o + 12);
                other = data.u8(o + 13);
                shndx = data.u16(o + 14);
            }
            String name = strings.cString(nameOff);
            String version = null;
            boolean isDefault = true;
            if (versym != null && (long) i * 2 + 2 <= versym.size()) {
                int v = versym.u16((long) i * 2);
                int index = v & 0x7fff;
                isDefault = (v & VERSYM_HIDDEN) == 0;
                // 0 is local, 1 is the global base version: neither names a real version.
                if (index > 1 && index < versionNames.length) version = versionNames[index];
            }
            // A .symtab spells versions into the name ("f@V1", "f@@V2").
            int at = name.indexOf('@');
            if (at > 0) {
                isDefault = name.startsWith("@@", at);
                version = name.substring(at + (isDefault ? 2 : 1));
                name = name.substring(0, at);
            }
            out.add(new ElfSymbol(name, value, size, info & 0xf, info >>> 4, other & 0x3, shndx, version, isDefault));
        }
        return out;
    }

    /** Version names by version index, from the verdef and verneed sections. */
    private String[] versionNames(List<ElfSection> all) {
        var names = new ArrayList<String>();
        for (ElfSection s : all) {
            if (s.type() == ElfSection.SHT_GNU_VERDEF) readVerdef(s, all, names);
            else if (s.type() == ElfSection.SHT_GNU_VERNEED) readVerneed(s, all, names);
        }
        return names.toArray(String[]::new);
    }

    private static void put(List<String> names, int index, String name) {
        while (names.size() <= index) names.add(null);
        names.set(index, name);
    }

    /**
     * Version definitions: a chain of {@code Elf_Verdef} entries, each with a chain of
     * {@code Elf_Verdaux}. Every entry is visited at most once, so crafted chains that loop or
     * share entries cost no more than the section's size allows.
     */
    private void readVerdef(ElfSection s, List<ElfSection> all, List<String> names) {
        Bytes d = elf.contents(s);
        Bytes str = elf.contents(all.get(checkLink(s, all, d)));
        var visited = new EntryVisits(d);
        long off = 0;
        for (int n = 0; n < s.info(); n++) {
            visited.enter(off, "version definition");
            int ndx = d.u16(off + 4);
            int cnt = d.u16(off + 6);
            long aux = d.u32(off + 12);
            long next = d.u32(off + 16);
            if (cnt > 0) {
                visited.enter(off + aux, "version definition name");
                put(names, ndx & 0x7fff, str.cString(d.u32(off + aux)));
            }
            if (next == 0) break;
            off += next;
        }
    }

    /**
     * Version needs: a chain of {@code Elf_Verneed} entries, each with a chain of
     * {@code Elf_Vernaux}, every entry visited at most once.
     */
    private void readVerneed(ElfSection s, List<ElfSection> all, List<String> names) {
        Bytes d = elf.contents(s);
        Bytes str = elf.contents(all.get(checkLink(s, all, d)));
        var visited = new EntryVisits(d);
        long off = 0;
        for (int n = 0; n < s.info(); n++) {
            visited.enter(off, "version need");
            int cnt = d.u16(off + 2);
            long aux = off + d.u32(off + 8);
            long next = d.u32(off + 12);
            for (int k = 0; k < cnt; k++) {
                visited.enter(aux, "version need entry");
                int other = d.u16(aux + 6);
                put(names, other & 0x7fff, str.cString(d.u32(aux + 8)));
                long anext = d.u32(aux + 12);
                if (anext == 0) break;
                aux += anext;
            }
            if (next == 0) break;
            off += next;
        }
    }

    private static int checkLink(ElfSection s, List<ElfSection> all, Bytes d) {
        if (s.link() <= 0 || s.link() >= all.size()) {
            throw d.error(0, s.name() + " links to section " + s.link() + ", which does not exist");
        }
        return s.link();
    }
}
