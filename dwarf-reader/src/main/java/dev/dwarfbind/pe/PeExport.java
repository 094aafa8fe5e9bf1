package dev.dwarfbind.pe;

/**
 * One entry of a PE export directory.
 *
 * @param name      the exported name, or {@code null} for an export by ordinal only
 * @param ordinal   the ordinal (the directory's base plus the entry's index)
 * @param rva       the address of the code or data relative to the image base; 0 for a forwarder
 * @param forwarder for a forwarded export the target ({@code "NTDLL.RtlAllocateHeap"} or
 *                  {@code "api.dll.#12"}), else {@code null}: the DLL holds no code for it, so it
 *                  has no type of its own
 */
public record PeExport(String name, int ordinal, long rva, String forwarder) {
    /** Whether the export forwards to another DLL. */
    public boolean forwarded() {
        return forwarder != null;
    }
}
