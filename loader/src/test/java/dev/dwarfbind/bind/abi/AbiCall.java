package dev.dwarfbind.bind.abi;

import dev.dwarfbind.bind.CStruct;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * One call of a generated function through {@link NativeFunction#invoke}: builds random
 * arguments, computes in Java what the C function must return for them, makes the call and
 * compares. All argument memory lives in an arena confined to the call.
 */
final class AbiCall {
    private final Library lib;
    private final NativeFunction target;
    private final AbiFunction fn;
    private final SplittableRandom rnd;

    AbiCall(Library lib, NativeFunction nativeFunction, AbiFunction fn, SplittableRandom rnd) {
        this.lib = lib;
        this.target = nativeFunction;
        this.fn = fn;
        this.rnd = rnd;
    }

    /** Makes the call; {@code null} if the result is right, else a report of what went wrong. */
    String run() {
        try (Arena arena = Arena.ofConfined()) {
            Object[] args = new Object[fn.params().size()];
            try {
                return call(arena, args);
            } catch (RuntimeException e) {
                // Preparing arguments or reading results failed: still a report naming the function,
                // with the arguments built so far.
                var trace = new StringJoiner("\n      at ");
                for (StackTraceElement el : e.getStackTrace()) {
                    trace.add(el.toString());
                    if (el.getClassName().startsWith(AbiCall.class.getPackageName())) break;
                }
                return report(show(args), "no exception", "threw " + e + "\n      at " + trace);
            }
        }
    }

    /** Fills {@code args} (left in place for the report if something throws), calls, checks. */
    private String call(Arena arena, Object[] args) {
        int n = args.length;
        long[][] values = new long[n][];
        MemorySegment out = null;
        long h = AbiChecksum.start(fn.index());
        for (int i = 0; i < n; i++) {
            AbiParam p = fn.params().get(i);
            switch (p.passing()) {
                case OUT -> args[i] = out = arena.allocate(ValueLayout.JAVA_LONG);
                case VALUE -> {
                    values[i] = randomValue(p.type());
                    args[i] = switch (p.type()) {
                        case AbiScalar s -> AbiValues.toJava(s, false, values[i][0], rnd);
                        case AbiRecord r -> rnd.nextInt(8) == 0 ? asMap(r, values[i]) : struct(r, values[i], arena);
                    };
                    h = AbiChecksum.mixAll(h, values[i]);
                }
                case POINTER -> {
                    if (rnd.nextInt(10) == 0) {
                        args[i] = null;
                        h = AbiChecksum.mix(h, AbiChecksum.NULL_TAG);
                        continue;
                    }
                    values[i] = randomValue(p.type());
                    args[i] = switch (p.type()) {
                        case AbiScalar s -> {
                            MemorySegment seg = arena.allocate(s.size(), s.size());
                            AbiValues.store(seg, s, values[i][0]);
                            yield seg;
                        }
                        case AbiRecord r -> {
                            CStruct c = struct(r, values[i], arena);
                            yield rnd.nextBoolean() ? c : c.segment();
                        }
                    };
                    h = AbiChecksum.mixAll(h, values[i]);
                }
            }
        }
        String shown = show(args);
        Object result;
        try {
            result = target.invoke(args);
        } catch (RuntimeException e) {
            return report(shown, "a result", "threw " + e);
        }
        return check(result, h, values, out, shown);
    }

    private String check(Object result, long h, long[][] values, MemorySegment out, String shown) {
        switch (fn.returns()) {
            case VOID -> {
                if (result != null) return report(shown, "null (void)", AbiValues.show(result));
                long got = out.get(ValueLayout.JAVA_LONG, 0);
                return got == h ? null : report(shown, "*out = 0x" + Long.toHexString(h), "*out = 0x" + Long.toHexString(got));
            }
            case SCALAR -> {
                AbiScalar k = (AbiScalar) fn.returnType();
                long want = AbiChecksum.fromChecksum(k, -1, h);
                String bad = AbiValues.mismatch(k, false, want, result);
                return bad == null ? null : report(shown, AbiValues.show(AbiValues.boxed(k, want)), bad);
            }
            case RECORD, ECHO -> {
                AbiRecord r = (AbiRecord) fn.returnType();
                long[] want = fn.returns() == AbiFunction.Return.ECHO ? values[fn.echo()] : AbiChecksum.fill(r.leaves(), h);
                if (!(result instanceof CStruct c)) return report(shown, r.cName(), AbiValues.show(result));
                return compare(r, want, c, shown);
            }
            case RECORD_POINTER -> {
                AbiRecord r = (AbiRecord) fn.returnType();
                if (!(result instanceof MemorySegment m) || m.equals(MemorySegment.NULL)) {
                    return report(shown, "a pointer to " + r.cName(), AbiValues.show(result));
                }
                return compare(r, AbiChecksum.fill(r.leaves(), h), lib.view(r.cName(), m), shown);
            }
        }
        throw new AssertionError(fn.returns());
    }

    /** Compares a returned record leaf by leaf, naming every wrong leaf. */
    private String compare(AbiRecord r, long[] want, CStruct got, String shown) {
        if (!got.cName().equals(r.cName())) return report(shown, r.cName(), got.cName());
        var bad = new StringJoiner("; ");
        for (int i = 0; i < want.length; i++) {
            AbiLeaf l = r.leaves().get(i);
            Object actual;
            try {
                actual = got.get(l.path());
            } catch (RuntimeException e) {
                bad.add(l.path() + ": get threw " + e);
                continue;
            }
            String m = AbiValues.mismatch(l.kind(), l.isBitfield(), want[i], actual);
            if (m != null) bad.add(l.path() + ": " + m);
        }
        return bad.length() == 0 ? null : report(shown, "the leaves below", bad + "\n      returned: " + got);
    }

    private long[] randomValue(AbiType t) {
        return switch (t) {
            case AbiScalar s -> new long[] {AbiValues.random(s, -1, rnd)};
            case AbiRecord r -> {
                long[] v = new long[r.leafCount()];
                for (int i = 0; i < v.length; i++) {
                    AbiLeaf l = r.leaves().get(i);
                    v[i] = AbiValues.random(l.kind(), l.bits(), rnd);
                }
                yield v;
            }
        };
    }

    /**
     * A zeroed record (allocated by tag or by typedef name) with its live leaves set. Compilers
     * leave unused typedefs out of the debug info, so the typedef is only tried when present.
     */
    private CStruct struct(AbiRecord r, long[] values, Arena arena) {
        boolean byTypedef = rnd.nextBoolean() && lib.types().typeNamed(r.typedefName()).isPresent();
        CStruct c = lib.allocate(byTypedef ? r.typedefName() : r.cName(), arena);
        for (int i = 0; i < values.length; i++) {
            AbiLeaf l = r.leaves().get(i);
            c.set(l.path(), AbiValues.toJava(l.kind(), l.isBitfield(), values[i], rnd));
        }
        return c;
    }

    /** The same value as a {@code Map} of member paths, the other documented by-value form. */
    private LinkedHashMap<String, Object> asMap(AbiRecord r, long[] values) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < values.length; i++) {
            AbiLeaf l = r.leaves().get(i);
            m.put(l.path(), AbiValues.toJava(l.kind(), l.isBitfield(), values[i], rnd));
        }
        return m;
    }

    private static String show(Object[] args) {
        List<String> out = new ArrayList<>();
        for (Object a : args) out.add(a instanceof CStruct c ? c.toString() : AbiValues.show(a));
        return String.join(", ", out);
    }

    private String report(String args, String expected, String actual) {
        return target.signature() + "\n    args:     " + args + "\n    expected: " + expected + "\n    actual:   " + actual;
    }
}
