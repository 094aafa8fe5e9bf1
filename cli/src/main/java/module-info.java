/**
 * The {@code dwarfbind} command-line tool. Its commands describe themselves to picocli in code
 * (no annotations, so nothing is opened to reflection). Exports nothing: the tool is run, not
 * programmed against. Run with {@code --enable-native-access=dev.dwarfbind.loader} for
 * {@code call} and {@code demo}.
 */
module dev.dwarfbind.cli {
    requires dev.dwarfbind.loader;
    requires dev.dwarfbind.gen;
    requires info.picocli;
}
