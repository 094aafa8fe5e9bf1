package dev.dwarfbind.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the {@code dwarfbind} tool. Every error is reported as one line on stderr naming
 * the argument or file at fault; {@code --debug}, anywhere on the command line, adds the stack
 * trace.
 */
@Command(name = "dwarfbind", mixinStandardHelpOptions = true, version = Version.TEXT,
        description = "Call C libraries from the JVM with types from their debug info.",
        footer = "Add --debug anywhere to see the stack trace behind an error.",
        subcommands = {InspectCommand.class, CallCommand.class, DemoCommand.class, SidecarCommand.class, GenCommand.class, CheckCommand.class})
public final class Main {
    /** The option, accepted anywhere, that adds stack traces to error reports. */
    static final String DEBUG = "--debug";

    Main() {
    }

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool, returning the exit status (for tests). */
    public static int run(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.remove(DEBUG);
        CommandLine cl = commandLine(debug);
        try {
            return cl.execute(rest.toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            // What picocli does not hand to the handlers (an Error such as OutOfMemoryError).
            return ErrorHandler.report(e, cl.getErr(), debug);
        }
    }

    /** The command line with its error handlers: one line per error, a trace only with {@code debug}. */
    static CommandLine commandLine(boolean debug) {
        var cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler(debug));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("dwarfbind: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            if (debug) ex.printStackTrace(err);
            err.flush();
            return ErrorHandler.USER_ERROR;
        });
        return cl;
    }
}
