package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.types.Target;

/** Whether code built for a target can run in this JVM: same OS family, architecture and byte order. */
public final class HostTarget {
    private HostTarget() {
    }

    /**
     * Why code of {@code target} cannot run here, as the end of a sentence starting with the file's
     * name (": a Windows library cannot be loaded on Linux; ..."), or {@code null} if it can.
     */
    public static String mismatch(Target target) {
        Target host = Target.host();
        if (target.os().equals("windows") != host.os().equals("windows")) {
            // Its types can still be read (DebugInfo, the CLI's inspect); calling needs its OS.
            return ": a " + (target.os().equals("windows") ? "Windows" : "Linux") + " library cannot be loaded on "
                    + System.getProperty("os.name") + "; read its types with DebugInfo instead";
        }
        if (!target.arch().equals(host.arch())) return " is built for " + target.arch() + " but this JVM runs on " + host.arch();
        if (!target.littleEndian()) return " is big-endian; dwarfbind calls little-endian code only";
        return null;
    }
}
