package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * The DBI stream (stream 3): its 64-byte header names the global, public and symbol-record
 * streams, and its first substream lists the modules (one per object file) with the stream of
 * each module's symbols. Section contributions and the section map are not needed: addresses
 * are mapped through the image's own section table.
 */
public final class DbiStream {
    /** The stream holding it. */
    public static final int STREAM = 3;
    private static final int HEADER_SIZE = 64;
    private static final int NO_STREAM = 0xffff;

    /**
     * One module (object file).
     *
     * @param name         the module name (the object file, or an archive member)
     * @param symbolStream the stream of its symbols, or -1 if none
     * @param symbolBytes  how many bytes of that stream are symbol records (signature included)
     */
    public record Module(String name, int symbolStream, long symbolBytes) {
    }

    private final long age;
    private final int symbolRecordStream;
    private final int machine;
    private final List<Module> modules;

    private DbiStream(Bytes s) {
        if (s.size() == 0) {
            this.age = 0;
            this.symbolRecordStream = -1;
            this.machine = 0;
            this.modules = List.of();
            return;
        }
        long versionHeader = s.u32(4);
        if (s.s32(0) != -1 || versionHeader != 19990903L) {
            throw s.unsupported(0, "DBI stream version " + versionHeader + " (dwarfbind reads the V70 format, 19990903)");
        }
        this.age = s.u32(8);
        int records = s.u16(20);
        this.symbolRecordStream = records == NO_STREAM ? -1 : records;
        long modInfoSize = s.u32(24);
        this.machine = s.u16(58);
        s.check(HEADER_SIZE, modInfoSize);
        var out = new ArrayList<Module>();
        long at = HEADER_SIZE;
        long end = HEADER_SIZE + modInfoSize;
        while (at < end) {
            int stream = s.u16(at + 34);
            long symbolBytes = s.u32(at + 36);
            long nameAt = at + 64;
            String name = s.cString(nameAt);
            long objAt = nameAt + s.cStringLength(nameAt) + 1;
            long next = objAt + s.cStringLength(objAt) + 1;
            out.add(new Module(name, stream == NO_STREAM ? -1 : stream, symbolBytes));
            at = (next + 3) & ~3L;
        }
        this.modules = List.copyOf(out);
    }

    /** Reads the DBI stream of {@code msf}. */
    public static DbiStream read(MsfFile msf) {
        return new DbiStream(msf.stream(STREAM, "DBI stream"));
    }

    /** The age the linker wrote here (the info stream's is the one an image is checked against). */
    public long age() {
        return age;
    }

    /** The stream holding the global and public symbol records, or -1. */
    public int symbolRecordStream() {
        return symbolRecordStream;
    }

    /** The machine ({@code IMAGE_FILE_MACHINE_*}) the PDB was written for. */
    public int machine() {
        return machine;
    }

    /** The modules, in order. */
    public List<Module> modules() {
        return modules;
    }
}
