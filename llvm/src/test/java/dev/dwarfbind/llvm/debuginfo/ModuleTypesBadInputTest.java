package dev.dwarfbind.llvm.debuginfo;

import dev.dwarfbind.llvm.Toolchain;
import dev.dwarfbind.llvm.jit.LlvmException;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.UntypedSymbol;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Modules the metadata reader cannot type, or only partly: clang's own textual IR with one metadata field
 * changed as a corrupt or foreign producer might write it, each refused with a message naming the node.
 */
class ModuleTypesBadInputTest {
    private static final String SOURCE = """
            struct s { int a; int b; };
            int get(struct s *p) { return p->b; }
            """;

    @Test
    void theUnchangedModuleReads() throws Exception {
        var read = read(ir(SOURCE));
        var get = (dev.dwarfbind.types.FunctionType) read.types().type(read.types().function("get").orElseThrow().type());
        assertEquals("int", ((dev.dwarfbind.types.ScalarType) read.types().type(get.returnType())).name());
        assertEquals(List.of(), read.undefinedSymbols());
    }

    @Test
    void irLlvmCannotParseGivesLlvmsMessage() {
        var e = assertThrows(LlvmException.class, () -> read("define i32 @f( {"));
        assertTrue(e.getMessage().startsWith("LLVM cannot read module bad.ll: "), e.getMessage());
        assertTrue(e.getMessage().contains("error:"), e.getMessage());
    }

    @Test
    void aModuleWithoutDebugInfoIsRefused() throws Exception {
        String ir = clang(SOURCE, "-g0");
        var e = assertThrows(DebugMetadataException.class, () -> read(ir));
        assertEquals("module bad.ll has no debug info (compile it with -g)", e.getMessage());
    }

    @Test
    void aMemberPastTheEndOfItsRecordNamesTheMember() throws Exception {
        // struct s claims 4 bytes, its member b lies at byte 4.
        String ir = ir(SOURCE).replace("name: \"s\", file: !11, line: 1, size: 64", "name: \"s\", file: !11, line: 1, size: 32");
        var e = assertThrows(DebugMetadataException.class, () -> read(ir));
        assertTrue(e.getMessage().startsWith("member b of struct s (4 bytes) at byte 4 with 4 bytes extends past the end of the record: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("!DIDerivedType(tag: DW_TAG_member, name: \"b\""), e.getMessage());
    }

    @Test
    void aBaseTypeOfAnUnknownEncodingLeavesItsFunctionUntypedWithTheReason() throws Exception {
        String ir = ir(SOURCE).replace("encoding: DW_ATE_signed)", "encoding: DW_ATE_signed_fixed)");
        var read = read(ir);
        UntypedSymbol u = read.types().untypedSymbol("get").orElseThrow();
        assertEquals("basic type int has encoding DW_ATE_signed_fixed, which dwarfbind does not support", u.reason());
    }

    @Test
    void aDerivedTypeCWouldNotWriteLeavesItsFunctionUntypedNamingTheTag() throws Exception {
        // A C++ pointer to member where C has a pointer.
        String ir = ir(SOURCE).replace("!DIDerivedType(tag: DW_TAG_pointer_type, baseType: !16, size: 64)",
                "!DIDerivedType(tag: DW_TAG_ptr_to_member_type, baseType: !16, size: 64, extraData: !16)");
        UntypedSymbol u = read(ir).types().untypedSymbol("get").orElseThrow();
        assertTrue(u.reason().startsWith("derived type with DWARF tag 0x1f has no C equivalent that dwarfbind supports: "), u.reason());
    }

    @Test
    void debugInfoLlvmsVerifierStripsIsRefusedAsDropped() throws Exception {
        // A subprogram typed by a base type: LLVM's reader finds it invalid and strips all debug info.
        String ir = ir(SOURCE).replaceFirst("line: 2, type: !12,", "line: 2, type: !14,");
        var e = assertThrows(DebugMetadataException.class, () -> read(ir));
        assertEquals("module bad.ll has no compile unit in its debug metadata: LLVM dropped it as invalid when reading the module",
                e.getMessage());
    }

    @Test
    void symbolsTheModuleNeedsAreListedButNotWeakOnes() throws Exception {
        var read = read(ir("int puts(const char *);\nextern int counter;\n__attribute__((weak)) int maybe(void);\n"
                + "int f(void) { return puts(\"x\") + counter + (maybe ? maybe() : 0); }\n"));
        // A weak reference may stay undefined (it reads as null); the others must be found to link.
        assertEquals(java.util.Set.of("puts", "counter"), java.util.Set.copyOf(read.undefinedSymbols()));
    }

    private static ModuleTypes read(String ir) {
        return ModuleTypes.read(ir.getBytes(StandardCharsets.UTF_8), "bad.ll", Target.host());
    }

    /** Clang's textual IR of {@code source} with debug info; the node numbers the tests edit are stable for one source. */
    private static String ir(String source) throws Exception {
        return clang(source, "-g");
    }

    private static String clang(String source, String debug) throws Exception {
        var cmd = List.of(Toolchain.find(Toolchain.Tool.CLANG).toString(), "-x", "c", "-S", "-emit-llvm", debug, "-O0", "-o", "-", "-");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write(source.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out;
    }
}
