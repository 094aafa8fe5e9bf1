package dev.dwarfbind.pe;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PE image (a {@code .dll} or {@code .exe}), PE32 or PE32+. The file is mapped once; opening
 * reads the headers and the section table, and section contents are sliced out of the mapping
 * when asked for, so a large DLL costs its headers.
 *
 * <p>Thread-safe: everything is read-only after {@link #open}.
 */
public final class PeFile {
    /** {@code IMAGE_FILE_MACHINE_I386}. */
    public static final int MACHINE_I386 = 0x14c;
    /** {@code IMAGE_FILE_MACHINE_AMD64}. */
    public static final int MACHINE_AMD64 = 0x8664;
    /** {@code IMAGE_FILE_MACHINE_ARM64}. */
    public static final int MACHINE_ARM64 = 0xaa64;

    static final int DIRECTORY_EXPORT = 0;
    static final int DIRECTORY_DEBUG = 6;
    private static final int OPTIONAL_PE32 = 0x10b;
    private static final int OPTIONAL_PE32_PLUS = 0x20b;
    private static final int SECTION_HEADER_SIZE = 40;
    private static final int COFF_SYMBOL_SIZE = 18;

    private final Path path;
    private final Bytes file;
    private final int machine;
    private final boolean pe32Plus;
    private final long imageBase;
    private final long[] directoryRva;
    private final long[] directorySize;
    private final List<PeSection> sections;
    private final Map<String, PeSection> byName;

    private PeFile(Path path, Bytes file) {
        this.path = path;
        this.file = file;
        if (file.size() < 0x40 || file.u8(0) != 'M' || file.u8(1) != 'Z') {
            throw new BinaryFormatException(path, "DOS header", 0, "not a PE file (no MZ magic)");
        }
        Bytes dos = file.view(ByteOrder.LITTLE_ENDIAN, "DOS header");
        long peAt = dos.u32(0x3c);
        Bytes h = file.view(ByteOrder.LITTLE_ENDIAN, "PE header");
        if (h.u32(peAt) != 0x0000_4550L) throw h.error(peAt, "no PE\\0\\0 signature where the DOS header points");
        long coff = peAt + 4;
        this.machine = h.u16(coff);
        int sectionCount = h.u16(coff + 2);
        long symbolTable = h.u32(coff + 8);
        long symbolCount = h.u32(coff + 12);
        int optionalSize = h.u16(coff + 16);
        long opt = coff + 20;
        Bytes o = file.view(ByteOrder.LITTLE_ENDIAN, "optional header");
        o.check(opt, optionalSize);
        int magic = optionalSize >= 2 ? o.u16(opt) : 0;
        if (magic != OPTIONAL_PE32 && magic != OPTIONAL_PE32_PLUS) {
            throw o.error(opt, "optional header magic 0x" + Integer.toHexString(magic) + " is neither PE32 (0x10b) nor PE32+ (0x20b)");
        }
        this.pe32Plus = magic == OPTIONAL_PE32_PLUS;
        int fixed = pe32Plus ? 112 : 96;
        if (optionalSize < fixed) throw o.error(opt, "optional header of " + optionalSize + " bytes is shorter than " + fixed);
        this.imageBase = pe32Plus ? o.u64(opt + 24) : o.u32(opt + 28);
        long dirCount = o.u32(opt + fixed - 4);
        // Only the directories the header has room for count, whatever the count says.
        int dirs = (int) Math.min(dirCount, (optionalSize - fixed) / 8);
        this.directoryRva = new long[Math.max(dirs, DIRECTORY_DEBUG + 1)];
        this.directorySize = new long[directoryRva.length];
        for (int i = 0; i < dirs; i++) {
            directoryRva[i] = o.u32(opt + fixed + 8L * i);
            directorySize[i] = o.u32(opt + fixed + 8L * i + 4);
        }
        Bytes strings = stringTable(symbolTable, symbolCount);
        this.sections = readSections(opt + optionalSize, sectionCount, strings);
        var names = new LinkedHashMap<String, PeSection>();
        for (PeSection s : sections) names.putIfAbsent(s.name(), s);
        this.byName = Collections.unmodifiableMap(names);
    }

    /**
     * Maps and parses the PE file at {@code path}.
     *
     * @throws IOException           if it cannot be read or is not a regular file
     * @throws BinaryFormatException if it is not a well-formed PE file
     */
    public static PeFile open(Path path) throws IOException {
        return new PeFile(path, MappedFile.map(path, "PE"));
    }

    /** Parses a PE image already in memory (tests, fuzzing). */
    public static PeFile of(Path nameForMessages, byte[] image) {
        return new PeFile(nameForMessages, new Bytes(ByteBuffer.wrap(image), ByteOrder.LITTLE_ENDIAN, nameForMessages, "file"));
    }

    /** Whether {@code head} (the first bytes of a file) starts like a PE image: {@code MZ}. */
    public static boolean looksLikePe(byte[] head) {
        return head.length >= 2 && head[0] == 'M' && head[1] == 'Z';
    }

    /**
     * The COFF string table, which images keep only for long section names (MinGW's
     * {@code .debug_*}): it follows the COFF symbols and starts with its own size.
     */
    private Bytes stringTable(long symbolTable, long symbolCount) {
        if (symbolTable == 0) return null;
        long at = symbolTable + symbolCount * COFF_SYMBOL_SIZE;
        Bytes f = file.view(ByteOrder.LITTLE_ENDIAN, "COFF string table");
        long size = f.u32(at);
        if (size < 4) throw f.error(at, "COFF string table size " + size + " is below its own 4-byte length");
        return f.slice(at, size, "COFF string table");
    }

    private List<PeSection> readSections(long at, int count, Bytes strings) {
        Bytes t = file.view(ByteOrder.LITTLE_ENDIAN, "section table");
        t.check(at, (long) count * SECTION_HEADER_SIZE);
        var out = new ArrayList<PeSection>(count);
        for (int i = 0; i < count; i++) {
            long s = at + (long) i * SECTION_HEADER_SIZE;
            String name = sectionName(t, s, strings);
            out.add(new PeSection(i, name, t.u32(s + 8), t.u32(s + 12), t.u32(s + 16), t.u32(s + 20), t.u32(s + 36)));
        }
        return List.copyOf(out);
    }

    private String sectionName(Bytes t, long at, Bytes strings) {
        byte[] raw = t.slice(at, 8, "section table").toArray();
        int n = 0;
        while (n < 8 && raw[n] != 0) n++;
        String name = new String(raw, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        if (!name.startsWith("/") || name.length() < 2) return name;
        // "/123": the name is at offset 123 of the COFF string table.
        long offset;
        try {
            offset = Long.parseLong(name.substring(1));
        } catch (NumberFormatException e) {
            throw t.error(at, "long section name reference \"" + name + "\" is not a decimal offset");
        }
        if (strings == null) throw t.error(at, "section name \"" + name + "\" refers to a COFF string table the file does not have");
        return strings.cString(offset);
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** {@code IMAGE_FILE_HEADER.Machine}. */
    public int machine() {
        return machine;
    }

    /** Whether the image is PE32+ (64-bit). */
    public boolean is64() {
        return pe32Plus;
    }

    /** The preferred load address; an RVA plus this is the address the debug info speaks in. */
    public long imageBase() {
        return imageBase;
    }

    /**
     * The target the image was built for: Windows, LLP64 (or ILP32 on i386), little-endian.
     * A machine other than x86-64, i386 or arm64 is named by number, like an unknown ELF machine.
     */
    public Target target() {
        String arch = switch (machine) {
            case MACHINE_AMD64 -> "x86_64";
            case MACHINE_I386 -> "x86";
            case MACHINE_ARM64 -> "aarch64";
            default -> "pe-machine-0x" + Integer.toHexString(machine);
        };
        return new Target("windows", arch, pe32Plus ? 8 : 4, true);
    }

    /** All section headers, in table order. */
    public List<PeSection> sections() {
        return sections;
    }

    /** The first section called {@code name}. */
    public Optional<PeSection> section(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The bytes of the section called {@code name}, or empty if there is none. */
    public Optional<Bytes> contents(String name) {
        return section(name).map(this::contents);
    }

    /** The bytes the file stores for {@code s}, checked to lie inside the file. */
    public Bytes contents(PeSection s) {
        long size = s.dataSize();
        if (s.rawOffset() > file.size() || size > file.size() - s.rawOffset()) {
            throw new BinaryFormatException(path, s.name(), -1, "section data at file offset 0x" + Long.toHexString(s.rawOffset())
                    + " of " + size + " bytes lies outside the file (" + file.size() + " bytes)");
        }
        return file.slice(s.rawOffset(), size, s.name());
    }

    /** Whether the section called {@code name} is present and holds bytes. */
    public boolean hasContents(String name) {
        PeSection s = byName.get(name);
        return s != null && s.dataSize() > 0;
    }

    /** The section whose loaded image holds {@code rva}, if any. */
    public Optional<PeSection> sectionAt(long rva) {
        for (PeSection s : sections) if (s.containsRva(rva)) return Optional.of(s);
        return Optional.empty();
    }

    /**
     * A window on {@code length} bytes of the loaded image at {@code rva}, named {@code what} in
     * messages; they must lie in the stored part of one section.
     */
    Bytes atRva(long rva, long length, String what) {
        PeSection s = sectionAt(rva).orElseThrow(() -> new BinaryFormatException(path, what, rva,
                "RVA 0x" + Long.toHexString(rva) + " lies in no section"));
        Bytes data = contents(s);
        long at = rva - s.rva();
        if (length > data.size() - at) {
            throw new BinaryFormatException(path, what, rva, length + " bytes at RVA 0x" + Long.toHexString(rva)
                    + " run past the stored data of section " + s.name());
        }
        return data.slice(at, length, what);
    }

    /** The rest of the section holding {@code rva}, from {@code rva} on (for NUL-terminated names). */
    Bytes fromRva(long rva, String what) {
        PeSection s = sectionAt(rva).orElseThrow(() -> new BinaryFormatException(path, what, rva,
                "RVA 0x" + Long.toHexString(rva) + " lies in no section"));
        Bytes data = contents(s);
        long at = rva - s.rva();
        if (at > data.size()) {
            throw new BinaryFormatException(path, what, rva, "RVA 0x" + Long.toHexString(rva) + " lies past the stored data of section " + s.name());
        }
        return data.slice(at, data.size() - at, what);
    }

    /** A window on {@code length} bytes at file offset {@code offset}, for data not loaded. */
    Bytes atFileOffset(long offset, long length, String what) {
        return file.view(ByteOrder.LITTLE_ENDIAN, what).slice(offset, length, what);
    }

    /** RVA and size of data directory {@code index}; (0, 0) when absent. */
    long[] directory(int index) {
        return index < directoryRva.length ? new long[]{directoryRva[index], directorySize[index]} : new long[]{0, 0};
    }

    /** The export directory's entries, in ordinal order; empty if the image exports nothing. */
    public List<PeExport> exports() {
        return new ExportDirectoryReader(this).read();
    }

    /** The debug directory's CodeView {@code RSDS} record, naming the PDB, if the image has one. */
    public Optional<CodeViewId> codeView() {
        return DebugDirectoryReader.codeView(this);
    }
}
