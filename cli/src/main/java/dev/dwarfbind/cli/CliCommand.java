package dev.dwarfbind.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * A subcommand of the tool: its picocli model, built in code, and what it does with a parsed
 * command line. The model is not declared with picocli's annotations because reading those takes
 * reflection, annotation proxies and method handles that a fresh JVM spends about a third of a
 * short command's processor time on, and that no ahead-of-time cache keeps.
 */
interface CliCommand {
    /** The command's name, description, options and parameters. */
    CommandSpec spec();

    /**
     * Runs the command.
     *
     * @param parsed what was matched of this command's options and parameters
     * @return the exit status
     */
    int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws Exception;
}
