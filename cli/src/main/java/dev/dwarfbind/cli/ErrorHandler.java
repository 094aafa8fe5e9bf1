package dev.dwarfbind.cli;

import dev.dwarfbind.binary.BinaryFormatException;
import picocli.CommandLine;

import java.io.IOException;

/**
 * Prints expected failures (bad input, missing files, no debug info) as one line on stderr with
 * exit status 2, instead of a stack trace; anything else is a bug and keeps its trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (ex instanceof BinaryFormatException || ex instanceof IOException || ex instanceof UserError
                || ex instanceof dev.dwarfbind.bind.error.BindingException || ex instanceof dev.dwarfbind.bind.error.ArgumentException
                || ex instanceof dev.dwarfbind.bind.error.CallbackException
                || ex instanceof dev.dwarfbind.binary.UnsupportedFeatureException || ex instanceof java.io.UncheckedIOException) {
            String msg = ex instanceof java.nio.file.NoSuchFileException ? "no such file: " + ex.getMessage() : ex.getMessage();
            cmd.getErr().println("dwarfbind: " + msg);
            return 2;
        }
        throw new RuntimeException(ex);
    }
}
