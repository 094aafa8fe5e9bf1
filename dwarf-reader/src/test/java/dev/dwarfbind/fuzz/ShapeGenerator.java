package dev.dwarfbind.fuzz;

import dev.dwarfbind.sidecar.CraftedLibrary;
import dev.dwarfbind.sidecar.CraftedLibrary.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.dwarfbind.sidecar.CraftedLibrary.*;

/**
 * Generates valid DWARF of extreme shape: deep and wide records, shared anonymous records whose
 * naive descriptions grow exponentially, long chains of derived types, many dimensions, recursion
 * through pointers, many functions sharing types. Each library mixes a few such structures; sizes
 * are drawn log-uniformly so that most inputs are small and some are huge.
 */
final class ShapeGenerator {
    /** One generated library and whether all of it lies within the reader's documented limits. */
    record Shape(String description, byte[] image, boolean withinLimits) {
    }

    private static final int DW_TAG_CONST = 0x26;

    private final SplittableRandom rnd;
    private CraftedLibrary lib;
    private Node intType;
    private Node charType;
    private boolean withinLimits;
    private final List<String> parts = new ArrayList<>();
    private int names;

    ShapeGenerator(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    Shape next() {
        lib = new CraftedLibrary();
        intType = lib.type(base("int", DW_ATE_INT, 4));
        charType = lib.type(base("char", 0x06, 1));
        withinLimits = true;
        parts.clear();
        int structures = 1 + rnd.nextInt(3);
        for (int s = 0; s < structures; s++) {
            Node t = switch (rnd.nextInt(8)) {
                case 0 -> nestedStructs();
                case 1 -> sharedAnonymousUnions();
                case 2 -> diamond();
                case 3 -> derivedChain();
                case 4 -> wide();
                case 5 -> dimensions();
                case 6 -> ring();
                default -> sharedByFunctions();
            };
            lib.function("f" + names++, null, lib.type(pointer(t)));
            if (rnd.nextInt(4) == 0) lib.variable("v" + names++, t, 1 << 20);
        }
        return new Shape(String.join(" + ", parts), lib.image(), withinLimits);
    }

    /** A size between 1 and {@code max}, log-uniform. */
    private int size(int max) {
        return (int) Math.max(1, Math.round(Math.pow(max, rnd.nextDouble())));
    }

    private String name(String prefix) {
        return prefix + names++;
    }

    /** Named structs, each holding {@code fanout} copies of the previous by value. */
    private Node nestedStructs() {
        int depth = size(4_000);
        int fanout = 1 + rnd.nextInt(3);
        parts.add(depth + " nested structs x" + fanout);
        Node inner = intType;
        long size = 4;
        for (int i = 0; i < depth; i++) {
            if (size * fanout > 1L << 40) fanout = 1;
            Node s = record(DW_TAG_STRUCT, name("s"), size * fanout);
            for (int m = 0; m < fanout; m++) s.child(member("m" + m, inner, m * size));
            size *= fanout;
            inner = lib.type(s);
        }
        return inner;
    }

    /** Anonymous unions, each level with {@code fanout} members of the level below (one DIE shared). */
    private Node sharedAnonymousUnions() {
        int levels = size(14);
        int fanout = size(16);
        parts.add(levels + " levels of anonymous unions x" + fanout);
        Node level = intType;
        for (int l = 0; l < levels; l++) {
            Node u = record(rnd.nextBoolean() ? DW_TAG_UNION : DW_TAG_STRUCT, null, 4);
            // Unions keep every member at 0; structs of one shared member type overlay them too,
            // which keeps the record's size 4 whatever the depth.
            for (int m = 0; m < fanout; m++) u.child(member("m" + m, level, 0));
            level = lib.type(u);
        }
        return lib.type(record(DW_TAG_STRUCT, name("top"), 4).child(member("u", level, 0)));
    }

    /** Records holding two different members of the level below: a DAG with 2^depth paths. */
    private Node diamond() {
        int depth = size(60);
        boolean anonymous = rnd.nextBoolean();
        parts.add(depth + "-level diamond" + (anonymous ? " (anonymous)" : ""));
        Node inner = intType;
        for (int i = 0; i < depth; i++) {
            Node s = record(DW_TAG_UNION, anonymous ? null : name("d"), 4)
                    .child(member("left", inner, 0)).child(member("right", lib.type(constOf(inner)), 0));
            inner = lib.type(s);
        }
        return inner;
    }

    /** Pointers, const, typedefs and one-element arrays chained; beyond 512 it is too deep. */
    private Node derivedChain() {
        int length = size(700);
        parts.add(length + " derived types");
        Node t = rnd.nextBoolean() ? intType : charType;
        int nesting = 1;
        for (int i = 0; i < length; i++) {
            t = lib.type(switch (rnd.nextInt(4)) {
                case 0 -> pointer(t);
                case 1 -> typedef(name("t"), t);
                case 2 -> array(t, 1);
                default -> constOf(t);
            });
            nesting++;
        }
        // The exported function points to it: two more levels (pointer, function type).
        if (nesting + 2 > 512) withinLimits = false;
        return t;
    }

    /** A struct of many members, an enum of many constants, a function of many parameters. */
    private Node wide() {
        int n = size(5_000);
        parts.add(n + " members, constants and parameters");
        Node s = record(DW_TAG_STRUCT, name("w"), 4L * n);
        for (int m = 0; m < n; m++) s.child(member("m" + m, intType, 4L * m));
        String[] constants = new String[n];
        for (int k = 0; k < n; k++) constants[k] = name("E");
        Node e = lib.type(enumeration(name("e"), 4, constants));
        Node[] params = new Node[Math.min(n, 2_000)];
        java.util.Arrays.fill(params, e);
        lib.function(name("wide"), intType, params);
        return lib.type(s);
    }

    /** A multi-dimensional array; beyond 512 dimensions it is too deep. */
    private Node dimensions() {
        int n = size(1_000);
        parts.add(n + " dimensions");
        long[] dims = new long[n];
        // Now and then counts whose product no address space holds: refused, naming the array.
        boolean huge = rnd.nextInt(8) == 0;
        for (int k = 0; k < n; k++) dims[k] = k < 3 ? (huge ? 1L << 31 : 1 + rnd.nextInt(7)) : 1;
        if (n + 3 > 512 || huge && n >= 2) withinLimits = false;
        return lib.type(array(intType, dims));
    }

    /** Structs pointing at each other in a ring, named or anonymous. */
    private Node ring() {
        int n = size(1_000);
        boolean anonymous = rnd.nextInt(3) == 0;
        parts.add(n + "-struct pointer ring" + (anonymous ? " (anonymous)" : ""));
        Node[] rs = new Node[n];
        for (int k = 0; k < n; k++) rs[k] = record(DW_TAG_STRUCT, anonymous ? null : name("r"), 16);
        for (int k = 0; k < n; k++) {
            Node p = lib.type(pointer(rs[(k + 1) % n]));
            rs[k].child(member("next", p, 0)).child(member("value", intType, 8));
            lib.type(rs[k]);
        }
        return rs[0];
    }

    /** Many functions sharing one anonymous struct through one pointer type. */
    private Node sharedByFunctions() {
        int n = size(500);
        parts.add(n + " functions sharing a type");
        Node anon = lib.type(record(DW_TAG_STRUCT, null, 8).child(member("a", intType, 0)).child(member("b", intType, 4)));
        Node p = lib.type(pointer(anon));
        for (int k = 0; k < n; k++) lib.function(name("g"), p, p, p);
        return anon;
    }
}
