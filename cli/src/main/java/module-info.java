/**
 * The {@code dwarfbind} command-line tool. Its commands are picocli classes, which picocli fills by
 * reflection, hence the package is opened to it. Exports nothing: the tool is run, not programmed against.
 * Run with {@code --enable-native-access=dev.dwarfbind.loader} for {@code call} and {@code demo}.
 */
module dev.dwarfbind.cli {
    requires dev.dwarfbind.loader;
    requires dev.dwarfbind.gen;
    requires info.picocli;

    opens dev.dwarfbind.cli to info.picocli;
}
