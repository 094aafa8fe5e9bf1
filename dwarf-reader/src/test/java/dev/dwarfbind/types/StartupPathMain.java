package dev.dwarfbind.types;

import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.debuginfo.DebugInfo;

import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * What every command does with a library, run by {@link StartupLinkageTest} in a JVM of its own:
 * open it with its debug info, type one function lazily, build the whole type system and print it
 * as C.
 */
public final class StartupPathMain {
    private StartupPathMain() {
    }

    /** Each argument is a library to read. */
    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            TypeSystem ts = DebugInfo.open(Path.of(arg)).typeSystem();
            String first = ts.functions().keySet().iterator().next();
            TypeSystem one = DebugInfo.open(Path.of(arg)).typeSystem(List.of(first));
            CPrinter.print(ts, Writer.nullWriter());
            CPrinter.print(one, Writer.nullWriter());
        }
    }
}
