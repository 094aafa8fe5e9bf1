package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.Bytes;

/**
 * A TPI or IPI stream: a header, then CodeView records (a 2-byte length that excludes itself, a
 * 2-byte leaf kind, the payload), numbered from the header's first index on. Opening makes one
 * pass that notes where each record starts; records are read in place when asked for.
 */
public final class TypeStream {
    /** The TPI stream (types). */
    public static final int TPI = 2;
    /** The IPI stream (ids: function ids, build info, source lines). */
    public static final int IPI = 4;

    private final Bytes stream;
    private final String name;
    private final long first;
    private final long end;
    private final int[] offsets;

    private TypeStream(Bytes stream, String name) {
        this.stream = stream;
        this.name = name;
        long version = stream.u32(0);
        long headerSize = stream.u32(4);
        this.first = stream.u32(8);
        this.end = stream.u32(12);
        long recordBytes = stream.u32(16);
        if (version != 20040203L) {
            throw stream.unsupported(0, name + " version " + version + " (dwarfbind reads the VC8.0 format, 20040203)");
        }
        if (headerSize < 56 || first > end || end - first > recordBytes / 4 + 1) {
            throw stream.error(4, "header size " + headerSize + ", indices " + first + ".." + end + " for " + recordBytes
                    + " bytes of records");
        }
        stream.check(headerSize, recordBytes);
        this.offsets = new int[(int) (end - first)];
        long at = headerSize;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (int) at;
            int length = stream.u16(at);
            if (length < 2) throw stream.error(at, "record 0x" + Long.toHexString(first + i) + " of length " + length);
            at += 2 + length;
            stream.check(headerSize, at - headerSize);
            if (at - headerSize > recordBytes) throw stream.error(at, "record 0x" + Long.toHexString(first + i) + " runs past the records");
        }
    }

    /** Reads stream {@code index} ({@link #TPI} or {@link #IPI}) of {@code msf}. */
    public static TypeStream read(MsfFile msf, int index) {
        String name = index == TPI ? "TPI stream" : index == IPI ? "IPI stream" : "type stream " + index;
        return new TypeStream(msf.stream(index, name), name);
    }

    /** The first index a record has (0x1000: the ones below are simple types). */
    public long first() {
        return first;
    }

    /** One past the last index. */
    public long end() {
        return end;
    }

    /** Whether {@code index} names a record of this stream. */
    public boolean contains(long index) {
        return index >= first && index < end;
    }

    /** The stream's bytes, for messages and for reading records. */
    public Bytes bytes() {
        return stream;
    }

    /** The name for messages ("TPI stream"). */
    public String name() {
        return name;
    }

    /** Offset in the stream of record {@code index}'s length field. */
    public int offset(long index) {
        if (!contains(index)) throw stream.error(-1, "type index 0x" + Long.toHexString(index) + " is outside 0x"
                + Long.toHexString(first) + "..0x" + Long.toHexString(end));
        return offsets[(int) (index - first)];
    }

    /** The leaf kind of record {@code index}. */
    public int kind(long index) {
        return stream.u16(offset(index) + 2L);
    }

    /** The payload of record {@code index} (after its kind), as a window of its own. */
    public Bytes payload(long index) {
        int at = offset(index);
        int length = stream.u16(at);
        // Named after the record, so that an offset in a message is one within the record.
        return stream.slice(at + 4L, length - 2L, name + " record 0x" + Long.toHexString(index));
    }
}
