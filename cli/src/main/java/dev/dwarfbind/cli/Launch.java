package dev.dwarfbind.cli;

/**
 * The {@code dwarfbind} launcher's entry point: answers {@code --version} without loading
 * anything of the tool (not even the class that declares the command tree, whose verification
 * loads picocli), and hands every other command line to {@link Main}.
 */
public final class Launch {
    private Launch() {
    }

    /** Runs the tool. */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(Version.TEXT);
            return;
        }
        Main.main(args);
    }
}
