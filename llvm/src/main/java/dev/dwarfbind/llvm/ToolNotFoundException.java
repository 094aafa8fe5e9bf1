package dev.dwarfbind.llvm;

import java.nio.file.Path;
import java.util.List;

/**
 * A part of the LLVM toolchain (libclang, libLLVM, the clang executable) was needed and is not on this
 * machine. The message names every place that was tried, in order, and how to point dwarfbind at another.
 */
public final class ToolNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Toolchain.Tool tool;
    private final List<Path> tried;

    ToolNotFoundException(Toolchain.Tool tool, List<Path> tried) {
        super(message(tool, tried));
        this.tool = tool;
        this.tried = List.copyOf(tried);
    }

    private static String message(Toolchain.Tool tool, List<Path> tried) {
        StringBuilder sb = new StringBuilder(tool.description()).append(" not found; looked at:");
        for (Path p : tried) {
            sb.append("\n  ").append(p);
        }
        if (tried.isEmpty()) {
            sb.append(" (nowhere)");
        }
        sb.append("\nSet -D").append(tool.property()).append("=PATH or $").append(tool.environment())
                .append(", or install ").append(tool.debianPackage()).append(" (Debian: apt-get install ")
                .append(tool.debianPackage()).append(')');
        return sb.toString();
    }

    /** The part of the toolchain that was missing. */
    public Toolchain.Tool tool() {
        return tool;
    }

    /** The paths tried, in the order they were tried. */
    public List<Path> tried() {
        return tried;
    }
}
