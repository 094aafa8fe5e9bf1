package dev.dwarfbind.pe;

/**
 * One section header of a PE file.
 *
 * @param index          position in the section table, from 0
 * @param name           the section name; a long name ({@code /4} in the header) is looked up in
 *                       the COFF string table, as MinGW's {@code .debug_info} needs
 * @param virtualSize    bytes the section occupies when loaded
 * @param rva            address relative to the image base when loaded
 * @param rawSize        bytes stored in the file (rounded up to the file alignment)
 * @param rawOffset      file offset of the stored bytes
 * @param characteristics {@code IMAGE_SCN_*} flags
 */
public record PeSection(int index, String name, long virtualSize, long rva, long rawSize, long rawOffset,
                        long characteristics) {
    /** {@code IMAGE_SCN_CNT_CODE}. */
    public static final long CNT_CODE = 0x20;
    /** {@code IMAGE_SCN_MEM_EXECUTE}. */
    public static final long MEM_EXECUTE = 0x2000_0000L;

    /** Whether the section holds code. */
    public boolean executable() {
        return (characteristics & (CNT_CODE | MEM_EXECUTE)) != 0;
    }

    /**
     * How many bytes of the section the file holds: the loaded size when it is smaller (the
     * stored size is padded to the file alignment), else what is stored (the rest reads as zero).
     * An object file or a debug section may leave the loaded size 0; then the stored size counts.
     */
    public long dataSize() {
        if (virtualSize == 0) return rawSize;
        return Math.min(virtualSize, rawSize);
    }

    /** Whether {@code address} (an RVA) lies inside the loaded section. */
    public boolean containsRva(long address) {
        long extent = Math.max(virtualSize, rawSize);
        return address >= rva && address - rva < extent;
    }
}
