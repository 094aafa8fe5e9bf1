package dev.dwarfbind.bind.internal.abi;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.Target;

/**
 * Which calling conventions the {@code java.lang.foreign} linker can call: the platform's C
 * convention only. A function or function pointer naming another one is refused before any call.
 */
public final class Conventions {
    private Conventions() {
    }

    /** Whether a named convention is the platform's own ({@code sysv_abi} on x86-64 Linux, {@code ms_abi} on Windows). */
    public static boolean isPlatform(Target target, CallingConvention cc) {
        boolean windows = target.os().equals("windows");
        return cc == CallingConvention.DEFAULT
                || cc == CallingConvention.SYSV_ABI && target.arch().equals("x86_64") && !windows
                || cc == CallingConvention.MS_ABI && windows;
    }

    /** Throws {@link Unsupported} unless the linker can call {@code function} with convention {@code cc}. */
    public static void check(Target target, CallingConvention cc, String function) {
        if (isPlatform(target, cc)) return;
        throw new Unsupported("cannot call " + function + ": it uses the " + cc
                + " calling convention, and java.lang.foreign's linker implements only the platform's C convention");
    }
}
