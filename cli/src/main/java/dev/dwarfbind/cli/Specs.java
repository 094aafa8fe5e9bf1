package dev.dwarfbind.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the picocli models of the commands and reads their parsed values. Every option and
 * parameter is a string (or a flag) converted here, so that picocli's converters, some of which it
 * looks up by reflection, are never needed.
 */
final class Specs {
    private Specs() {
    }

    /** A command with {@code -h/--help} and {@code -V/--version}, as every command of the tool has. */
    static CommandSpec command(String name, String... description) {
        CommandSpec spec = CommandSpec.create().name(name).version(Version.TEXT);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** A required positional parameter at {@code index}. */
    static void parameter(CommandSpec spec, int index, String label, String... description) {
        spec.addPositional(PositionalParamSpec.builder().index(String.valueOf(index)).arity("1").required(true).paramLabel(label)
                .type(String.class).description(description).build());
    }

    /** Optional positional parameters from {@code index} on, any number of them. */
    static void parameters(CommandSpec spec, int index, String label, String... description) {
        spec.addPositional(PositionalParamSpec.builder().index(index + "..*").arity("0..*").paramLabel(label)
                .type(List.class).auxiliaryTypes(String.class).description(description).build());
    }

    /** An option without a value. */
    static void flag(CommandSpec spec, String name, String... description) {
        spec.addOption(OptionSpec.builder(name).type(boolean.class).description(description).build());
    }

    /** An option with one value, given at most once. */
    static void option(CommandSpec spec, String[] names, boolean required, String label, String... description) {
        spec.addOption(OptionSpec.builder(names).required(required).paramLabel(label).type(String.class)
                .description(description).build());
    }

    /** An option with one value, given at most once. */
    static void option(CommandSpec spec, String name, String label, String... description) {
        option(spec, new String[] {name}, false, label, description);
    }

    /** An option with one value that can be given several times. */
    static void repeatable(CommandSpec spec, String name, String label, String... description) {
        spec.addOption(OptionSpec.builder(name).paramLabel(label).type(List.class).auxiliaryTypes(String.class)
                .description(description).build());
    }

    /** Whether the flag {@code name} was given. */
    static boolean flag(ParseResult parsed, String name) {
        return parsed.matchedOptionValue(name, Boolean.FALSE);
    }

    /** The value of the option {@code name}, or {@code orElse} if it was not given. */
    static String option(ParseResult parsed, String name, String orElse) {
        return parsed.matchedOptionValue(name, orElse);
    }

    /** The values of a repeatable option, in the order given (empty if none). */
    static List<String> repeatable(ParseResult parsed, String name) {
        return new ArrayList<>(parsed.<List<String>>matchedOptionValue(name, List.of()));
    }

    /** The positional parameter at {@code index}, or null. */
    static String parameter(ParseResult parsed, int index) {
        return parsed.matchedPositionalValue(index, null);
    }

    /** The positional parameters from {@code index} on (empty if none). */
    static List<String> parameters(ParseResult parsed, int index) {
        return new ArrayList<>(parsed.<List<String>>matchedPositionalValue(index, List.of()));
    }

    /** A path given on the command line (null stays null). */
    static Path path(String text) {
        if (text == null) return null;
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UserError("not a usable path: '" + text + "': " + e.getReason());
        }
    }
}
