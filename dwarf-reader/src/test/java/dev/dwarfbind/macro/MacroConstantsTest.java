package dev.dwarfbind.macro;

import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.MacroScope;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.oracle.Tool;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.OmittedMacro;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Macros of the library built with {@code gcc -g3} and {@code clang -fdebug-macro}, in DWARF 4
 * and 5 ({@code .debug_macro} version 5, GNU's version 4, {@code .debug_macinfo}), as constants.
 * Oracles: the C compiler (a program including the fixture's header prints each macro's value
 * and C type through {@code _Generic}; the same program including dwarfbind's printed header must
 * print the same), and {@code llvm-dwarfdump-19 --debug-macro} (every macro the library's units
 * define is a constant, an omitted macro, or undefined at the end). clang-19's split-DWARF builds
 * ({@code .debug_macro.dwo}, {@code .debug_macinfo.dwo}, a {@code .dwp}) are held to the same.
 */
class MacroConstantsTest {
    private static final Path SOURCES = Fixtures.buildDir().getParent().resolve("fixtures-macros");
    private static final Path HEADER = SOURCES.resolve("macros.h");
    private static final Pattern DEFINE = Pattern.compile("(?m)^#define (MAC_\\w+)");

    /** What the header's macros are left out for: a fragment of each reason. */
    private static final Map<String, String> OMITTED = Map.ofEntries(
            Map.entry("MAC_FUNCTION", "function-like macro"),
            Map.entry("MAC_EMPTY", "empty body"),
            Map.entry("MAC_USES_FUNCTION", "uses the function-like macro MAC_FUNCTION"),
            Map.entry("MAC_VARIABLE", "refers to macros_counter"),
            Map.entry("MAC_SIZEOF", "uses sizeof"),
            Map.entry("MAC_POINTER", "a cast to a pointer type"),
            Map.entry("MAC_DIV_ZERO", "divides by zero"),
            Map.entry("MAC_OVERFLOW", "overflows int"),
            Map.entry("MAC_SELF", "refers to MAC_SELF"),
            Map.entry("MAC_WIDE", "wide or Unicode string"),
            Map.entry("MAC_LONG_DOUBLE", "long double literal"),
            Map.entry("MAC_STATEMENT", "uses the keyword do"),
            Map.entry("MAC_PARTIAL", "the body ends inside an expression"),
            Map.entry("MAC_PER_UNIT", "defined differently in different compilation units"));

    private static Path compilerDir;

    @BeforeAll
    static void compileOracle(@TempDir Path tmp) {
        compilerDir = tmp;
    }

    static List<String> flavours() {
        var all = new ArrayList<>(Fixtures.MACRO_FLAVOURS);
        all.addAll(Fixtures.SPLIT_MACRO_FLAVOURS);
        return all;
    }

    /** The library and, for a split-DWARF build, the .dwo or .dwp files beside it that hold its macros. */
    private static List<String> macroFiles(Path lib) throws Exception {
        var files = new ArrayList<>(List.of(lib.toString()));
        try (var dir = Files.list(lib.getParent())) {
            dir.map(Path::toString).filter(n -> n.endsWith(".dwo") || n.endsWith(".dwp")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The MAC_ macros the header defines and does not undefine at its end. */
    private static Set<String> headerMacros() throws Exception {
        var names = new TreeSet<String>();
        Matcher m = DEFINE.matcher(Files.readString(HEADER));
        while (m.find()) names.add(m.group(1));
        names.remove("MAC_UNDEFINED");
        return names;
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void everyMacroIsAConstantOrOmittedWithItsReason(String flavour) throws Exception {
        TypeSystem ts = DebugInfo.open(Fixtures.macroLibrary(flavour)).typeSystem();
        Map<String, Constant> constants = macConstants(ts);
        Map<String, OmittedMacro> omitted = ts.omittedMacros();
        for (var e : OMITTED.entrySet()) {
            OmittedMacro m = omitted.get(e.getKey());
            assertTrue(m != null, flavour + ": " + e.getKey() + " should be omitted; constants " + constants.get(e.getKey()));
            assertTrue(m.reason().contains(e.getValue()), flavour + ": " + e.getKey() + ": " + m.reason());
        }
        var expected = new TreeSet<>(headerMacros());
        expected.removeAll(OMITTED.keySet());
        expected.add("MAC_ONLY_HERE");
        expected.add("MAC_ONLY_THERE");
        assertEquals(expected, new TreeSet<>(constants.keySet()), flavour);
        assertFalse(ts.constants().containsKey("MAC_UNDEFINED"), "undefined at the end of the unit");
        assertEquals(BigInteger.TWO, ts.constants().get("MAC_REDEFINED").value(), "the last definition counts");
        assertEquals(BigInteger.valueOf(11), constants.get("MAC_ONLY_HERE").value());
        assertEquals("there", constants.get("MAC_ONLY_THERE").value());
        // System headers and predefined macros stay out by default.
        for (String system : List.of("INT_MAX", "UINT32_MAX", "__STDC_VERSION__", "__x86_64__", "_STDINT_H", "MACROS_H")) {
            if (system.equals("MACROS_H")) {
                assertTrue(ts.omittedMacros().containsKey(system), "the include guard is the library's own (empty body)");
            } else {
                assertFalse(ts.constants().containsKey(system) || ts.omittedMacros().containsKey(system), flavour + ": " + system);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void valuesAndTypesAreTheCompilers(String flavour) throws Exception {
        TypeSystem ts = DebugInfo.open(Fixtures.macroLibrary(flavour)).typeSystem();
        Map<String, Constant> constants = macConstants(ts);
        var names = new ArrayList<String>(headerMacros());
        names.removeIf(n -> !constants.containsKey(n));
        Map<String, String> c = run(names, "\"" + HEADER + "\"", "original");
        assertEquals(names.size(), c.size());
        for (String name : names) {
            Constant k = constants.get(name);
            String ours = CompilerMacroOracle.describe(ts, k);
                assertEquals(CompilerMacroOracle.normalise(k, c.get(name)), ours, flavour + ": " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void printedDefinesAreTheSameConstants(String flavour, @TempDir Path tmp) throws Exception {
        TypeSystem ts = DebugInfo.open(Fixtures.macroLibrary(flavour)).typeSystem();
        Path printed = tmp.resolve("printed.h");
        Files.writeString(printed, CPrinter.header(ts));
        var names = new ArrayList<String>(headerMacros());
        names.removeIf(n -> !ts.constants().containsKey(n));
        assertEquals(run(names, "\"" + HEADER + "\"", "original"), run(names, "\"" + printed + "\"", "printed"), flavour);
        assertTrue(Files.readString(printed).contains("#define MAC_HEX_U 255U"), "typed literal");
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void everyDefinitionDwarfdumpListsIsAccountedFor(String flavour) throws Exception {
        Path lib = Fixtures.macroLibrary(flavour);
        // llvm-dwarfdump-19 cannot dump a .dwp's macros ("Macro contribution of the unit not
        // found"): a package is checked against the .dwo files of the same build before packing.
        Path dumped = flavour.endsWith("-dwp-split") ? Fixtures.macroLibrary(flavour.replace("-dwp-split", "-split")) : lib;
        var cmd = new ArrayList<>(List.of("llvm-dwarfdump-19", "--debug-macro"));
        cmd.addAll(macroFiles(dumped));
        Tool.Result r = Tool.run(cmd);
        assertTrue(r.ok(), r.describe());
        var defined = new TreeSet<String>();
        Matcher m = Pattern.compile("define\\w* - lineno: \\d+ macro: (MAC_\\w+)").matcher(r.stdout());
        while (m.find()) defined.add(m.group(1));
        TypeSystem ts = DebugInfo.open(lib).typeSystem();
        var ours = new TreeSet<String>();
        for (String n : ts.constants().keySet()) if (n.startsWith("MAC_")) ours.add(n);
        for (String n : ts.omittedMacros().keySet()) if (n.startsWith("MAC_")) ours.add(n);
        ours.add("MAC_UNDEFINED");
        assertEquals(defined, ours, flavour);
    }

    @ParameterizedTest
    @MethodSource("flavours")
    void lazyJsonAndAllScope(String flavour) throws Exception {
        DebugInfo info = DebugInfo.open(Fixtures.macroLibrary(flavour));
        TypeSystem lazy = info.lazyTypeSystem();
        assertEquals(42, lazy.constant("MAC_INT").orElseThrow().intValue());
        assertEquals("function-like macro", lazy.omittedMacro("MAC_FUNCTION").orElseThrow().reason());
        assertEquals("MAC_FUNCTION(x) ((x) + 1)", lazy.omittedMacro("MAC_FUNCTION").orElseThrow().definition());
        assertFalse(lazy.isComplete(), "one constant reads the macros, not every type");

        TypeSystem whole = info.typeSystem();
        var json = new StringWriter();
        TypeSystemJson.write(whole, json);
        assertTrue(json.toString().contains("\"dwarfbind-types/1.2\""));
        TypeSystem back = TypeSystemJson.read(new StringReader(json.toString()));
        assertEquals(whole.constants(), back.constants());
        assertEquals(whole.omittedMacros(), back.omittedMacros());

        TypeSystem all = info.withMacros(MacroScope.ALL).typeSystem();
        assertEquals(BigInteger.valueOf(Integer.MAX_VALUE), all.constants().get("INT_MAX").value());
        assertEquals(new BigInteger("4294967295"), all.constants().get("UINT32_MAX").value());
        assertTrue(all.constants().size() > whole.constants().size() + 100, "glibc's and the compiler's macros too");
        if (flavour.startsWith("gcc")) {
            // gcc records its predefined macros (clang does not).
            assertEquals(BigInteger.ONE, all.constants().get("__x86_64__").value());
            assertEquals(BigInteger.valueOf(201710), all.constants().get("__STDC_VERSION__").value());
        }
    }

    /**
     * dwz -m over two copies of the gcc DWARF 5 library: the header's macro units move to the
     * supplementary file ({@code DW_MACRO_import_sup}, {@code DW_MACRO_define_sup}); the
     * constants are those of the plain build.
     */
    @Test
    void dwzSupplementaryMacros(@TempDir Path tmp) throws Exception {
        Path plain = Fixtures.macroLibrary("gcc-dwarf5");
        var copies = new ArrayList<Path>();
        for (String n : List.of("liba.so", "libb.so")) {
            Path p = tmp.resolve(n);
            Files.copy(plain, p);
            copies.add(p);
        }
        var cmd = new ArrayList<>(List.of("dwz", "-m", "common.debug", "-M", "common.debug"));
        for (Path p : copies) cmd.add(p.getFileName().toString());
        var pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.waitFor(), out);
        Tool.Result readelf = Tool.run(List.of("readelf", "--debug-dump=macro", copies.getFirst().toString()));
        assertTrue(readelf.stdout().contains("DW_MACRO_import_sup"), "dwz moved macro units to the supplementary file");
        TypeSystem expected = DebugInfo.open(plain).typeSystem();
        for (Path p : copies) {
            TypeSystem ts = DebugInfo.open(p).typeSystem();
            assertEquals(expected.constants(), ts.constants(), p.toString());
            assertEquals(expected.omittedMacros(), ts.omittedMacros(), p.toString());
        }
    }

    /**
     * Split builds whose macros no file holds whole are read without macros, everything else as
     * in the plain build: gcc's {@code .dwo} macro units import the header's units at offsets
     * left to relocations a {@code .dwo} does not have (readelf shows every import at 0), and
     * llvm-dwp-19 leaves DWARF 4's {@code .debug_macinfo.dwo} out of its package.
     */
    @Test
    void splitMacrosNoFileHoldsWholeAreNotRead() throws Exception {
        for (var e : Fixtures.UNREAD_SPLIT_MACRO_FLAVOURS.entrySet()) {
            Path lib = Fixtures.macroLibrary(e.getKey());
            if (e.getKey().startsWith("gcc")) {
                for (String f : macroFiles(lib)) {
                    if (!f.endsWith(".dwo")) continue;
                    Tool.Result r = Tool.run(List.of("readelf", "--debug-dump=macro", f));
                    Matcher m = Pattern.compile("DW_MACRO_import - offset : (0x)?([0-9a-f]+)").matcher(r.stdout());
                    int imports = 0;
                    while (m.find()) {
                        imports++;
                        assertEquals("0", m.group(2), f + ": an import gcc left unrelocated");
                    }
                    assertTrue(imports > 0, f + " imports macro units: " + r.stdout().lines().limit(20).toList());
                }
            } else {
                Tool.Result r = Tool.run(List.of("llvm-readelf-19", "-S", "-W", lib + ".dwp"));
                assertTrue(r.ok(), r.describe());
                assertFalse(r.stdout().contains(".debug_macinfo"), "llvm-dwp-19 packed no macro information: " + r.stdout());
            }
            TypeSystem split = DebugInfo.open(lib).typeSystem();
            TypeSystem plain = DebugInfo.open(Fixtures.macroLibrary(e.getValue())).typeSystem();
            assertEquals(Map.of(), split.constants(), e.getKey());
            assertEquals(Map.of(), split.omittedMacros(), e.getKey());
            assertEquals(plain.functions(), split.functions(), e.getKey());
            assertEquals(plain.variables(), split.variables(), e.getKey());
        }
    }

    private static Map<String, Constant> macConstants(TypeSystem ts) {
        var out = new TreeMap<String, Constant>();
        for (var e : ts.constants().entrySet()) if (e.getKey().startsWith("MAC_")) out.put(e.getKey(), e.getValue());
        return out;
    }

    private static Map<String, String> run(List<String> names, String include, String tag) {
        return CompilerMacroOracle.values(names, include, false, compilerDir.resolve(tag));
    }
}
