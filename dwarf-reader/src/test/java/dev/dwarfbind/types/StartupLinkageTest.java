package dev.dwarfbind.types;

import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every command runs (opening a library, typing it, printing it; {@link StartupPathMain})
 * links no dwarfbind call site at run time that the JDK's ahead-of-time cache cannot keep: no
 * record {@code equals}/{@code hashCode}/{@code toString} through {@code ObjectMethods}, no pattern
 * {@code switch} through {@code SwitchBootstraps}. Each costs a fresh JVM a millisecond or more the
 * first time it runs (see the package documentation). The JVM's own log of the call sites it links
 * is the oracle: the path runs in a child JVM with {@code -Xlog:methodhandles+indy=debug}.
 */
class StartupLinkageTest {
    /** "resolve_invokedynamic Bootstrap in dev/dwarfbind/X indy#0@CP[21] hashCode:(...)". */
    private static final Pattern LINKED = Pattern.compile("resolve_invokedynamic Bootstrap in (dev/dwarfbind/\\S+) \\S+ (\\w+):");
    /** The call-site names ObjectMethods and SwitchBootstraps link; lambdas and string concatenation are cached. */
    private static final List<String> UNCACHED = List.of("equals", "hashCode", "toString", "typeSwitch", "enumSwitch");

    @Test
    void theStartupPathLinksNothingTheCacheCannotKeep() throws IOException, InterruptedException {
        Path log = Files.createTempFile("indy", ".log");
        try {
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:methodhandles+indy=debug:file=" + log, "-cp", System.getProperty("java.class.path"),
                    StartupPathMain.class.getName(),
                    Fixtures.zlib("gcc").toString(),
                    Fixtures.library("clang-dwarf5-O2-lld", "types").toString(),
                    Fixtures.library("gcc-dwarf4-O2-bfd", "types").toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), output);
            var found = new TreeSet<String>();
            int linked = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher m = LINKED.matcher(line);
                if (!m.find()) continue;
                linked++;
                if (UNCACHED.contains(m.group(2))) found.add(m.group(1) + "." + m.group(2));
            }
            // Lambdas and string concatenation are linked too (no cache here): the log was read.
            assertTrue(linked > 20, "only " + linked + " dwarfbind call sites in the log " + log);
            assertEquals(List.of(), List.copyOf(found), "call sites the AOT cache cannot keep, linked on the start-up path");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
