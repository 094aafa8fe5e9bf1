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
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A type system such as the DWARF reader produces for an x86-64 Linux library, built by hand with
 * the layouts GCC and Clang give the equivalent C (sizes, alignments, offsets and bit offsets were
 * taken from both compilers): a recursive list, records needing {@code packed} and
 * {@code aligned}, bitfields with unnamed and implicit gaps, anonymous members, enums with negative
 * and full 64-bit values, nested and flexible arrays, function pointers in every declarator
 * position, qualifiers, K&amp;R, variadic, noreturn and {@code ms_abi} functions.
 *
 * <p>Shared by the printer and the JSON tests; {@link #build()} returns a fresh instance.
 */
public final class SampleTypeSystem {
    /** The target the sample is for. */
    public static final Target X86_64_LINUX = new Target("linux", "x86_64", 8, true);

    private final TypeSystemBuilder b = new TypeSystemBuilder(X86_64_LINUX);

    private SampleTypeSystem() {
    }

    /** The sample type system. */
    public static TypeSystem build() {
        return new SampleTypeSystem().fill();
    }

    private TypeSystem fill() {
        int v = b.add(new VoidType());
        int chr = scalar("char", ScalarKind.CHAR, 1, true);
        int uchar = scalar("unsigned char", ScalarKind.UNSIGNED_CHAR, 1, false);
        int shrt = scalar("short int", ScalarKind.SIGNED, 2, true);
        int ushort = scalar("short unsigned int", ScalarKind.UNSIGNED, 2, false);
        int i = scalar("int", ScalarKind.SIGNED, 4, true);
        int ui = scalar("unsigned int", ScalarKind.UNSIGNED, 4, false);
        int lng = scalar("long int", ScalarKind.SIGNED, 8, true);
        int ulng = scalar("long unsigned int", ScalarKind.UNSIGNED, 8, false);
        int ll = scalar("long long int", ScalarKind.SIGNED, 8, true);
        int ull = scalar("long long unsigned int", ScalarKind.UNSIGNED, 8, false);
        int flt = scalar("float", ScalarKind.FLOAT, 4, true);
        int dbl = scalar("double", ScalarKind.FLOAT, 8, true);
        int ldbl = scalar("long double", ScalarKind.FLOAT, 16, true);
        int cdbl = scalar("complex double", ScalarKind.COMPLEX, 16, true);
        int bool = scalar("_Bool", ScalarKind.BOOL, 1, false);

        int sizeT = b.add(new TypedefType("size_t", ulng));
        int voidp = ptr(v);
        int cvoidp = ptr(qual(v, Qualifier.CONST));
        int ccharp = ptr(qual(chr, Qualifier.CONST));

        // An id used before it is defined: outer (reserved first) holds inner by value.
        int outer = b.reserve("struct outer");
        int inner = b.reserve("struct inner");

        int node = b.reserve("struct node");
        int nodep = ptr(node);
        b.define(node, struct("node", 16, 8, false, field("value", i, 0), field("next", nodep, 8)));
        int nodeT = b.add(new TypedefType("node_t", node));
        b.add(new TypedefType("node_ptr", ptr(nodeT)));

        int list = record("struct list", struct("list", 24, 8, false,
                field("head", nodep, 0), field("tail", nodep, 8), field("count", sizeT, 16)));
        int listT = b.add(new TypedefType("list_t", list));

        b.define(inner, struct("inner", 8, 4, false, field("a", i, 0), field("b", shrt, 4)));
        b.define(outer, struct("outer", 64, 8, false,
                field("in", inner, 0), field("n", nodep, 8), field("lists", array(listT, 2), 16)));

        // union value { struct { int lo; int hi; }; long long whole; double d; };
        int loHi = b.add(struct(null, 8, 4, false, field("lo", i, 0), field("hi", i, 4)));
        int value = record("union value", new RecordType(RecordKind.UNION, "value", 8, 8,
                List.of(new Field(null, loHi, 0, 0), field("whole", ll, 0), field("d", dbl, 0)), true, false));

        // struct tagged { int kind; union { int i; float f; }; };
        int intOrFloat = b.add(new RecordType(RecordKind.UNION, null, 4, 4,
                List.of(field("i", i, 0), field("f", flt, 0)), true, false));
        record("struct tagged", struct("tagged", 8, 4, false, field("kind", i, 0), new Field(null, intOrFloat, 32, 0)));

        // struct point_pair { struct { int x, y; } a, b; };
        int xy = b.add(struct(null, 8, 4, false, field("x", i, 0), field("y", i, 4)));
        record("struct point_pair", struct("point_pair", 16, 4, false, field("a", xy, 0), field("b", xy, 8)));

        // Bitfields; "unsigned int : 3" before kind is absent, as in real debug info.
        record("struct flags", struct("flags", 16, 8, false,
                bits("ready", ui, 0, 1), bits("mode", ui, 1, 3), bits(null, ui, 4, 4), bits("level", ui, 8, 5),
                bits("kind", ui, 16, 6), field("tag", uchar, 3), bits("big", ull, 64, 40), bits("neg", i, 104, 3)));

        record("struct packed_hdr", struct("packed_hdr", 9, 1, true,
                field("type", uchar, 0), field("length", ui, 1), field("crc", ushort, 5),
                bits("pf", ui, 56, 5), bits("pg", ui, 61, 7)));
        record("struct vec", struct("vec", 32, 32, false, field("x", flt, 0), field("y", flt, 4), field("z", flt, 8)));
        record("struct with_aligned", struct("with_aligned", 32, 16, false,
                field("c", chr, 0), field("x", i, 16), field("s", shrt, 20)));
        record("struct pragma_like", struct("pragma_like", 6, 2, true, field("c", chr, 0), field("x", i, 2)));
        record("struct numeric", struct("numeric", 48, 16, false,
                field("ld", ldbl, 0), field("cd", cdbl, 16), field("ok", bool, 32)));

        int status = b.add(new EnumType("status", i, 4, 4, true,
                List.of(enumerator("ST_ERROR", -1), enumerator("ST_OK", 0), enumerator("ST_RETRY", 2)), true));
        b.add(new EnumType("big_flags", ulng, 8, 8, false, List.of(enumerator("BF_NONE", 0),
                new Enumerator("BF_HIGH", BigInteger.ONE.shiftLeft(63)),
                new Enumerator("BF_ALL", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))), true));
        b.add(new EnumType("minmax", lng, 8, 8, true,
                List.of(enumerator("MM_MIN", Long.MIN_VALUE), enumerator("MM_MAX", Long.MAX_VALUE)), true));
        int small = b.add(new EnumType("small", uchar, 1, 1, false,
                List.of(enumerator("S_A", 0), enumerator("S_B", 1)), true));
        int color = b.add(new EnumType(null, ui, 4, 4, false,
                List.of(enumerator("RED", 0), enumerator("GREEN", 1), enumerator("BLUE", 2)), true));
        int colorT = b.add(new TypedefType("color_t", color));
        b.add(new EnumType(null, ui, 4, 4, false, List.of(enumerator("MAX_ITEMS", 64)), true));
        int opaqueMode = b.add(new EnumType("opaque_mode", TypeSystem.NO_TYPE, 0, 1, false, List.of(), false));

        record("struct variant", struct("variant", 24, 8, false,
                field("st", status, 0), field("v", value, 8), field("color", colorT, 16), field("sz", small, 20)));
        record("struct buffer", struct("buffer", 8, 8, false,
                field("len", sizeT, 0), field("data", array(chr, ArrayType.UNKNOWN_COUNT), 8)));
        record("struct grid", struct("grid", 80, 8, false,
                field("cells", array(array(dbl, 3), 3), 0), field("mask", array(array(uchar, 4), 2), 72)));

        // Function pointers as members, typedefs, parameters and return values.
        int onEvent = fn(v, false, CallingConvention.DEFAULT, i, voidp);
        int cmp = fn(i, false, CallingConvention.DEFAULT, cvoidp, cvoidp);
        int cmpFn = b.add(new TypedefType("cmp_fn", ptr(cmp)));
        int handler = fn(v, false, CallingConvention.DEFAULT, i);
        int handlerp = ptr(handler);
        int winCb = fn(i, false, CallingConvention.MS_ABI, i);
        record("struct callbacks", struct("callbacks", 64, 8, false,
                field("on_event", ptr(onEvent), 0), field("compare", ptr(cmp), 8),
                field("handlers", array(handlerp, 4), 16), field("cmp", cmpFn, 48), field("win_cb", ptr(winCb), 56)));

        int handle = record("struct handle", RecordType.opaque(RecordKind.STRUCT, "handle"));

        function("add", i, false, true, CallingConvention.DEFAULT, param("a", i), param("b", i));
        function("log_msg", i, true, true, CallingConvention.DEFAULT, param("fmt", ccharp));
        function("old_style", i, false, false, CallingConvention.DEFAULT, param("a", i));
        function("win_add", i, false, true, CallingConvention.MS_ABI, param("a", i), param("b", i));
        noreturn("fatal", fnType(v, false, true, CallingConvention.DEFAULT, param("msg", ccharp)));
        // int (*(*get_table(void))(int))[3];
        int rowFn = fn(ptr(array(i, 3)), false, CallingConvention.DEFAULT, i);
        function("get_table", ptr(rowFn), false, true, CallingConvention.DEFAULT);
        // void (*set_handler(int sig, void (*handler)(int)))(int);
        function("set_handler", handlerp, false, true, CallingConvention.DEFAULT, param("sig", i), param("handler", handlerp));
        function("sort_items", v, false, true, CallingConvention.DEFAULT,
                param("base", voidp), param("n", sizeT), param("size", sizeT), param("cmp", cmpFn));
        function("open_handle", ptr(handle), false, true, CallingConvention.DEFAULT, param("path", ccharp));
        function("copy_bytes", voidp, false, true, CallingConvention.DEFAULT,
                param("dst", qual(voidp, Qualifier.RESTRICT)), param("src", qual(cvoidp, Qualifier.RESTRICT)),
                param("n", sizeT));
        function("get_count", i, false, true, CallingConvention.DEFAULT);
        function("list_push", i, false, true, CallingConvention.DEFAULT, param("l", ptr(listT)), param("n", ptr(nodeT)));
        function("set_mode", v, false, true, CallingConvention.DEFAULT, param("m", ptr(opaqueMode)));

        variable("table", qual(array(array(i, 8), 4), Qualifier.CONST));
        variable("row_ptr", ptr(array(i, 3)));
        variable("handlers", array(handlerp, 4));
        variable("fixed_name", qual(ptr(chr), Qualifier.CONST));
        variable("counter", qual(i, Qualifier.VOLATILE));
        variable("refcount", qual(i, Qualifier.ATOMIC));
        variable("current_variant", b.lookup("struct variant").getAsInt());

        b.addUntyped(new UntypedSymbol("_init", UntypedSymbol.Kind.FUNCTION, 0x1000, 0, "no debug info for this symbol"));
        b.addUntyped(new UntypedSymbol("__bss_start", UntypedSymbol.Kind.VARIABLE, 0x4010, 0, null));
        return b.build();
    }

    private int scalar(String name, ScalarKind kind, int size, boolean signed) {
        return b.add(new ScalarType(name, kind, size, X86_64_LINUX.scalarAlignment(kind, size), signed));
    }

    private int ptr(int pointee) {
        return b.add(new PointerType(pointee, 8));
    }

    private int qual(int type, Qualifier first, Qualifier... rest) {
        return b.add(new QualifiedType(EnumSet.of(first, rest), type));
    }

    private int array(int element, long count) {
        return b.add(new ArrayType(element, count));
    }

    private int record(String key, RecordType r) {
        int id = b.reserve(key);
        b.define(id, r);
        return id;
    }

    private static RecordType struct(String tag, long size, int align, boolean packed, Field... fields) {
        return new RecordType(RecordKind.STRUCT, tag, size, align, List.of(fields), true, packed);
    }

    private static Field field(String name, int type, long byteOffset) {
        return new Field(name, type, byteOffset * 8, 0);
    }

    private static Field bits(String name, int type, long bitOffset, int width) {
        return new Field(name, type, bitOffset, width);
    }

    private static Enumerator enumerator(String name, long value) {
        return new Enumerator(name, BigInteger.valueOf(value));
    }

    private static Parameter param(String name, int type) {
        return new Parameter(name, type);
    }

    /** A function type whose parameters are unnamed, as in a function pointer's debug info. */
    private int fn(int ret, boolean variadic, CallingConvention cc, int... params) {
        var list = new ArrayList<Parameter>();
        for (int p : params) list.add(new Parameter(null, p));
        return b.add(new FunctionType(ret, list, variadic, true, cc));
    }

    private int fnType(int ret, boolean variadic, boolean prototyped, CallingConvention cc, Parameter... params) {
        return b.add(new FunctionType(ret, List.of(params), variadic, prototyped, cc));
    }

    private void function(String name, int ret, boolean variadic, boolean prototyped, CallingConvention cc,
                          Parameter... params) {
        int type = fnType(ret, variadic, prototyped, cc, params);
        b.addFunction(new FunctionDecl(name, type, false, 0x1100 + 16L * b.size(), false, null, null));
    }

    private void noreturn(String name, int type) {
        b.addFunction(new FunctionDecl(name, type, true, 0x2000, true, "LIB_1.0", "fatal_impl"));
    }

    private void variable(String name, int type) {
        b.addVariable(new VariableDecl(name, type, 0x4000 + 8L * b.size(), name.equals("table") ? "LIB_1.0" : null));
    }
}
