package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.types.Target;

import java.util.Locale;

/** Whether code built for a target can run in this JVM: same OS family, architecture and byte order. */
public final class HostTarget {
    private HostTarget() {
    }

    /** This JVM's architecture in the type system's spelling ({@code x86_64}, {@code aarch64}, {@code x86}). */
    public static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
    }

    /** This JVM's OS family in the type system's spelling ({@code windows} or {@code linux}). */
    public static String os() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "windows" : "linux";
    }

    /**
     * Why code of {@code target} cannot run here, as the end of a sentence starting with the file's
     * name (": a Windows library cannot be loaded on Linux; ..."), or {@code null} if it can.
     */
    public static String mismatch(Target target) {
        if (target.os().equals("windows") != os().equals("windows")) {
            // Its types can still be read (DebugInfo, the CLI's inspect); calling needs its OS.
            return ": a " + (target.os().equals("windows") ? "Windows" : "Linux") + " library cannot be loaded on "
                    + System.getProperty("os.name") + "; read its types with DebugInfo instead";
        }
        if (!target.arch().equals(arch())) return " is built for " + target.arch() + " but this JVM runs on " + arch();
        if (!target.littleEndian()) return " is big-endian; dwarfbind calls little-endian code only";
        return null;
    }
}
