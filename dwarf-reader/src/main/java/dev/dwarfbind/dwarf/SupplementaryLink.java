package dev.dwarfbind.dwarf;

import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.Cursor;
import dev.dwarfbind.elf.ElfFile;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a debug file's supplementary file is: the one {@code dwz -m} writes with the DIEs and
 * strings several debug files share, which their {@code DW_FORM_GNU_ref_alt}/{@code _strp_alt}
 * (or DWARF 5 {@code DW_FORM_ref_sup4/8}/{@code strp_sup}) forms point into.
 *
 * <p>Two encodings name it: GNU's {@code .gnu_debugaltlink} (the file name, a NUL, then the
 * supplementary file's build-id) and DWARF 5's {@code .debug_sup} (version 5, an
 * {@code is_supplementary} byte, the file name, then a ULEB128 length and a checksum, which GNU
 * tools fill with the build-id).
 *
 * @param fileName the name as written: absolute, or relative to the debug file's directory
 * @param buildId  the supplementary file's build-id (lower-case hex), or empty if none was given
 * @param section  the section it came from, for messages
 */
public record SupplementaryLink(String fileName, String buildId, String section) {
    /**
     * The identity a supplementary file carries, to match against {@link #buildId}: the checksum
     * of its own {@code .debug_sup} (with {@code is_supplementary} set; {@code dwz -5} writes no
     * build-id note), else its GNU build-id; empty if it has neither.
     */
    public static String identity(ElfFile sup) {
        Optional<Bytes> own = sup.contents(".debug_sup");
        if (own.isPresent() && own.get().size() >= 4 && own.get().u8(2) == 1) {
            Bytes b = own.get();
            Cursor c = b.cursor(3);
            c.skipCString();
            long length = c.uleb();
            if (length < 0 || length > b.size() - c.position()) throw b.error(c.position(), "checksum of " + length + " bytes runs past the section");
            return HexFormat.of().formatHex(b.slice(c.position(), length, b.section()).toArray());
        }
        return sup.buildId().orElse("");
    }

    /**
     * The link of {@code debug}, if it has one.
     *
     * @throws dev.dwarfbind.binary.BinaryFormatException if the section is malformed
     */
    public static Optional<SupplementaryLink> of(ElfFile debug) {
        Optional<Bytes> alt = debug.contents(".gnu_debugaltlink");
        if (alt.isPresent()) {
            Bytes b = alt.get();
            Cursor c = b.cursor(0);
            String name = c.cString();
            long rest = b.size() - c.position();
            if (name.isEmpty() || rest <= 0) throw b.error(0, "a file name and a build-id expected");
            byte[] id = b.slice(c.position(), rest, b.section()).toArray();
            return Optional.of(new SupplementaryLink(name, HexFormat.of().formatHex(id), b.section()));
        }
        Optional<Bytes> sup = debug.contents(".debug_sup");
        if (sup.isEmpty()) return Optional.empty();
        Bytes b = sup.get();
        Cursor c = b.cursor(0);
        int version = c.u16();
        if (version != 5) throw b.error(0, ".debug_sup version " + version + ", not 5");
        int isSupplementary = c.u8();
        // A supplementary file names no other: its own .debug_sup only marks it as one.
        if (isSupplementary == 1) return Optional.empty();
        if (isSupplementary != 0) throw b.error(2, "is_supplementary is " + isSupplementary + ", not 0 or 1");
        String name = c.cString();
        long length = c.uleb();
        if (length < 0 || length > b.size() - c.position()) throw b.error(c.position(), "checksum of " + length + " bytes runs past the section");
        byte[] id = b.slice(c.position(), length, b.section()).toArray();
        if (name.isEmpty()) throw b.error(3, "no supplementary file name");
        return Optional.of(new SupplementaryLink(name, HexFormat.of().formatHex(id), b.section()));
    }
}
