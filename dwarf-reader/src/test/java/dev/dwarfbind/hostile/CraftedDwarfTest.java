package dev.dwarfbind.hostile;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.sidecar.CraftedLibrary;
import dev.dwarfbind.sidecar.CraftedLibrary.Node;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.UntypedSymbol;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static dev.dwarfbind.sidecar.CraftedLibrary.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DWARF crafted by test code: extreme shapes that must cost time linear in the input, and values
 * no compiler writes, which must be refused where the type system is built with an error naming
 * the file, the section, the DIE offset and the value (never a raw runtime exception, never a
 * silent default).
 */
class CraftedDwarfTest {
    private static final Path NAME = Path.of("crafted.so");
    private static final int DW_AT_BIT_SIZE = 0x0d;
    private static final int DW_AT_BYTE_SIZE = 0x0b;
    private static final int DW_AT_TYPE = 0x49;
    private static final int DW_TAG_FORMAL_PARAMETER = 0x05;
    private static final int DW_TAG_SUBPROGRAM = 0x2e;
    private static final int DW_AT_NAME = 0x03;

    static TypeSystem read(byte[] image) throws Exception {
        return DebugInfo.read(NAME, image).typeSystem();
    }

    /** The image is refused with a message naming the file, .debug_info, an offset and each fragment. */
    static void refused(byte[] image, String... fragments) {
        var e = assertThrows(BinaryFormatException.class, () -> read(image));
        String m = e.getMessage();
        assertTrue(m.startsWith("crafted.so: .debug_info at offset 0x"), m);
        for (String f : fragments) assertTrue(m.contains(f), "missing '" + f + "' in: " + m);
    }

    private static UntypedSymbol untyped(TypeSystem ts, String name) {
        return ts.untyped().stream().filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not untyped: " + ts.functions().keySet()));
    }

    /** Seven, then ten levels of anonymous unions, each with twelve members of the level below. */
    @Test
    void nestedSharedAnonymousUnionsCostLinearTime() {
        for (int levels : new int[]{7, 10}) {
            var lib = new CraftedLibrary();
            Node level = lib.type(base("int", DW_ATE_INT, 4));
            for (int l = 0; l < levels; l++) {
                Node u = lib.type(record(DW_TAG_UNION, null, 4));
                for (int m = 0; m < 12; m++) u.child(member("m" + m, level, 0));
                level = u;
            }
            Node top = lib.type(record(DW_TAG_STRUCT, "top", 4).child(member("u", level, 0)));
            lib.function("f", null, lib.type(pointer(top)));
            byte[] image = lib.image();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                TypeSystem ts = read(image);
                String header = CPrinter.header(ts);
                // Linear: each union's twelve members are printed once (the innermost union,
                // holding no other, may be written out at each of its twelve members).
                assertTrue(header.length() < 200 * levels * 12 + 5_000, "header of " + header.length() + " chars");
                assertTrue(TypeSystemJson.toJson(ts).length() < 100_000);
                assertEquals(4, ts.sizeOf(ts.typeNamed("struct top").orElseThrow()));
            });
        }
    }

    /** 3,000 named structs, each holding the previous by value. */
    @Test
    void deeplyNestedStructsByValue() throws Exception {
        var lib = new CraftedLibrary();
        Node inner = lib.type(base("int", DW_ATE_INT, 4));
        int depth = 3_000;
        for (int i = 0; i < depth; i++) {
            inner = lib.type(record(DW_TAG_STRUCT, "s" + i, 4).child(member("m", inner, 0)));
        }
        lib.function("f", inner, inner);
        TypeSystem ts = read(lib.image());
        RecordType r = ts.type(ts.typeNamed("struct s" + (depth - 1)).orElseThrow(), RecordType.class);
        assertEquals(4, r.byteSize());
        String header = CPrinter.header(ts);
        assertTrue(header.indexOf("struct s0 {") < header.indexOf("struct s1 {"), "definitions in dependency order");
        assertTrue(header.contains("struct s2999 f(struct s2999 p0);"), header.substring(header.length() - 200));
    }

    /** Arrays of 5,000 dimensions and pointer chains of 600 exceed the documented nesting limit. */
    @Test
    void typesNestingBeyondTheLimitMakeTheirUsersUntyped() throws Exception {
        var lib = new CraftedLibrary();
        Node i = lib.type(base("int", DW_ATE_INT, 4));
        long[] dims = new long[5_000];
        java.util.Arrays.fill(dims, 1);
        lib.variable("v", lib.type(array(i, dims)), 4);
        Node p = i;
        for (int k = 0; k < 600; k++) p = lib.type(pointer(p));
        lib.function("deep", null, p);
        // The limit itself is allowed: 510 pointers over int in a function type nest 512 deep.
        Node q = i;
        for (int k = 0; k < TypeSystemBuilder.MAX_NESTING - 2; k++) q = lib.type(pointer(q));
        lib.function("fine", q);
        TypeSystem ts = read(lib.image());
        assertTrue(untyped(ts, "deep").reason().contains("more than 512 levels deep"), untyped(ts, "deep").reason());
        assertTrue(untyped(ts, "deep").reason().startsWith("crafted.so: .debug_info at offset 0x"));
        assertTrue(ts.untyped().stream().anyMatch(u -> u.name().equals("v") && u.reason().contains("512")), ts.untyped().toString());
        assertTrue(ts.function("fine").isPresent());
        assertTrue(CPrinter.header(ts).contains("fine(void);"));
    }

    @Test
    void sizesBeyondAnyObjectAreRefused() {
        var lib = new CraftedLibrary();
        lib.function("f", null, lib.type(pointer(lib.type(record(DW_TAG_STRUCT, "huge", -1L)))));
        refused(lib.image(), "18446744073709551615", "huge");

        lib = new CraftedLibrary();
        lib.function("f", lib.type(base("int", DW_ATE_INT, 0xffff_ffffL)));
        refused(lib.image(), "4294967295");

        lib = new CraftedLibrary();
        Node i = lib.type(base("int", DW_ATE_INT, 4));
        lib.variable("v", lib.type(array(i, 1L << 62)), 16);
        refused(lib.image(), "array count is 4611686018427387904");

        lib = new CraftedLibrary();
        i = lib.type(base("int", DW_ATE_INT, 4));
        lib.variable("v", lib.type(array(i, 1L << 59)), 16);
        refused(lib.image(), "576460752303423488 elements of 4 bytes", "larger than the largest object");
    }

    @Test
    void impossibleScalarAndPointerSizesAreRefused() {
        for (long size : new long[]{0, 3}) {
            var lib = new CraftedLibrary();
            Node s = lib.type(record(DW_TAG_STRUCT, "s", 8).child(member("p", lib.type(die(0x0f).unsigned(DW_AT_BYTE_SIZE, size)), 0)));
            lib.function("f", null, lib.type(pointer(s)));
            lib.variable("v", s, 8);
            refused(lib.image(), "pointer has DW_AT_byte_size " + size);
        }
        var lib = new CraftedLibrary();
        lib.function("f", lib.type(base("float", DW_ATE_FLT, 3)));
        refused(lib.image(), "has size 3");
        lib = new CraftedLibrary();
        lib.function("f", lib.type(enumeration("e", 3, "A", "B")));
        refused(lib.image(), "enum e has DW_AT_byte_size 3");
    }

    @Test
    void bitfieldsWiderThanTheirTypeAreRefused() {
        for (long bits : new long[]{100, 1L << 31}) {
            var lib = new CraftedLibrary();
            Node i = lib.type(base("int", DW_ATE_INT, 4));
            Node s = lib.type(record(DW_TAG_STRUCT, "s", 4).child(member("b", i, 0).unsigned(DW_AT_BIT_SIZE, bits)));
            lib.function("f", null, s);
            refused(lib.image(), Long.toString(bits));
        }
    }

    @Test
    void membersPastTheEndOfTheirRecordAreRefused() {
        var lib = new CraftedLibrary();
        Node i = lib.type(base("int", DW_ATE_INT, 4));
        lib.function("f", null, lib.type(record(DW_TAG_STRUCT, "s", 8).child(member("far", i, 1L << 40))));
        refused(lib.image(), "member far", "extends past the end");
    }

    /** A DW_FORM_ref8 with the top bit set used to read as "no type": void f(int). */
    @Test
    void referencesThatDoNotResolveAreErrors() {
        var lib = new CraftedLibrary();
        Node i = lib.type(base("int", DW_ATE_INT, 4));
        Node sp = die(DW_TAG_SUBPROGRAM).name("f").raw(DW_AT_TYPE, DW_FORM_REF8, le(0x8000_0000_0000_0010L, 8));
        sp.child(die(DW_TAG_FORMAL_PARAMETER).name("a").type(i));
        lib.functionSymbol("f", sp);
        refused(lib.image(), "reference 0x8000000000000010", "lies outside .debug_info");
    }
}
