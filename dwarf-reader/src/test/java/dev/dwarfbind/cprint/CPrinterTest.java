package dev.dwarfbind.cprint;

import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.VoidType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact text of {@link CPrinter}'s declarations, type names and definitions. */
class CPrinterTest {
    private static TypeSystem sample;

    @BeforeAll
    static void buildSample() {
        sample = SampleTypeSystem.build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            add         | int add(int a, int b);
            log_msg     | int log_msg(const char *fmt, ...);
            old_style   | int old_style();
            win_add     | __attribute__((ms_abi)) int win_add(int a, int b);
            fatal       | _Noreturn void fatal(const char *msg);
            get_table   | int (*(*get_table(void))(int))[3];
            set_handler | void (*set_handler(int sig, void (*handler)(int)))(int);
            sort_items  | void sort_items(void *base, size_t n, size_t size, cmp_fn cmp);
            open_handle | struct handle *open_handle(const char *path);
            copy_bytes  | void *copy_bytes(void *restrict dst, const void *restrict src, size_t n);
            get_count   | int get_count(void);
            list_push   | int list_push(list_t *l, node_t *n);
            set_mode    | void set_mode(enum opaque_mode *m);
            """)
    void functionDeclarations(String name, String expected) {
        assertEquals(expected, CPrinter.declaration(sample, sample.function(name).orElseThrow()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            table           | extern const int table[4][8];
            row_ptr         | extern int (*row_ptr)[3];
            handlers        | extern void (*handlers[4])(int);
            fixed_name      | extern char *const fixed_name;
            counter         | extern volatile int counter;
            refcount        | extern _Atomic int refcount;
            current_variant | extern struct variant current_variant;
            """)
    void variableDeclarations(String name, String expected) {
        assertEquals(expected, CPrinter.declaration(sample, sample.variable(name).orElseThrow()));
    }

    /** A small type system of derived types for the declarator cases, with its ids. */
    private static final class Declarators {
        final TypeSystemBuilder b = new TypeSystemBuilder(SampleTypeSystem.X86_64_LINUX);
        final int v = b.add(new VoidType());
        final int i = b.add(new ScalarType("int", ScalarKind.SIGNED, 4, 4, true));
        final int c = b.add(new ScalarType("char", ScalarKind.CHAR, 1, 1, true));

        int ptr(int t) {
            return b.add(new PointerType(t, 8));
        }

        int q(int t, Qualifier first, Qualifier... rest) {
            return b.add(new QualifiedType(EnumSet.of(first, rest), t));
        }

        int array(int t, long n) {
            return b.add(new ArrayType(t, n));
        }

        int fn(int ret, boolean variadic, int... params) {
            return fn(ret, variadic, CallingConvention.DEFAULT, params);
        }

        int fn(int ret, boolean variadic, CallingConvention cc, int... params) {
            var list = new ArrayList<Parameter>();
            for (int p : params) list.add(new Parameter(null, p));
            return b.add(new FunctionType(ret, list, variadic, true, cc));
        }
    }

    @Test
    void declaratorsReadInsideOut() {
        var d = new Declarators();
        int printfLike = d.ptr(d.fn(d.i, true, d.ptr(d.q(d.c, Qualifier.CONST))));
        int ptrToArray = d.ptr(d.array(d.i, 3));
        int handlerArray = d.array(d.ptr(d.fn(d.v, false, d.i)), 4);
        int returnsFnPtr = d.fn(d.ptr(d.fn(d.ptr(d.array(d.i, 3)), false, d.i)), false);
        int constPtr = d.q(d.ptr(d.c), Qualifier.CONST);
        int ptrToConst = d.ptr(d.q(d.c, Qualifier.CONST));
        int restrictPtr = d.q(d.ptr(d.i), Qualifier.RESTRICT);
        int atomicInt = d.q(d.i, Qualifier.ATOMIC);
        int atomicPtr = d.q(d.ptr(d.i), Qualifier.ATOMIC);
        int cvInt = d.q(d.i, Qualifier.VOLATILE, Qualifier.CONST);
        int constPtrToConstPtr = d.ptr(d.q(d.ptr(d.q(d.c, Qualifier.CONST)), Qualifier.CONST));
        int matrix = d.array(d.array(d.i, 8), 4);
        int ptrToFnPtrArray = d.ptr(d.array(d.ptr(d.fn(d.i, false, d.i)), 2));
        int msAbiPtr = d.ptr(d.fn(d.i, false, CallingConvention.MS_ABI, d.i));
        int flexible = d.array(d.c, ArrayType.UNKNOWN_COUNT);
        int ptrToPtr = d.ptr(d.ptr(d.c));
        TypeSystem ts = d.b.build();

        assertEquals("int (*)(const char *, ...)", CPrinter.typeName(ts, printfLike));
        assertEquals("int (*p)[3]", CPrinter.declare(ts, ptrToArray, "p"));
        assertEquals("int (*)[3]", CPrinter.typeName(ts, ptrToArray));
        assertEquals("void (*handlers[4])(int)", CPrinter.declare(ts, handlerArray, "handlers"));
        assertEquals("int (*(*f(void))(int))[3]", CPrinter.declare(ts, returnsFnPtr, "f"));
        assertEquals("char *const p", CPrinter.declare(ts, constPtr, "p"));
        assertEquals("char *const", CPrinter.typeName(ts, constPtr));
        assertEquals("const char *p", CPrinter.declare(ts, ptrToConst, "p"));
        assertEquals("int *restrict", CPrinter.typeName(ts, restrictPtr));
        assertEquals("_Atomic int", CPrinter.typeName(ts, atomicInt));
        assertEquals("int *_Atomic p", CPrinter.declare(ts, atomicPtr, "p"));
        assertEquals("const volatile int x", CPrinter.declare(ts, cvInt, "x"));
        assertEquals("const char *const *pp", CPrinter.declare(ts, constPtrToConstPtr, "pp"));
        assertEquals("int[4][8]", CPrinter.typeName(ts, matrix));
        assertEquals("int m[4][8]", CPrinter.declare(ts, matrix, "m"));
        assertEquals("int (*(*p)[2])(int)", CPrinter.declare(ts, ptrToFnPtrArray, "p"));
        assertEquals("int (__attribute__((ms_abi)) *cb)(int)", CPrinter.declare(ts, msAbiPtr, "cb"));
        assertEquals("char data[]", CPrinter.declare(ts, flexible, "data"));
        assertEquals("char **", CPrinter.typeName(ts, ptrToPtr));
        assertEquals("int", CPrinter.typeName(ts, d.i));
    }

    @Test
    void restrictIsDroppedWhereCForbidsIt() {
        var d = new Declarators();
        int restrictInt = d.q(d.i, Qualifier.RESTRICT, Qualifier.CONST);
        TypeSystem ts = d.b.build();
        assertEquals("const int", CPrinter.typeName(ts, restrictInt));
    }

    @Test
    void qualifiersOfAnArrayMoveToItsElements() {
        var d = new Declarators();
        int constMatrix = d.q(d.array(d.array(d.i, 8), 4), Qualifier.CONST);
        TypeSystem ts = d.b.build();
        assertEquals("const int table[4][8]", CPrinter.declare(ts, constMatrix, "table"));
    }

    @Test
    void recursiveStruct() {
        assertEquals("""
                struct node {
                    int value;
                    struct node *next;
                };""", definition("struct node"));
    }

    @Test
    void unionWithAnonymousStructMember() {
        assertEquals("""
                union value {
                    struct {
                        int lo;
                        int hi;
                    };
                    long long int whole;
                    double d;
                };""", definition("union value"));
    }

    @Test
    void namedMembersOfAnAnonymousStructTypeAreWrittenInline() {
        assertEquals("""
                struct point_pair {
                    struct {
                        int x;
                        int y;
                    } a;
                    struct {
                        int x;
                        int y;
                    } b;
                };""", definition("struct point_pair"));
    }

    @Test
    void bitfieldsKeepUnnamedOnesAndRecreateMissingGaps() {
        assertEquals("""
                struct flags {
                    unsigned int ready : 1;
                    unsigned int mode : 3;
                    unsigned int : 4;
                    unsigned int level : 5;
                    unsigned int : 3;
                    unsigned int kind : 6;
                    unsigned char tag;
                    long long unsigned int big : 40;
                    int neg : 3;
                };""", definition("struct flags"));
    }

    @Test
    void packedStruct() {
        assertEquals("""
                struct __attribute__((packed)) packed_hdr {
                    unsigned char type;
                    unsigned int length;
                    short unsigned int crc;
                    unsigned int pf : 5;
                    unsigned int pg : 7;
                };""", definition("struct packed_hdr"));
    }

    @Test
    void overAlignedStruct() {
        assertEquals("""
                struct __attribute__((aligned(32))) vec {
                    float x;
                    float y;
                    float z;
                };""", definition("struct vec"));
    }

    @Test
    void overAlignedMember() {
        assertEquals("""
                struct with_aligned {
                    char c;
                    int x __attribute__((aligned(16)));
                    short int s;
                };""", definition("struct with_aligned"));
    }

    @Test
    void packedStructWithAlignmentTwoAsPragmaPackGivesIt() {
        assertEquals("""
                struct __attribute__((packed)) pragma_like {
                    char c;
                    int x __attribute__((aligned(2)));
                };""", definition("struct pragma_like"));
    }

    @Test
    void flexibleArrayMember() {
        assertEquals("""
                struct buffer {
                    size_t len;
                    char data[];
                };""", definition("struct buffer"));
    }

    @Test
    void arraysOfArraysAndFunctionPointerMembers() {
        assertEquals("""
                struct grid {
                    double cells[3][3];
                    unsigned char mask[2][4];
                };""", definition("struct grid"));
        assertEquals("""
                struct callbacks {
                    void (*on_event)(int, void *);
                    int (*compare)(const void *, const void *);
                    void (*handlers[4])(int);
                    cmp_fn cmp;
                    int (__attribute__((ms_abi)) *win_cb)(int);
                };""", definition("struct callbacks"));
    }

    @Test
    void enumsWithNegativeAndFullWidthValues() {
        assertEquals("""
                enum status {
                    ST_ERROR = -1,
                    ST_OK = 0,
                    ST_RETRY = 2
                };""", definition("enum status"));
        assertEquals("""
                enum big_flags {
                    BF_NONE = 0,
                    BF_HIGH = 9223372036854775808ULL,
                    BF_ALL = 18446744073709551615ULL
                };""", definition("enum big_flags"));
        assertEquals("""
                enum minmax {
                    MM_MIN = (-9223372036854775807LL - 1),
                    MM_MAX = 9223372036854775807
                };""", definition("enum minmax"));
        assertEquals("""
                enum __attribute__((packed)) small {
                    S_A = 0,
                    S_B = 1
                };""", definition("enum small"));
    }

    @Test
    void typedefs() {
        assertEquals("""
                typedef enum {
                    RED = 0,
                    GREEN = 1,
                    BLUE = 2
                } color_t;""", definition("color_t"));
        assertEquals("typedef int (*cmp_fn)(const void *, const void *);", definition("cmp_fn"));
        assertEquals("typedef node_t *node_ptr;", definition("node_ptr"));
        assertEquals("typedef long unsigned int size_t;", definition("size_t"));
    }

    @Test
    void opaqueTypesGiveForwardDeclarations() {
        assertEquals("struct handle;", definition("struct handle"));
        assertEquals("enum opaque_mode;", definition("enum opaque_mode"));
    }

    @Test
    void onlyNamedKindsHaveDefinitions() {
        int pointer = sample.types().indexOf(new PointerType(sample.typeNamed("struct node").getAsInt(), 8));
        assertThrows(IllegalArgumentException.class, () -> CPrinter.definition(sample, pointer));
    }

    @Test
    void headerDefinesWhatIsUsedByValueFirst() {
        String header = CPrinter.header(sample);
        // outer has a smaller id than inner and list but holds them by value.
        assertTrue(header.indexOf("struct inner {") < header.indexOf("struct outer {"), header);
        assertTrue(header.indexOf("struct list {") < header.indexOf("struct outer {"), header);
        assertTrue(header.indexOf("typedef struct list list_t;") < header.indexOf("struct outer {"), header);
        // A pointer needs only the forward declaration, which comes first of all.
        assertTrue(header.indexOf("struct node;") < header.indexOf("struct list {"), header);
        assertTrue(header.indexOf("struct list {") < header.indexOf("struct node {"), header);
        assertTrue(header.indexOf("typedef int (*cmp_fn)") < header.indexOf("struct callbacks {"), header);
        // Anonymous records appear only inline.
        assertEquals(-1, header.indexOf("\nstruct {"), header);
        // The unused anonymous enum is kept for its constant.
        assertTrue(header.contains("enum {\n    MAX_ITEMS = 64\n};"), header);
        for (String f : List.of("int add(int a, int b);", "extern const int table[4][8];", "struct handle;")) {
            assertTrue(header.contains(f), f);
        }
    }

    private static String definition(String name) {
        return CPrinter.definition(sample, sample.typeNamed(name).orElseThrow());
    }
}
