package dev.dwarfbind.types;

import java.util.Objects;

/**
 * The machine and ABI a library was built for: what the loader checks against the running JVM
 * before calling anything, and what fixes the size and alignment of scalars.
 *
 * @param os           operating system family: {@code "linux"} (any ELF System V target),
 *                     {@code "windows"}, {@code "macos"}
 * @param arch         architecture in the JDK's spelling: {@code "x86_64"}, {@code "aarch64"},
 *                     {@code "x86"}, {@code "riscv64"}, ...
 * @param pointerSize  size of a data pointer in bytes
 * @param littleEndian byte order
 */
public record Target(String os, String arch, int pointerSize, boolean littleEndian) {
    public Target {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size " + pointerSize);
        }
    }

    /**
     * The target of the JVM this runs on, in the same spelling the readers give a library's
     * ({@code os.arch} {@code amd64} is {@code x86_64}), so the two compare with {@code equals}.
     */
    public static Target host() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(java.util.Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            case String other -> other;
        };
        String name = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String os = name.startsWith("windows") ? "windows" : name.contains("mac") ? "macos" : "linux";
        return new Target(os, arch, Integer.parseInt(System.getProperty("sun.arch.data.model", "64")) / 8,
                java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The C data model: LLP64 for 64-bit Windows, ILP32 for every 32-bit target, LP64 for the
     * other 64-bit ones (Linux, macOS).
     */
    public DataModel dataModel() {
        if (pointerSize == 4) return DataModel.ILP32;
        return os.equals("windows") ? DataModel.LLP64 : DataModel.LP64;
    }

    /** The alignment of a pointer of {@code byteSize} bytes: i386 System V aligns 8-byte data to 4 at most. */
    public int pointerAlignment(int byteSize) {
        return arch.equals("x86") ? Math.min(byteSize, 4) : byteSize;
    }

    /**
     * The alignment a scalar of this size and kind has under this target's C ABI. DWARF and PDB
     * record sizes but not the alignment of base types, so the readers ask here.
     */
    public int scalarAlignment(ScalarKind kind, int byteSize) {
        if (kind == ScalarKind.COMPLEX) return scalarAlignment(ScalarKind.FLOAT, byteSize / 2);
        // The largest power of two dividing the size, at most 16: long double is 16 bytes and
        // 16-aligned on x86-64, 12 bytes and 4-aligned on i386.
        int natural = Math.min(Integer.lowestOneBit(byteSize), 16);
        // i386 System V aligns 8-byte scalars (double, long long) to 4; Windows x86 does not.
        if (arch.equals("x86") && !os.equals("windows")) return Math.min(natural, 4);
        return natural;
    }
}
