package dev.dwarfbind.cli;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.UnsupportedFeatureException;
import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.error.BindingException;
import dev.dwarfbind.bind.error.CallbackException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Prints every failure as one line on stderr: expected ones (bad input, missing files, no debug
 * info) with exit status 2, anything else, which is a bug, as an internal error with status 1.
 * With {@code --debug} the stack trace follows.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** Exit status of a failure caused by the input or the arguments. */
    static final int USER_ERROR = 2;
    /** Exit status of a failure that is dwarfbind's own fault. */
    static final int INTERNAL_ERROR = 1;

    private final boolean debug;

    ErrorHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        return report(ex, cmd.getErr(), debug);
    }

    /** Reports {@code t} on {@code err} and returns the exit status. */
    static int report(Throwable t, PrintWriter err, boolean debug) {
        boolean expected = t instanceof BinaryFormatException || t instanceof IOException || t instanceof UserError
                || t instanceof BindingException || t instanceof ArgumentException || t instanceof CallbackException
                || t instanceof UnsupportedFeatureException || t instanceof java.io.UncheckedIOException
                // Headers that do not parse, a Clang that crashed or hung on them, no libclang: the input or the machine.
                || t instanceof dev.dwarfbind.clang.ClangException || t instanceof dev.dwarfbind.llvm.ToolNotFoundException;
        err.println("dwarfbind: " + (expected ? message(t) : "internal error: " + t
                + (debug ? "" : " (run with --debug for the stack trace)")));
        if (debug) t.printStackTrace(err);
        err.flush();
        return expected ? USER_ERROR : INTERNAL_ERROR;
    }

    /** The message, with the file named where Java's own file errors leave it bare. */
    private static String message(Throwable t) {
        return switch (t) {
            case NoSuchFileException e -> "no such file: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case FileSystemException e -> e.getMessage();
            default -> t.getMessage();
        };
    }
}
