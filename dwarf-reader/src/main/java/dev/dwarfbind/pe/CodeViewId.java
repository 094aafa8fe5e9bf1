package dev.dwarfbind.pe;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The CodeView {@code RSDS} record of a PE debug directory: which PDB describes the image. A PDB
 * belongs to the image only if its GUID and age are these.
 *
 * @param guid    the 16 GUID bytes as stored (Data1, Data2 and Data3 little-endian)
 * @param age     how many times the PDB was written for this GUID
 * @param pdbPath the PDB path the linker recorded (often an absolute path on the build machine)
 */
public record CodeViewId(byte[] guid, long age, String pdbPath) {
    public CodeViewId {
        Objects.requireNonNull(pdbPath, "pdbPath");
        if (guid.length != 16) throw new IllegalArgumentException("GUID of " + guid.length + " bytes");
        guid = guid.clone();
    }

    @Override
    public byte[] guid() {
        return guid.clone();
    }

    /** The GUID in the registry spelling, {@code {0BB3...-....}}, upper case. */
    public String guidString() {
        var hex = HexFormat.of().withUpperCase();
        return hex.formatHex(reversed(0, 4)) + "-" + hex.formatHex(reversed(4, 2)) + "-" + hex.formatHex(reversed(6, 2))
                + "-" + hex.formatHex(guid, 8, 10) + "-" + hex.formatHex(guid, 10, 16);
    }

    /**
     * The directory name a symbol server files this PDB under: the GUID's 32 hex digits (Data1,
     * Data2, Data3 as numbers, then Data4's bytes) followed by the age in hex without padding.
     */
    public String symbolServerKey() {
        return guidString().replace("-", "") + Long.toHexString(age).toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether {@code otherGuid} and {@code otherAge} identify the same PDB. */
    public boolean matches(byte[] otherGuid, long otherAge) {
        return java.util.Arrays.equals(guid, otherGuid) && age == otherAge;
    }

    private byte[] reversed(int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) out[i] = guid[from + length - 1 - i];
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeViewId c && matches(c.guid, c.age) && pdbPath.equals(c.pdbPath);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(guid) * 31 + Long.hashCode(age);
    }

    @Override
    public String toString() {
        return "PDB " + pdbPath + " GUID " + guidString() + " age " + age;
    }
}
