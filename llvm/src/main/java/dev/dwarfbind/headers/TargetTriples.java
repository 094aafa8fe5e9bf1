package dev.dwarfbind.headers;

import dev.dwarfbind.types.Target;

import java.util.Locale;

/**
 * Between the type system's {@link Target} and Clang's target triples: which triple reads a
 * library's headers as its compiler did, and which target a triple the user names stands for.
 */
final class TargetTriples {
    private TargetTriples() {
    }

    /** The triple Clang needs to lay out types as they are in a library built for {@code t}. */
    static String triple(Target t) {
        String arch = switch (t.arch()) {
            case "x86" -> "i386";
            default -> t.arch();
        };
        return switch (t.os()) {
            // MSVC's ABI (long double is double); a MinGW library's headers need
            // Headers.withTarget("x86_64-w64-windows-gnu").
            case "windows" -> arch + "-pc-windows-msvc";
            case "macos" -> arch + "-apple-macosx";
            default -> arch + (arch.equals("aarch64") ? "-unknown-linux-gnu" : "-pc-linux-gnu");
        };
    }

    /** The target {@code triple} describes, e.g. {@code i386-pc-linux-gnu} is 32-bit little-endian Linux. */
    static Target target(String triple) {
        String[] parts = triple.toLowerCase(Locale.ROOT).split("-");
        String arch = switch (parts[0]) {
            case "x86_64", "amd64" -> "x86_64";
            case "i386", "i486", "i586", "i686", "x86" -> "x86";
            case "aarch64", "arm64" -> "aarch64";
            default -> parts[0];
        };
        boolean windows = triple.contains("windows") || triple.contains("mingw") || triple.contains("win32");
        boolean mac = triple.contains("apple") || triple.contains("darwin") || triple.contains("macos");
        int pointer = switch (arch) {
            case "x86", "arm", "armv7", "riscv32", "wasm32", "mips", "mipsel", "ppc" -> 4;
            default -> 8;
        };
        boolean little = !(arch.startsWith("ppc") && !arch.endsWith("le")) && !arch.equals("mips") && !arch.equals("s390x");
        return new Target(windows ? "windows" : mac ? "macos" : "linux", arch, pointer, little);
    }

    /** The target of the JVM this runs on. */
    static Target host() {
        return Target.host();
    }
}
