package dev.dwarfbind.cprint;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printed headers compile, and the compilers lay every type out as the type system says:
 * {@link CompilerOracle} run with Clang and GCC on the sample and on type systems made to be
 * awkward (layouts only padding or packing explains, colliding names, GCC's {@code va_list}).
 */
class CompilerOracleTest {
    static final List<String> COMPILERS = CompilerOracle.COMPILERS;

    @ParameterizedTest
    @FieldSource("COMPILERS")
    void sampleLayoutMatches(String compiler) {
        CompilerOracle.assertLayoutMatches(SampleTypeSystem.build(), compiler);
    }

    @ParameterizedTest
    @FieldSource("COMPILERS")
    void awkwardLayoutsAndNamesMatch(String compiler) {
        CompilerOracle.assertLayoutMatches(awkward(), compiler);
    }

    @ParameterizedTest
    @FieldSource("COMPILERS")
    void i386LayoutMatches(String compiler) {
        CompilerOracle.assertLayoutMatches(i386(), compiler);
    }

    /** The oracle is worth something only if it catches a wrong number. */
    @ParameterizedTest
    @FieldSource("COMPILERS")
    void oracleRejectsAWrongOffset(String compiler) {
        var b = new TypeSystemBuilder(SampleTypeSystem.X86_64_LINUX);
        int i = b.add(new ScalarType("int", ScalarKind.SIGNED, 4, 4, true));
        int c = b.add(new ScalarType("char", ScalarKind.CHAR, 1, 1, true));
        // Members that overlap: no C declaration gives this layout, so the compiler must object.
        b.add(new RecordType(RecordKind.STRUCT, "wrong", 8, 4,
                List.of(new Field("c", c, 0, 0), new Field("x", i, 16, 0), new Field("y", i, 32, 0)), true, false));
        TypeSystem ts = b.build();
        assertThrows(AssertionError.class, () -> CompilerOracle.assertLayoutMatches(ts, compiler));
    }

    @Test
    void anyCompilerAcceptsTheSample() {
        CompilerOracle.assertLayoutMatches(SampleTypeSystem.build());
    }

    @Test
    void awkwardNamesAreMadeValidAndUnique() {
        String header = CPrinter.header(awkward());
        for (String expected : List.of(
                "struct dup {", "struct dup_", "typedef struct vec_int_ vec_int_t;", "int default_;",
                "int weird_name(int a) __asm__(\"weird.name\");", "void takes(int, size_t n);",
                "int anything();", "CLASH = 1", "CLASH_", "enum anon_enum_", "typedef long unsigned int process_")) {
            assertTrue(header.contains(expected), () -> expected + " missing from\n" + header);
        }
        assertTrue(!header.contains("typedef struct __va_list_tag __builtin_va_list"), header);
    }

    /** Layouts that only padding, packing or alignment explain, and names C would not accept as they are. */
    static TypeSystem awkward() {
        var b = new TypeSystemBuilder(SampleTypeSystem.X86_64_LINUX);
        Target t = SampleTypeSystem.X86_64_LINUX;
        int v = b.add(new VoidType());
        int c = b.add(new ScalarType("char", ScalarKind.CHAR, 1, 1, true));
        int uc = b.add(new ScalarType("unsigned char", ScalarKind.UNSIGNED_CHAR, 1, 1, false));
        int sh = b.add(new ScalarType("short int", ScalarKind.SIGNED, 2, 2, true));
        int us = b.add(new ScalarType("short unsigned int", ScalarKind.UNSIGNED, 2, 2, false));
        int i = b.add(new ScalarType("int", ScalarKind.SIGNED, 4, 4, true));
        int ui = b.add(new ScalarType("unsigned int", ScalarKind.UNSIGNED, 4, 4, false));
        int ul = b.add(new ScalarType("long unsigned int", ScalarKind.UNSIGNED, 8, 8, false));
        int bool = b.add(new ScalarType("_Bool", ScalarKind.BOOL, 1, 1, false));
        int f128 = b.add(new ScalarType("_Float128", ScalarKind.FLOAT, 16, t.scalarAlignment(ScalarKind.FLOAT, 16), true));
        int c16 = b.add(new ScalarType("char16_t", ScalarKind.UNICODE_CHAR, 2, 2, false));
        int i128 = b.add(new ScalarType("__int128 unsigned", ScalarKind.UNSIGNED, 16, 16, false));
        int cplx = b.add(new ScalarType("complex float", ScalarKind.COMPLEX, 8, 4, true));
        int voidp = b.add(new PointerType(v, 8));
        int charp = b.add(new PointerType(c, 8));
        int sizeT = b.add(new TypedefType("size_t", ul));

        // b sits at 8 in a 4-aligned record: no aligned(N) explains it, padding does.
        struct(b, "gap", 12, 4, false, field("a", c, 0), field("b", i, 8));
        // x is packed on its own (struct mp { char c; int x __attribute__((packed)); short s; }).
        struct(b, "mp", 8, 2, true, field("c", c, 0), field("x", i, 1), field("s", sh, 6));
        // A packed bitfield that straddles an int, then a byte after it.
        struct(b, "bp", 6, 1, true, field("c", c, 0), bits("x", i, 8, 30), field("after", c, 5));
        // A bitfield the compiler moves to the next unsigned short.
        struct(b, "bp2", 4, 2, false, bits("a", us, 0, 12), bits("b", us, 16, 12));
        struct(b, "big_al", 128, 64, false, field("c", c, 0), field("d", c, 64));
        // Trailing members the reader did not see: tail padding.
        struct(b, "tail", 16, 4, false, field("a", i, 0));
        b.define(b.reserve("union roomy"), new RecordType(RecordKind.UNION, "roomy", 8, 4,
                List.of(field("a", i, 0), field("fl", b.add(new ArrayType(c, ArrayType.UNKNOWN_COUNT)), 0)), true, false));
        // A flexible array that is not last, and members named twice or with keywords.
        struct(b, "odd", 8, 4, false, field("n", i, 0), field("mid", b.add(new ArrayType(c, ArrayType.UNKNOWN_COUNT)), 4),
                field("default", i, 4));
        struct(b, "twice", 8, 4, false, field("n", i, 0), field("n", i, 4));
        struct(b, "empty", 0, 1, false);
        struct(b, "scalars", 64, 16, false, field("q", f128, 0), field("u16", c16, 16), field("wide", i128, 32),
                field("z", cplx, 48), bits("flag", bool, 448, 1), bits("flag2", bool, 449, 1));

        // Two different struct dup, and an opaque one that means the first.
        int dup1 = struct(b, "dup", 4, 4, false, field("a", i, 0));
        int dupOpaque = b.add(RecordType.opaque(RecordKind.STRUCT, "dup"));
        int dup2 = b.add(new RecordType(RecordKind.STRUCT, "dup", 8, 8, List.of(field("p", voidp, 0)), true, false));
        struct(b, "uses_dups", 16, 8, false, field("one", dup1, 0), field("two", dup2, 8));
        b.add(new PointerType(dupOpaque, 8));

        // A C++ template tag.
        int vecInt = struct(b, "vec<int>", 16, 8, false, field("data", b.add(new PointerType(i, 8)), 0), field("size", sizeT, 8));
        b.add(new TypedefType("vec_int_t", vecInt));

        // Enum sizes the compiler does not pick by itself, and constants defined twice.
        b.add(new EnumType("wide_small", ul, 8, 8, false, List.of(constant("WS_A", 0), constant("WS_B", 1)), true));
        b.add(new EnumType("half", us, 2, 2, false, List.of(constant("H_A", 0), constant("H_B", 1)), true));
        b.add(new EnumType("e1", ui, 4, 4, false, List.of(constant("CLASH", 1)), true));
        b.add(new EnumType("e2", ui, 4, 4, false, List.of(constant("CLASH", 2)), true));
        b.add(new EnumType("empty_enum", ui, 4, 4, false, List.of(), true));
        // An anonymous enum used directly by a member: it needs a tag to be named twice.
        int anonEnum = b.add(new EnumType(null, ui, 4, 4, false, List.of(constant("K_ONE", 1), constant("K_TWO", 2)), true));
        struct(b, "kinds", 8, 4, false, field("k", anonEnum, 0), bits("k2", anonEnum, 32, 2));
        b.add(new TypedefType("kind_t", anonEnum));

        // GCC's x86-64 va_list, as its debug info describes it.
        int vaTag = struct(b, "__va_list_tag", 24, 8, false, field("gp_offset", ui, 0), field("fp_offset", ui, 4),
                field("overflow_arg_area", voidp, 8), field("reg_save_area", voidp, 16));
        int builtinVa = b.add(new TypedefType("__builtin_va_list", b.add(new ArrayType(vaTag, 1))));
        int gnucVa = b.add(new TypedefType("__gnuc_va_list", builtinVa));
        b.add(new TypedefType("va_list", gnucVa));
        function(b, "vlog", i, false, true, param("fmt", charp), param("ap", b.add(new PointerType(vaTag, 8))));

        // Records that reach each other through typedef'd pointers, in awkward id order.
        int a = b.reserve("struct a");
        int tb = b.reserve("typedef B");
        int sb = b.reserve("struct b");
        int ta = b.add(new TypedefType("A", a));
        b.define(tb, new TypedefType("B", sb));
        b.define(a, new RecordType(RecordKind.STRUCT, "a", 16, 8,
                List.of(field("next", b.add(new PointerType(ta, 8)), 0), field("other", b.add(new PointerType(tb, 8)), 8)),
                true, false));
        b.define(sb, new RecordType(RecordKind.STRUCT, "b", 16, 8, List.of(field("inner", ta, 0)), true, false));

        // Functions: variadic without named parameters, a name that is no identifier, a
        // parameter named like a typedef, a typedef named like a function, an unprototyped
        // function pointer member, a nested ms_abi function pointer.
        function(b, "anything", i, true, true);
        function(b, "weird.name", i, false, true, param("a", i));
        function(b, "takes", v, false, true, param("size_t", i), param("n", sizeT));
        function(b, "process", v, false, true);
        b.add(new TypedefType("process", ul));
        int oldFn = b.add(new FunctionType(i, List.of(), false, false, CallingConvention.DEFAULT));
        int msFn = b.add(new FunctionType(i, List.of(new Parameter(null, i)), false, true, CallingConvention.MS_ABI));
        int returnsMs = b.add(new FunctionType(b.add(new PointerType(msFn, 8)), List.of(), false, true, CallingConvention.SYSV_ABI));
        struct(b, "fns", 16, 8, false, field("old", b.add(new PointerType(oldFn, 8)), 0),
                field("factory", b.add(new PointerType(returnsMs, 8)), 8));
        b.addFunction(new FunctionDecl("get_factory", returnsMs, false, 0, false, null, null));
        b.addVariable(new VariableDecl("atomic_ptr",
                b.add(new QualifiedType(Set.of(Qualifier.ATOMIC), b.add(new PointerType(i, 8)))), 0, null));
        b.addVariable(new VariableDecl("unknown_size", b.add(new ArrayType(i, ArrayType.UNKNOWN_COUNT)), 0, null));
        b.addVariable(new VariableDecl("bytes", b.add(new ArrayType(uc, 10)), 0, null));
        return b.build();
    }

    /** i386 System V: 8-byte scalars are 4-aligned inside structs. */
    static TypeSystem i386() {
        Target t = new Target("linux", "x86", 4, true);
        var b = new TypeSystemBuilder(t);
        int c = b.add(new ScalarType("char", ScalarKind.CHAR, 1, 1, true));
        int ll = b.add(new ScalarType("long long int", ScalarKind.SIGNED, 8, t.scalarAlignment(ScalarKind.SIGNED, 8), true));
        int d = b.add(new ScalarType("double", ScalarKind.FLOAT, 8, t.scalarAlignment(ScalarKind.FLOAT, 8), true));
        int p = b.add(new PointerType(c, 4));
        struct(b, "mixed", 24, 4, false, field("c", c, 0), field("x", ll, 4), field("d", d, 12), field("s", p, 20));
        return b.build();
    }

    private static int struct(TypeSystemBuilder b, String tag, long size, int align, boolean packed, Field... fields) {
        int id = b.reserve("struct " + tag + "#" + b.size());
        b.define(id, new RecordType(RecordKind.STRUCT, tag, size, align, List.of(fields), true, packed));
        return id;
    }

    private static void function(TypeSystemBuilder b, String name, int ret, boolean variadic, boolean prototyped,
                                 Parameter... params) {
        int type = b.add(new FunctionType(ret, List.of(params), variadic, prototyped, CallingConvention.DEFAULT));
        b.addFunction(new FunctionDecl(name, type, false, 0, false, null, null));
    }

    private static Field field(String name, int type, long byteOffset) {
        return new Field(name, type, byteOffset * 8, 0);
    }

    private static Field bits(String name, int type, long bitOffset, int width) {
        return new Field(name, type, bitOffset, width);
    }

    private static Parameter param(String name, int type) {
        return new Parameter(name, type);
    }

    private static Enumerator constant(String name, long value) {
        return new Enumerator(name, BigInteger.valueOf(value));
    }
}
