package dev.dwarfbind.pe;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.Bytes;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What ties a debug file written for a PE image (a sidecar) to that image, as an ELF library's
 * GNU build-id does: the machine, the CodeView id (the PDB's GUID and age; ld.lld also writes one
 * with no PDB name as a MinGW build id), and a SHA-256 of the image's code for images that have
 * no CodeView record (MinGW gcc's). The GUID and age are what Windows' own tools match a PDB by;
 * the code digest survives {@code strip}, which rewrites the headers' time stamp and image size
 * but not the code.
 *
 * <p>Stored in a sidecar as the descriptor of an ELF note of owner {@link #NOTE_OWNER} and type
 * {@link #NOTE_TYPE} ({@link #encode()}), little-endian: version (u32, 1), machine (u32), flags
 * (u32, bit 0: a CodeView id follows), GUID (16 bytes, zero without one), age (u32), code
 * digest (32 bytes), then the image's file name and the recorded PDB path, NUL-terminated.
 *
 * @param machine    {@code IMAGE_FILE_HEADER.Machine}
 * @param imageName  the image's file name when the identity was taken (for messages)
 * @param codeView   the CodeView {@code RSDS} record, if the image has one
 * @param codeDigest SHA-256 over each code section's RVA (u32) and stored bytes, in table order
 */
public record PeIdentity(int machine, String imageName, Optional<CodeViewId> codeView, byte[] codeDigest) {
    /** Owner name of the note holding a PE identity. */
    public static final String NOTE_OWNER = "dwarfbind";
    /** Note type of a PE identity. */
    public static final int NOTE_TYPE = 1;
    /** The section sidecars of PE images keep the note in. */
    public static final String NOTE_SECTION = ".note.dwarfbind.pe";

    private static final int VERSION = 1;
    private static final int FIXED = 4 + 4 + 4 + 16 + 4 + 32;

    /** Copies the digest. */
    public PeIdentity {
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(codeView, "codeView");
        if (codeDigest.length != 32) throw new IllegalArgumentException("code digest of " + codeDigest.length + " bytes");
        codeDigest = codeDigest.clone();
    }

    @Override
    public byte[] codeDigest() {
        return codeDigest.clone();
    }

    /** The identity of {@code pe}: its machine, CodeView record and code digest. */
    public static PeIdentity of(PeFile pe) {
        Path name = pe.path().getFileName();
        return new PeIdentity(pe.machine(), name == null ? "" : name.toString(), pe.codeView(), digest(pe));
    }

    private static byte[] digest(PeFile pe) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (PeSection s : pe.sections()) {
            if (!s.executable()) continue;
            sha.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) s.rva()).array());
            sha.update(pe.contents(s).toArray());
        }
        return sha.digest();
    }

    /**
     * Why a debug file of identity {@code recorded} does not describe image {@code pe}, as a
     * sentence naming both identities; {@code null} if it does. Images with a CodeView record are
     * matched by GUID and age (the code is not read), others by machine and code digest.
     */
    public static String mismatch(PeFile pe, PeIdentity recorded) {
        if (recorded.machine != pe.machine()) {
            return "it is for machine 0x" + Integer.toHexString(recorded.machine) + ", " + pe.path() + " is 0x"
                    + Integer.toHexString(pe.machine());
        }
        Optional<CodeViewId> mine = pe.codeView();
        if (mine.isPresent()) {
            CodeViewId want = mine.get();
            if (recorded.codeView.isEmpty()) {
                return "it records no PDB GUID (written for an image without a CodeView record), but " + pe.path()
                        + " has GUID " + want.guidString() + " age " + want.age();
            }
            CodeViewId theirs = recorded.codeView.get();
            if (!want.matches(theirs.guid(), theirs.age())) {
                return "it is for GUID " + theirs.guidString() + " age " + theirs.age() + " (" + recorded.imageName + "), but "
                        + pe.path() + " has GUID " + want.guidString() + " age " + want.age();
            }
            return null;
        }
        if (recorded.codeView.isPresent()) {
            CodeViewId theirs = recorded.codeView.get();
            return "it is for GUID " + theirs.guidString() + " age " + theirs.age() + " (" + recorded.imageName + "), but "
                    + pe.path() + " has no CodeView record";
        }
        byte[] code = digest(pe);
        if (!Arrays.equals(code, recorded.codeDigest)) {
            var hex = HexFormat.of();
            return "its code digest is " + hex.formatHex(recorded.codeDigest) + " (" + recorded.imageName + "), but " + pe.path()
                    + "'s is " + hex.formatHex(code);
        }
        return null;
    }

    /** The note descriptor. */
    public byte[] encode() {
        var out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(FIXED).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION).putInt(machine).putInt(codeView.isPresent() ? 1 : 0);
        b.put(codeView.map(CodeViewId::guid).orElse(new byte[16]));
        b.putInt((int) codeView.map(CodeViewId::age).orElse(0L).longValue());
        b.put(codeDigest);
        out.writeBytes(b.array());
        out.writeBytes(imageName.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(codeView.map(CodeViewId::pdbPath).orElse("").getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return out.toByteArray();
    }

    /**
     * Reads a note descriptor written by {@link #encode()}.
     *
     * @throws BinaryFormatException if it is truncated or of another version
     */
    public static PeIdentity decode(Bytes desc) {
        Bytes d = desc.view(ByteOrder.LITTLE_ENDIAN, desc.section());
        if (d.size() < FIXED + 2) throw d.error(0, "PE identity note of " + d.size() + " bytes is shorter than " + (FIXED + 2));
        long version = d.u32(0);
        if (version != VERSION) throw d.error(0, "PE identity note version " + version + "; this reader knows version " + VERSION);
        int machine = (int) d.u32(4);
        boolean hasCodeView = (d.u32(8) & 1) != 0;
        byte[] guid = d.slice(12, 16, d.section()).toArray();
        long age = d.u32(28);
        byte[] digest = d.slice(32, 32, d.section()).toArray();
        String image = string(d, FIXED);
        String pdb = string(d, FIXED + d.cStringLength(FIXED) + 1L);
        return new PeIdentity(machine, image, hasCodeView ? Optional.of(new CodeViewId(guid, age, pdb)) : Optional.empty(), digest);
    }

    private static String string(Bytes d, long at) {
        if (at >= d.size()) throw d.error(at, "PE identity note ends before its strings");
        return d.cString(at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeIdentity p && machine == p.machine && imageName.equals(p.imageName) && codeView.equals(p.codeView)
                && Arrays.equals(codeDigest, p.codeDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(machine, imageName, codeView) * 31 + Arrays.hashCode(codeDigest);
    }

    @Override
    public String toString() {
        return imageName + " (machine 0x" + Integer.toHexString(machine) + ", "
                + codeView.map(c -> "GUID " + c.guidString() + " age " + c.age()).orElse("code " + HexFormat.of().formatHex(codeDigest)) + ")";
    }
}
