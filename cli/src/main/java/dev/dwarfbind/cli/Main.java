package dev.dwarfbind.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dwarfbind} tool. */
@Command(name = "dwarfbind", mixinStandardHelpOptions = true, version = "dwarfbind 0.1.0",
        description = "Call C libraries from the JVM with types from their debug info.",
        subcommands = {InspectCommand.class, CallCommand.class, DemoCommand.class, SidecarCommand.class})
public final class Main {
    Main() {
    }

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool, returning the exit status (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new ErrorHandler())
                .execute(args);
    }
}
