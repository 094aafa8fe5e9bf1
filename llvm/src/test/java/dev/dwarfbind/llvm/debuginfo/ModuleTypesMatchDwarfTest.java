package dev.dwarfbind.llvm.debuginfo;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.llvm.Toolchain;
import dev.dwarfbind.testing.CanonicalTypes;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The oracle for the metadata reader: each fixture source compiled by clang-19 to an LLVM module with
 * {@code -g} and read through the LLVM C API gives, as canonical JSON, the type system the DWARF reader
 * gives for the same source compiled by clang-19 {@code -g} into a shared library. The one normalisation:
 * what only linking decides (addresses, symbol sizes) is zeroed on the DWARF side.
 */
class ModuleTypesMatchDwarfTest {
    /** The fixture directories whose sources are plain C units (libsymbols' need a version script, IFUNCs and TLS). */
    private static final List<String> DIRECTORIES = List.of("types", "calls", "callconv", "demo");
    /** -O1 is what Library.compile uses; -O0 keeps parameters only in llvm.dbg.declare, -O2 inlines more. */
    private static final List<String> LEVELS = List.of("-O0", "-O1", "-O2");

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyFixtureSourceReadsAsItsDwarfDoes() throws IOException {
        Path fixtures = fixtureSources();
        var tests = new ArrayList<DynamicTest>();
        for (String dir : DIRECTORIES) {
            try (Stream<Path> files = Files.list(fixtures.resolve(dir))) {
                for (Path c : files.filter(p -> p.toString().endsWith(".c")).sorted().toList()) {
                    for (String level : LEVELS) {
                        tests.add(DynamicTest.dynamicTest(dir + "/" + c.getFileName() + " " + level, () -> check(c, level)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void check(Path source, String level) throws Exception {
        String stem = source.getFileName().toString().replace(".c", "");
        Path lib = tmp.resolve("lib" + source.getParent().getFileName() + "_" + stem + level + ".so");
        clang(source, level, List.of("-shared", "-fPIC", "-o", lib.toString()));
        byte[] bitcode = clang(source, level, List.of("-c", "-emit-llvm", "-o", "-"));
        TypeSystem dwarf = linkFree(DebugInfo.open(lib).typeSystem());
        TypeSystem metadata = ModuleTypes.read(bitcode, source.toString(), Target.host()).types();
        assertFalse(metadata.functions().isEmpty() && !dwarf.functions().isEmpty(), "no functions read");
        assertEquals(CanonicalTypes.json(dwarf), CanonicalTypes.json(metadata), source + " at " + level);
    }

    /**
     * {@code ts} as a module has it before the backend and the linker: addresses and symbol sizes zeroed, and
     * without the base types the backend adds to DWARF for itself ({@code __ARRAY_SIZE_TYPE__}, the index
     * type of every DW_TAG_subrange_type, and {@code DW_ATE_unsigned_32} and the like, the types of
     * DW_OP_convert in location expressions), which no C type refers to.
     */
    static TypeSystem linkFree(TypeSystem ts) {
        var kept = new ArrayList<Integer>();
        var newId = new java.util.HashMap<Integer, Integer>();
        for (int i = 0; i < ts.types().size(); i++) {
            if (ts.type(i) instanceof ScalarType s && (s.name().equals("__ARRAY_SIZE_TYPE__") || s.name().startsWith("DW_ATE_"))) continue;
            newId.put(i, kept.size());
            kept.add(i);
        }
        var b = new TypeSystemBuilder(ts.target());
        for (int i = 0; i < kept.size(); i++) b.reserve(i);
        for (int i = 0; i < kept.size(); i++) b.define(i, CanonicalTypes.renumbered(ts.type(kept.get(i)), newId));
        for (FunctionDecl f : ts.functions().values()) {
            b.addFunction(new FunctionDecl(f.name(), newId.get(f.type()), f.noreturn(), 0, f.weak(), f.version(), f.debugName()));
        }
        for (VariableDecl v : ts.variables().values()) b.addVariable(new VariableDecl(v.name(), newId.get(v.type()), 0, v.version()));
        for (UntypedSymbol u : ts.untyped()) b.addUntyped(new UntypedSymbol(u.name(), u.kind(), 0, 0, u.reason()));
        return b.build();
    }

    static byte[] clang(Path source, String level, List<String> output) throws IOException, InterruptedException {
        var cmd = new ArrayList<String>();
        cmd.add(Toolchain.find(Toolchain.Tool.CLANG).toString());
        cmd.addAll(List.of("-g", level, "-fno-omit-frame-pointer"));
        cmd.add("-I" + source.getParent());
        cmd.addAll(output);
        cmd.add(source.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), () -> String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        return out;
    }

    static Path fixtureSources() {
        String prop = System.getProperty("dwarfbind.build");
        Path build = (prop != null ? Path.of(prop) : Path.of("build")).toAbsolutePath().normalize();
        return build.getParent().resolve("fixtures");
    }
}
