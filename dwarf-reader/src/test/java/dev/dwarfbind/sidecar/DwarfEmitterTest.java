package dev.dwarfbind.sidecar;

import dev.dwarfbind.dwarf.DwarfSections;
import dev.dwarfbind.dwarf.DwarfTypeReader;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emitter on hand-built type systems: what no fixture compiler produces (records that need
 * {@code DW_AT_alignment}, a whole member off a byte boundary, 64-bit unsigned enum values, an
 * unknown calling convention, a 32-bit big-endian target), and input it must refuse by name.
 */
class DwarfEmitterTest {
    private static final Target X86_64 = new Target("linux", "x86_64", 8, true);
    private static final long CODE = 0x1000;

    /** A type system with the constructs above, exported through functions and variables. */
    private static TypeSystem sample() {
        var b = new TypeSystemBuilder(X86_64);
        int v = b.add(new VoidType());
        int i = scalar(b, "int", ScalarKind.SIGNED, 4, true);
        int ch = scalar(b, "char", ScalarKind.CHAR, 1, true);
        int ul = scalar(b, "unsigned long", ScalarKind.UNSIGNED, 8, false);
        int u16 = scalar(b, "char16_t", ScalarKind.UNICODE_CHAR, 2, false);
        int bool = scalar(b, "_Bool", ScalarKind.BOOL, 1, false);
        int cf = scalar(b, "complex float", ScalarKind.COMPLEX, 8, true);
        int d32 = scalar(b, "_Decimal32", ScalarKind.DECIMAL_FLOAT, 4, true);

        // aligned(8) with no padding to show it: only DW_AT_alignment can say so.
        int a8 = b.add(new RecordType(RecordKind.STRUCT, "a8", 8, 8,
                List.of(new Field("c", b.add(new ArrayType(ch, 8)), 0, 0)), true, false));
        // A whole member at bit 4 (packed): natural inference would give alignment 2.
        int bits = b.add(new RecordType(RecordKind.STRUCT, "bits", 2, 1, List.of(new Field("c", ch, 4, 0)), true, true));
        // packed with nothing misplaced but the size: inference alone gets it.
        int packed5 = b.add(new RecordType(RecordKind.STRUCT, "packed5", 5, 1,
                List.of(new Field("a", i, 0, 0), new Field("b", ch, 32, 0)), true, true));
        int node = b.reserve("node");
        int nodePtr = b.add(new PointerType(node, 8));
        b.define(node, new RecordType(RecordKind.STRUCT, "node", 16, 8,
                List.of(new Field("next", nodePtr, 0, 0), new Field("v", i, 64, 0), new Field("flag", bool, 96, 1)), true, false));
        int flex = b.add(new RecordType(RecordKind.STRUCT, "flex", 4, 4,
                List.of(new Field("n", i, 0, 0), new Field("data", b.add(new ArrayType(i, ArrayType.UNKNOWN_COUNT)), 32, 0)), true, false));
        int un = b.add(new RecordType(RecordKind.UNION, null, 8, 8,
                List.of(new Field("u", ul, 0, 0), new Field(null, u16, 0, 0)), true, false));
        int opaque = b.add(RecordType.opaque(RecordKind.STRUCT, "opaque"));
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        int big = b.add(new EnumType("big", ul, 8, 8, false,
                List.of(new Enumerator("BIG_MAX", max), new Enumerator("BIG_ONE", BigInteger.ONE)), true));
        int neg = b.add(new EnumType("neg", TypeSystem.NO_TYPE, 4, 4, true,
                List.of(new Enumerator("NEG_M", BigInteger.valueOf(-1)), new Enumerator("NEG_Z", BigInteger.ZERO)), true));
        int declaredEnum = b.add(new EnumType("later", TypeSystem.NO_TYPE, 0, 1, false, List.of(), false));
        int ptr32 = b.add(new PointerType(i, 4));
        int cvr = b.add(new QualifiedType(EnumSet.of(Qualifier.CONST, Qualifier.VOLATILE, Qualifier.RESTRICT), b.add(new PointerType(i, 8))));
        int atomic = b.add(new QualifiedType(Set.of(Qualifier.ATOMIC), i));
        int constVoidPtr = b.add(new PointerType(b.add(new QualifiedType(Set.of(Qualifier.CONST), v)), 8));
        int matrix = b.add(new ArrayType(b.add(new ArrayType(i, 3)), 2));
        int voidTypedef = b.add(new TypedefType("nothing", v));
        int callback = b.add(new TypedefType("callback_t", b.add(new PointerType(
                b.add(new FunctionType(v, List.of(new Parameter("ctx", constVoidPtr)), false, true, CallingConvention.DEFAULT)), 8))));

        int fUnknown = b.add(new FunctionType(i, List.of(new Parameter("x", i)), false, true, CallingConvention.UNKNOWN));
        int fKr = b.add(new FunctionType(i, List.of(new Parameter("a", i)), false, false, CallingConvention.DEFAULT));
        int fVar = b.add(new FunctionType(i, List.of(new Parameter("fmt", b.add(new PointerType(ch, 8)))), true, true,
                CallingConvention.DEFAULT));
        int fVoid = b.add(new FunctionType(v, List.of(), false, true, CallingConvention.DEFAULT));
        int fMany = b.add(new FunctionType(v, List.of(new Parameter("a", a8), new Parameter("b", bits), new Parameter("c", packed5),
                new Parameter("d", flex), new Parameter("e", un), new Parameter("f", b.add(new PointerType(opaque, 8))),
                new Parameter("g", big), new Parameter("h", neg), new Parameter("i", b.add(new PointerType(declaredEnum, 8))),
                new Parameter("j", cvr), new Parameter("k", b.add(new PointerType(voidTypedef, 8))), new Parameter("l", callback),
                new Parameter("m", cf), new Parameter("n", d32)), false, true, CallingConvention.DEFAULT));

        b.addFunction(new FunctionDecl("impl", fUnknown, false, CODE, false, null, null));
        b.addFunction(new FunctionDecl("impl_alias", fUnknown, false, CODE, true, null, "impl"));
        b.addFunction(new FunctionDecl("folded", fKr, false, CODE, false, null, null));
        b.addFunction(new FunctionDecl("kr", fKr, false, CODE + 0x10, false, null, null));
        b.addFunction(new FunctionDecl("logf", fVar, false, CODE + 0x20, false, null, null));
        b.addFunction(new FunctionDecl("die", fVoid, true, CODE + 0x30, false, null, null));
        b.addFunction(new FunctionDecl("many", fMany, false, CODE + 0x40, false, null, null));
        b.addVariable(new VariableDecl("head", nodePtr, 0x4000, null));
        b.addVariable(new VariableDecl("near", ptr32, 0x4008, null));
        b.addVariable(new VariableDecl("counter", atomic, 0x4010, null));
        b.addVariable(new VariableDecl("grid", matrix, 0x4020, null));
        return b.build();
    }

    private static int scalar(TypeSystemBuilder b, String name, ScalarKind kind, int size, boolean signed) {
        return b.add(new ScalarType(name, kind, size, b.target().scalarAlignment(kind, size), signed));
    }

    private static List<Export> exports(TypeSystem ts) {
        var out = new ArrayList<Export>();
        for (FunctionDecl f : ts.functions().values()) out.add(new Export(f.name(), f.address(), 16, true, false, false, f.weak(), null));
        for (VariableDecl v : ts.variables().values()) out.add(new Export(v.name(), v.address(), 8, false, false, false, false, null));
        return out;
    }

    /** Emits {@code ts} into an ELF image at {@code file} and reads it back with the reader. */
    private static TypeSystem roundTrip(TypeSystem ts, List<Export> exports, Path file, int machine) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        for (Export e : exports) sizes.put(e.name(), e.size());
        var sections = new ArrayList<ElfOutputSection>();
        for (DebugSection s : DwarfEmitter.emit(ts, sizes, "test")) {
            sections.add(new ElfOutputSection(s.name(), ElfOutputSection.SHT_PROGBITS, 0, 0, 1, 0, s.contents()));
        }
        Target t = ts.target();
        Files.write(file, ElfImageWriter.image(t.pointerSize() == 8, t.littleEndian(), machine, sections));
        SidecarTest.verify(file);
        return new DwarfTypeReader(DwarfSections.of(ElfFile.open(file)), t).read(exports, n -> true, false);
    }

    @Test
    void handBuiltTypeSystemReadsBackWithEveryDetail(@TempDir Path tmp) throws IOException {
        TypeSystem original = sample();
        List<Export> exports = exports(original);
        TypeSystem once = roundTrip(original, exports, tmp.resolve("once"), 62);
        // The reader numbers types in its own order; from then on the round trip is exact.
        TypeSystem twice = roundTrip(once, exports, tmp.resolve("twice"), 62);
        assertEquals(TypeSystemJson.toJson(once), TypeSystemJson.toJson(twice));
        assertTrue(once.untyped().isEmpty(), once.untyped().toString());

        RecordType a8 = record(once, "struct a8");
        assertEquals(8, a8.alignment());
        assertFalse(a8.packed());
        RecordType bits = record(once, "struct bits");
        assertEquals(1, bits.alignment());
        assertTrue(bits.packed());
        assertEquals(4, bits.fields().getFirst().bitOffset());
        RecordType packed5 = record(once, "struct packed5");
        assertTrue(packed5.packed());
        assertEquals(1, packed5.alignment());
        assertEquals(1, record(once, "struct node").fields().get(2).bitSize());
        assertTrue(once.type(record(once, "struct flex").fields().get(1).type(), ArrayType.class).isFlexible());
        assertFalse(record(once, "struct opaque").complete());

        EnumType big = once.type(once.typeNamed("enum big").orElseThrow(), EnumType.class);
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), big.value("BIG_MAX").value());
        assertFalse(big.signed());
        EnumType neg = once.type(once.typeNamed("enum neg").orElseThrow(), EnumType.class);
        assertTrue(neg.signed());
        assertEquals(TypeSystem.NO_TYPE, neg.underlying());
        assertEquals(BigInteger.valueOf(-1), neg.value("NEG_M").value());
        assertFalse(once.type(once.typeNamed("enum later").orElseThrow(), EnumType.class).complete());

        FunctionDecl impl = once.function("impl").orElseThrow();
        assertEquals(CallingConvention.UNKNOWN, once.signature(impl).convention());
        FunctionDecl alias = once.function("impl_alias").orElseThrow();
        assertEquals("impl", alias.debugName());
        assertEquals(impl.type(), alias.type());
        FunctionDecl folded = once.function("folded").orElseThrow();
        assertNull(folded.debugName());
        assertEquals(once.function("kr").orElseThrow().type(), folded.type());
        FunctionType kr = once.signature(once.function("kr").orElseThrow());
        assertFalse(kr.prototyped());
        assertEquals("a", kr.parameters().getFirst().name());
        assertTrue(once.signature(once.function("logf").orElseThrow()).variadic());
        assertTrue(once.function("die").orElseThrow().noreturn());

        assertEquals(4, once.type(once.variable("near").orElseThrow().type(), PointerType.class).byteSize());
        assertTrue(once.type(once.variable("counter").orElseThrow().type(), QualifiedType.class).has(Qualifier.ATOMIC));
        ArrayType grid = once.type(once.variable("grid").orElseThrow().type(), ArrayType.class);
        assertEquals(2, grid.count());
        assertEquals(3, once.type(grid.element(), ArrayType.class).count());
        FunctionType many = once.signature(once.function("many").orElseThrow());
        var cvr = once.type(many.parameters().get(9).type(), QualifiedType.class);
        assertEquals(EnumSet.of(Qualifier.CONST, Qualifier.VOLATILE, Qualifier.RESTRICT), EnumSet.copyOf(cvr.qualifiers()));
        assertEquals("nothing", once.type(once.type(many.parameters().get(10).type(), PointerType.class).pointee(),
                TypedefType.class).name());
        assertEquals(ScalarKind.DECIMAL_FLOAT, once.type(many.parameters().get(13).type(), ScalarType.class).kind());
    }

    @Test
    void thirtyTwoBitBigEndianTarget(@TempDir Path tmp) throws IOException {
        // Built in the order the reader meets the types, so that even the ids agree.
        var b = new TypeSystemBuilder(new Target("linux", "ppc", 4, false));
        int v = b.add(new VoidType());
        int pair = b.reserve("pair");
        int f = b.add(new FunctionType(v, List.of(new Parameter("p", b.add(new PointerType(pair, 4)))), false, true,
                CallingConvention.DEFAULT));
        int ll = scalar(b, "long long", ScalarKind.SIGNED, 8, true);
        int i = scalar(b, "int", ScalarKind.SIGNED, 4, true);
        b.define(pair, new RecordType(RecordKind.STRUCT, "pair", 16, 8,
                List.of(new Field("a", i, 0, 0), new Field("b", ll, 64, 0), new Field("c", i, 96, 3)), true, false));
        b.addFunction(new FunctionDecl("take", f, false, 0x10000, false, null, null));
        b.addVariable(new VariableDecl("total", ll, 0x20000, null));
        TypeSystem ts = b.build();
        TypeSystem once = roundTrip(ts, exports(ts), tmp.resolve("ppc"), 20);
        assertEquals(TypeSystemJson.toJson(ts), TypeSystemJson.toJson(once));
    }

    @Test
    void refusesWhatDwarfCannotSayNamingTheType() {
        var b = new TypeSystemBuilder(X86_64);
        b.add(new VoidType());
        int odd = b.add(new ScalarType("int", ScalarKind.SIGNED, 4, 2, true));
        b.addVariable(new VariableDecl("x", odd, 0x10, null));
        var e = assertThrows(UnsupportedSidecarException.class, () -> DwarfEmitter.emit(b.build(), Map.of(), "t"));
        assertTrue(e.getMessage().startsWith("type " + odd + " (int): alignment 2"), e.getMessage());

        var c = new TypeSystemBuilder(X86_64);
        c.add(new VoidType());
        int i = c.add(new ScalarType("int", ScalarKind.SIGNED, 4, 4, true));
        int weird = c.add(new RecordType(RecordKind.STRUCT, "weird", 4, 4, List.of(new Field("a", i, 0, 0)), true, true));
        c.addVariable(new VariableDecl("w", weird, 0x10, null));
        e = assertThrows(UnsupportedSidecarException.class, () -> DwarfEmitter.emit(c.build(), Map.of(), "t"));
        assertTrue(e.getMessage().startsWith("type " + weird + " (struct weird)"), e.getMessage());

        var d = new TypeSystemBuilder(X86_64);
        int dv = d.add(new VoidType());
        int kr = d.add(new FunctionType(dv, List.of(), true, false, CallingConvention.DEFAULT));
        d.addFunction(new FunctionDecl("f", kr, false, 0x10, false, null, null));
        e = assertThrows(UnsupportedSidecarException.class, () -> DwarfEmitter.emit(d.build(), Map.of(), "t"));
        assertTrue(e.getMessage().contains("variadic but not prototyped"), e.getMessage());
    }

    private static RecordType record(TypeSystem ts, String name) {
        return ts.type(ts.typeNamed(name).orElseThrow(), RecordType.class);
    }
}
