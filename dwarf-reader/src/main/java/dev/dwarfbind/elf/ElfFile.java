package dev.dwarfbind.elf;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.MappedFile;
import dev.dwarfbind.types.Target;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ELF file, 32- or 64-bit, either byte order. The file is memory-mapped once; section contents
 * are sliced out of the mapping when asked for (and inflated if compressed), so opening a large
 * library costs only its header and section table.
 *
 * <p>Thread-safe: everything is read-only after {@link #open}, and section contents are cached in
 * a concurrent map.
 */
public final class ElfFile {
    /** Files larger than this are refused: a {@link ByteBuffer} mapping holds at most 2 GiB. */
    public static final long MAX_FILE_SIZE = MappedFile.MAX_FILE_SIZE;

    private static final int EM_386 = 3;
    private static final int EM_ARM = 40;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int EM_RISCV = 243;
    private static final int EM_PPC64 = 21;
    private static final int EM_S390 = 22;
    private static final int EM_LOONGARCH = 258;

    private final Path path;
    private final Bytes file;
    private final boolean elf64;
    private final int type;
    private final int machine;
    private final List<ElfSection> sections;
    private final Map<String, ElfSection> byName;
    private final Map<String, Bytes> contents = new ConcurrentHashMap<>();
    private final Map<Integer, Bytes> inflated = new ConcurrentHashMap<>();
    private final InflationBudget budget;

    private ElfFile(Path path, Bytes file) {
        this.path = path;
        this.file = file;
        this.budget = new InflationBudget(file.size());
        if (file.size() < 16 || file.u8(0) != 0x7f || file.u8(1) != 'E' || file.u8(2) != 'L' || file.u8(3) != 'F') {
            throw new BinaryFormatException(path, "ELF header", 0, "not an ELF file (no \\x7fELF magic)");
        }
        int cls = file.u8(4);
        if (cls != 1 && cls != 2) throw new BinaryFormatException(path, "ELF header", 4, "unknown ELF class " + cls);
        this.elf64 = cls == 2;
        int data = file.u8(5);
        if (data != 1 && data != 2) throw new BinaryFormatException(path, "ELF header", 5, "unknown ELF data encoding " + data);
        Bytes h = file.view(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, "ELF header");
        this.type = h.u16(16);
        this.machine = h.u16(18);
        long shoff = elf64 ? h.u64(0x28) : h.u32(0x20);
        int shentsize = h.u16(elf64 ? 0x3a : 0x2e);
        int shnum = h.u16(elf64 ? 0x3c : 0x30);
        int shstrndx = h.u16(elf64 ? 0x3e : 0x32);
        this.sections = readSections(h, shoff, shentsize, shnum, shstrndx);
        var names = new LinkedHashMap<String, ElfSection>();
        for (ElfSection s : sections) names.putIfAbsent(s.name(), s);
        this.byName = Collections.unmodifiableMap(names);
    }

    /**
     * Maps and parses the ELF file at {@code path}. Only a regular file is opened: a FIFO would
     * block the open forever, and a directory or device has no ELF to map.
     *
     * @throws IOException           if the file cannot be read, or is not a regular file; the
     *                               message names the file
     * @throws BinaryFormatException if it is not a well-formed ELF file
     */
    public static ElfFile open(Path path) throws IOException {
        return new ElfFile(path, MappedFile.map(path, "ELF"));
    }

    /** Parses an ELF image already in memory (tests, fuzzing). */
    public static ElfFile of(Path nameForMessages, byte[] image) {
        return new ElfFile(nameForMessages, new Bytes(ByteBuffer.wrap(image), ByteOrder.LITTLE_ENDIAN, nameForMessages, "file"));
    }

    private List<ElfSection> readSections(Bytes h, long shoff, int shentsize, int shnum, int shstrndx) {
        if (shoff == 0) return List.of();
        int minEnt = elf64 ? 64 : 40;
        if (shentsize < minEnt) throw h.error(elf64 ? 0x3a : 0x2e, "section header size " + shentsize + " is below " + minEnt);
        Bytes table = file.view(h.order(), "section headers");
        long count = shnum;
        if (count == 0) {
            // Extended numbering: the real count is in section 0's sh_size.
            count = elf64 ? table.u64(shoff + 0x20) : table.u32(shoff + 0x14);
        }
        if (shstrndx == 0xffff) shstrndx = (int) table.u32(shoff + (elf64 ? 0x28 : 0x18));
        if (count < 0 || count > (file.size() - shoff) / shentsize + 1) {
            throw table.error(shoff, "section header table claims " + count + " entries, more than the file holds");
        }
        table.check(shoff, count * shentsize);
        var raw = new ArrayList<long[]>();
        for (int i = 0; i < count; i++) {
            long o = shoff + (long) i * shentsize;
            if (elf64) {
                raw.add(new long[]{table.u32(o), table.u32(o + 4), table.u64(o + 8), table.u64(o + 16), table.u64(o + 24),
                        table.u64(o + 32), table.u32(o + 40), table.u32(o + 44), table.u64(o + 56)});
            } else {
                raw.add(new long[]{table.u32(o), table.u32(o + 4), table.u32(o + 8), table.u32(o + 12), table.u32(o + 16),
                        table.u32(o + 20), table.u32(o + 24), table.u32(o + 28), table.u32(o + 36)});
            }
        }
        Bytes shstr = null;
        if (shstrndx > 0 && shstrndx < raw.size()) {
            long[] s = raw.get(shstrndx);
            shstr = sliceChecked(s[4], s[5], "section name table (.shstrtab)", h.order());
        }
        var out = new ArrayList<ElfSection>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            long[] s = raw.get(i);
            String name = shstr == null ? "" : shstr.cString(s[0]);
            out.add(new ElfSection(i, name, (int) s[1], s[2], s[3], s[4], s[5], (int) s[6], (int) s[7], s[8]));
        }
        return List.copyOf(out);
    }

    private Bytes sliceChecked(long offset, long size, String what, ByteOrder order) {
        if (offset < 0 || size < 0 || offset > file.size() || size > file.size() - offset) {
            throw new BinaryFormatException(path, what, -1, "section data at file offset 0x" + Long.toHexString(offset)
                    + " of " + size + " bytes lies outside the file (" + file.size() + " bytes)");
        }
        return file.view(order, what).slice(offset, size, what);
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** Whether this is a 64-bit ELF file. */
    public boolean is64() {
        return elf64;
    }

    /** The byte order of the file's data. */
    public ByteOrder order() {
        return file.u8(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /** {@code e_type}: 2 executable, 3 shared object, 1 relocatable. */
    public int type() {
        return type;
    }

    /** {@code e_machine}. */
    public int machine() {
        return machine;
    }

    /** The target this file was built for. */
    public Target target() {
        String arch = switch (machine) {
            case EM_X86_64 -> "x86_64";
            case EM_386 -> "x86";
            case EM_AARCH64 -> "aarch64";
            case EM_ARM -> "arm";
            case EM_RISCV -> elf64 ? "riscv64" : "riscv32";
            case EM_PPC64 -> "ppc64";
            case EM_S390 -> "s390x";
            case EM_LOONGARCH -> "loongarch64";
            default -> "elf-machine-" + machine;
        };
        return new Target("linux", arch, elf64 ? 8 : 4, order() == ByteOrder.LITTLE_ENDIAN);
    }

    /** All section headers, in table order. */
    public List<ElfSection> sections() {
        return sections;
    }

    /** The first section called {@code name}. */
    public Optional<ElfSection> section(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The contents of the section called {@code name}, inflated if compressed; also finds a GNU
     * {@code .zdebug_*} section for a {@code .debug_*} name. Empty if there is no such section.
     */
    public Optional<Bytes> contents(String name) {
        Bytes cached = contents.get(name);
        if (cached != null) return Optional.of(cached);
        ElfSection s = byName.get(name);
        boolean zdebug = false;
        if (s == null && name.startsWith(".debug_")) {
            s = byName.get(".z" + name.substring(1));
            zdebug = s != null;
        }
        if (s == null) return Optional.empty();
        Bytes b = contents(s, zdebug);
        Bytes prev = contents.putIfAbsent(name, b);
        return Optional.of(prev != null ? prev : b);
    }

    /** The contents of {@code section}, inflated if it is compressed. */
    public Bytes contents(ElfSection section) {
        return contents(section, section.name().startsWith(".zdebug_"));
    }

    /**
     * A section's contents. A compressed one is inflated once, on first use, within the file's
     * {@link InflationBudget}.
     */
    private Bytes contents(ElfSection s, boolean zdebug) {
        if (s.type() == ElfSection.SHT_NOBITS) return Bytes.empty(order(), path, s.name());
        Bytes raw = sliceChecked(s.offset(), s.size(), s.name(), order());
        if (!s.compressed() && !zdebug) return raw;
        Bytes done = inflated.get(s.index());
        if (done != null) return done;
        byte[] data = s.compressed() ? SectionDecompressor.chdr(raw, elf64, budget) : SectionDecompressor.zdebug(raw, budget);
        Bytes b = new Bytes(ByteBuffer.wrap(data), order(), path, s.name());
        Bytes prev = inflated.putIfAbsent(s.index(), b);
        return prev != null ? prev : b;
    }

    /**
     * Whether the section called {@code name} (or its GNU {@code .zdebug_*} form) is present and
     * not empty, found without inflating it.
     */
    public boolean hasContents(String name) {
        ElfSection s = byName.get(name);
        if (s == null && name.startsWith(".debug_")) s = byName.get(".z" + name.substring(1));
        return s != null && s.type() != ElfSection.SHT_NOBITS && s.size() > 0;
    }

    /** The dynamic symbols ({@code .dynsym}) with their versions; empty if there are none. */
    public List<ElfSymbol> dynamicSymbols() {
        return symbols(ElfSection.SHT_DYNSYM);
    }

    /** The static symbols ({@code .symtab}); empty for a stripped file. */
    public List<ElfSymbol> staticSymbols() {
        return symbols(ElfSection.SHT_SYMTAB);
    }

    private List<ElfSymbol> symbols(int sectionType) {
        for (ElfSection s : sections) {
            if (s.type() == sectionType) return new SymbolTableReader(this, s).read();
        }
        return List.of();
    }

    /** The GNU build-id, as lower-case hex, if the file has one. */
    public Optional<String> buildId() {
        return note("GNU", 3).map(id -> HexFormat.of().formatHex(id.toArray()));
    }

    /**
     * The descriptor of the first note of owner {@code owner} and type {@code type} in any
     * {@code SHT_NOTE} section (e.g. {@code ("GNU", 3)}, the build-id), if there is one.
     */
    public Optional<Bytes> note(String owner, long type) {
        for (ElfSection s : sections) {
            if (s.type() != ElfSection.SHT_NOTE) continue;
            Bytes notes = contents(s);
            var c = notes.cursor(0);
            while (c.position() + 12 <= notes.size()) {
                long namesz = c.u32();
                long descsz = c.u32();
                long ntype = c.u32();
                long nameAt = c.position();
                c.skip(align4(namesz));
                long descAt = c.position();
                c.skip(align4(descsz));
                if (ntype == type && namesz == owner.length() + 1 && notes.cString(nameAt).equals(owner)) {
                    return Optional.of(notes.slice(descAt, descsz, s.name()));
                }
            }
        }
        return Optional.empty();
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }

    /** The {@code .gnu_debuglink} contents, if present. */
    public Optional<DebugLink> debugLink() {
        return contents(".gnu_debuglink").map(b -> {
            String name = b.cString(0);
            long crcAt = align4(b.cStringLength(0) + 1);
            return new DebugLink(name, (int) b.u32(crcAt));
        });
    }
}
