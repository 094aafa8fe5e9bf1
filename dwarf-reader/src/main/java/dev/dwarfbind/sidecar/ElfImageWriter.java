package dev.dwarfbind.sidecar;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a minimal ELF file: the header, the given sections, {@code .shstrtab} and the section
 * header table, with no program headers, symbols or relocations. That is all a debug file
 * needs: {@code llvm-dwarfdump}, gdb and {@link dev.dwarfbind.elf.ElfFile} look at sections only.
 *
 * <p>The file is {@code ET_DYN}, like the separate debug file {@code objcopy --only-keep-debug}
 * makes of a shared library, so that tools take addresses in it as the library's own rather than
 * as offsets into relocatable sections.
 */
final class ElfImageWriter {
    static final int ET_DYN = 3;

    private ElfImageWriter() {
    }

    /**
     * The ELF image.
     *
     * @param elf64        ELFCLASS64 (else ELFCLASS32)
     * @param littleEndian ELFDATA2LSB (else ELFDATA2MSB)
     * @param machine      {@code e_machine}
     * @param sections     the sections, in order after the null section; {@code .shstrtab} is
     *                     appended
     */
    static byte[] image(boolean elf64, boolean littleEndian, int machine, List<ElfOutputSection> sections) {
        var shstrtab = new ByteSink(littleEndian);
        shstrtab.u8(0);
        int[] nameOffsets = new int[sections.size() + 1];
        for (int i = 0; i < sections.size(); i++) {
            nameOffsets[i] = shstrtab.size();
            shstrtab.cString(sections.get(i).name());
        }
        nameOffsets[sections.size()] = shstrtab.size();
        shstrtab.cString(".shstrtab");
        var all = new ArrayList<>(sections);
        all.add(new ElfOutputSection(".shstrtab", ElfOutputSection.SHT_STRTAB, 0, 0, 1, 0, shstrtab.toByteArray()));

        int ehsize = elf64 ? 64 : 52;
        int shentsize = elf64 ? 64 : 40;
        var out = new ByteSink(littleEndian);
        for (int i = 0; i < ehsize; i++) out.u8(0); // header, written last
        long[] offsets = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            ElfOutputSection s = all.get(i);
            out.align(s.alignment());
            offsets[i] = out.size();
            out.bytes(s.contents());
        }
        out.align(elf64 ? 8 : 4);
        long shoff = out.size();
        for (int i = 0; i < shentsize; i++) out.u8(0); // SHN_UNDEF
        for (int i = 0; i < all.size(); i++) {
            ElfOutputSection s = all.get(i);
            int size = s.contents().length;
            if (elf64) {
                out.u32(nameOffsets[i]);
                out.u32(s.type());
                out.u64(s.flags());
                out.u64(s.address());
                out.u64(offsets[i]);
                out.u64(size);
                out.u32(s.link());
                out.u32(s.info());
                out.u64(s.alignment());
                out.u64(s.entrySize());
            } else {
                out.u32(nameOffsets[i]);
                out.u32(s.type());
                out.u32(s.flags());
                out.u32(s.address());
                out.u32(offsets[i]);
                out.u32(size);
                out.u32(s.link());
                out.u32(s.info());
                out.u32(s.alignment());
                out.u32(s.entrySize());
            }
        }
        byte[] image = out.toByteArray();
        var header = new ByteSink(littleEndian);
        header.u8(0x7f);
        header.u8('E');
        header.u8('L');
        header.u8('F');
        header.u8(elf64 ? 2 : 1);
        header.u8(littleEndian ? 1 : 2);
        header.u8(1); // EV_CURRENT
        for (int i = 7; i < 16; i++) header.u8(0); // ELFOSABI_NONE, ABI version, padding
        header.u16(ET_DYN);
        header.u16(machine);
        header.u32(1); // e_version
        if (elf64) {
            header.u64(0); // e_entry
            header.u64(0); // e_phoff
            header.u64(shoff);
        } else {
            header.u32(0);
            header.u32(0);
            header.u32(shoff);
        }
        header.u32(0); // e_flags
        header.u16(ehsize);
        header.u16(0); // e_phentsize
        header.u16(0); // e_phnum
        header.u16(shentsize);
        header.u16(all.size() + 1);
        header.u16(all.size()); // e_shstrndx: .shstrtab is last
        byte[] h = header.toByteArray();
        System.arraycopy(h, 0, image, 0, h.length);
        return image;
    }
}
