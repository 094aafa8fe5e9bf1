package dev.dwarfbind.cli;

import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code dwarfbind} tool. Every error is reported as one line on stderr naming
 * the argument or file at fault; {@code --debug}, anywhere on the command line, adds the stack
 * trace.
 */
public final class Main {
    /** The option, accepted anywhere, that adds stack traces to error reports. */
    static final String DEBUG = "--debug";

    /** The subcommands' names, in the order help lists them. */
    private static final String[] SUBCOMMANDS = {"inspect", "call", "demo", "sidecar", "gen", "check"};

    private Main() {
    }

    /** A new instance of the subcommand called {@code name}, or null if there is none by that name. */
    private static CliCommand subcommand(String name) {
        return switch (name) {
            case "inspect" -> new InspectCommand();
            case "call" -> new CallCommand();
            case "demo" -> new DemoCommand();
            case "sidecar" -> new SidecarCommand();
            case "gen" -> new GenCommand();
            case "check" -> new CheckCommand();
            default -> null;
        };
    }

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool, returning the exit status (for tests). */
    public static int run(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.remove(DEBUG);
        CommandLine cl = commandLine(debug, rest.isEmpty() ? null : rest.get(0));
        try {
            return cl.execute(rest.toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            // What picocli does not hand to the handlers (an Error such as OutOfMemoryError).
            return ErrorHandler.report(e, cl.getErr(), debug);
        }
    }

    /** The command line with every subcommand and its error handlers: one line per error, a trace only with {@code debug}. */
    static CommandLine commandLine(boolean debug) {
        return commandLine(debug, null);
    }

    /**
     * The command line for arguments that start with {@code first}: when it names a subcommand, only
     * that one is built, since a command line names one; anything else (help, a mistyped name that
     * gets suggestions) gets them all.
     */
    static CommandLine commandLine(boolean debug, String first) {
        CommandSpec top = Specs.command("dwarfbind", "Call C libraries from the JVM with types from their debug info.");
        top.usageMessage().footer("Add --debug anywhere to see the stack trace behind an error.");
        var cl = new CommandLine(top);
        Map<String, CliCommand> commands = new LinkedHashMap<>();
        CliCommand only = first == null ? null : subcommand(first);
        if (only != null) {
            commands.put(first, only);
        } else {
            for (String name : SUBCOMMANDS) commands.put(name, subcommand(name));
        }
        commands.forEach((name, command) -> cl.addSubcommand(name, new CommandLine(command.spec())));
        cl.setExecutionStrategy(parsed -> execute(cl, commands, parsed));
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

    /** Answers a request for help or the version, or runs the subcommand that was parsed. */
    private static int execute(CommandLine top, Map<String, CliCommand> commands, ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) return help;
        if (!parsed.hasSubcommand()) throw new ParameterException(top, "Missing required subcommand");
        ParseResult sub = parsed.subcommand();
        CommandLine line = sub.commandSpec().commandLine();
        try {
            return commands.get(sub.commandSpec().name()).run(sub, line.getOut(), line.getErr());
        } catch (ParameterException | ExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutionException(line, e.toString(), e);
        }
    }
}
