package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.Bytes;

/**
 * The PDB information stream (stream 1): the version and the GUID and age an image's CodeView
 * record must carry for this PDB to describe it.
 *
 * @param version the format version ({@code 20000404} for VC7.0 and later)
 * @param guid    the 16 GUID bytes as stored
 * @param age     how many times the PDB was written for this GUID
 */
public record PdbInfo(long version, byte[] guid, long age) {
    /** The stream holding it. */
    public static final int STREAM = 1;

    public PdbInfo {
        guid = guid.clone();
    }

    @Override
    public byte[] guid() {
        return guid.clone();
    }

    /** Reads the information stream of {@code msf}. */
    public static PdbInfo read(MsfFile msf) {
        Bytes s = msf.stream(STREAM, "PDB info stream");
        long version = s.u32(0);
        long age = s.u32(8);
        byte[] guid = s.slice(12, 16, "PDB info stream").toArray();
        return new PdbInfo(version, guid, age);
    }
}
