package dev.dwarfbind.bind.internal.value;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.abi.CallType;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The documented Java-to-C conversions of dynamic calls ({@code NativeFunction.invoke}), checked
 * against the C type before anything native runs:
 * <ul>
 * <li>integer types: {@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger},
 *     {@code Character}, range-checked against the C type (300 is not an {@code unsigned char});
 *     a 64-bit unsigned type also takes any {@code long} as its bit pattern; an enum also takes a
 *     constant's name as a {@code String}</li>
 * <li>{@code __int128}: as the integer types, or the API's {@code Int128} (any 128 bits)</li>
 * <li>{@code _Bool}: {@code Boolean}, or 0 / 1</li>
 * <li>{@code float}, {@code double}: any {@code Number}</li>
 * <li>pointers: {@code null} (NULL), {@code MemorySegment}, {@code CStruct} (its address),
 *     {@code String} for pointers to character types (UTF-8, NUL-terminated, freed after the
 *     call), Java primitive arrays of the pointee's size (copied in, and back out unless the
 *     pointee is const)</li>
 * <li>function pointers: a {@code MemorySegment}, a {@code NativeFunction}, or any Java object
 *     implementing a functional interface (an upcall stub valid for the duration of the call)</li>
 * <li>structs and unions by value: a {@code CStruct} of that type, a {@code MemorySegment} at
 *     least as large, or a {@code Map} of field values</li>
 * </ul>
 */
public final class Conversions {
    private Conversions() {
    }

    /** The carrier value the linker takes for Java value {@code v} as C type {@code ct}; {@code ctx} may be null when no argument needs temporary memory. */
    public static Object toCarrier(ValueContext cx, CallType ct, Object v, CallContext ctx, String what) {
        return toCarrier(cx, ct, v, ctx, what, false);
    }

    /**
     * Like {@link #toCarrier(ValueContext, CallType, Object, CallContext, String)}; with
     * {@code heap} set (a critical call), Java heap memory goes to pointer parameters as it is:
     * arrays, heap segments and heap-held structs uncopied, strings as heap UTF-8.
     */
    public static Object toCarrier(ValueContext cx, CallType ct, Object v, CallContext ctx, String what, boolean heap) {
        return switch (ct.kind()) {
            case INT -> integer(cx, ct, v, what);
            case BOOL -> bool(v, what);
            case FLOAT -> (float) number(v, ct, what);
            case DOUBLE -> number(v, ct, what);
            case POINTER -> pointer(cx, ct, v, ctx, what, heap);
            case FUNCTION_POINTER -> functionPointer(cx, ct, v, ctx, what);
            case STRUCT -> struct(cx, ct, v, ctx, what);
            case LONG_DOUBLE -> longDouble(v, ct, what);
            // The API's Int128 goes to the wrapper as it is; a BigInteger (the common case, tested first) is range-checked.
            case INT128 -> v instanceof BigInteger || !cx.api().int128().is(v) ? int128(ct, v, what) : v;
            case FLOAT16 -> (float) number(v, ct, what);
            case COMPLEX -> complex(cx, ct, v, what);
            case VOID -> throw new ArgumentException(what + ": void is not a value");
        };
    }

    /**
     * A {@code long double} argument: a {@code BigDecimal} (rounded to the nearest long double when
     * written), a {@code BigInteger} or integer box (exactly, as a {@code BigDecimal}), or a
     * {@code Double}/{@code Float} (exactly: every double is a long double).
     */
    public static Number longDouble(Object v, CallType ct, String what) {
        return switch (v) {
            case BigDecimal b -> b;
            case BigInteger b -> new BigDecimal(b);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short x -> BigDecimal.valueOf(x);
            case Byte x -> BigDecimal.valueOf(x);
            case Number n -> n.doubleValue();
            case null, default -> throw new ArgumentException(what + ": expected a number (BigDecimal or double) for " + ct.cName()
                    + ", got " + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
        };
    }

    /**
     * A {@code __int128} value as a {@code BigInteger} (what memory and a JIT thunk's frame are written
     * from): a {@code BigInteger} or integer box, range-checked, or the API's 128-bit integer (its bits,
     * read as the C type's signedness says). As a call's argument the API's value is passed as it is.
     */
    public static BigInteger int128(ValueContext cx, CallType ct, Object v, String what) {
        Int128Api api = cx.api().int128();
        return api.is(v) ? api.toBigInteger(v, ct.min() != 0) : int128(ct, v, what);
    }

    /** A {@code __int128} argument: a {@code BigInteger} or integer box, range-checked. */
    public static BigInteger int128(CallType ct, Object v, String what) {
        BigInteger b = switch (v) {
            case BigInteger x -> x;
            case Long x -> BigInteger.valueOf(x);
            case Integer x -> BigInteger.valueOf(x);
            case Short x -> BigInteger.valueOf(x);
            case Byte x -> BigInteger.valueOf(x);
            case Character c -> BigInteger.valueOf(c);
            case null, default -> throw new ArgumentException(what + ": expected a BigInteger or Int128 for " + ct.cName() + ", got "
                    + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
        };
        boolean signed = ct.min() != 0;
        if (!BigInt128.fits(b, signed)) {
            throw new ArgumentException(what + ": " + b + " does not fit " + ct.cName() + " ("
                    + (signed ? BigInt128.MIN_SIGNED + ".." + BigInt128.MAX_SIGNED : "0.." + BigInt128.MAX_UNSIGNED) + ")");
        }
        return b;
    }

    private static Number[] complex(ValueContext cx, CallType ct, Object v, String what) {
        Number[] parts = cx.api().complexParts(v);
        if (parts == null) {
            throw new ArgumentException(what + ": expected a Complex for " + ct.cName() + ", got "
                    + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
        }
        return new Number[] {longDouble(parts[0], ct, what + " (real part)"), longDouble(parts[1], ct, what + " (imaginary part)")};
    }

    public static Object integer(ValueContext cx, CallType ct, Object v, String what) {
        // The common case first: an Integer for a full-range int needs no work at all.
        if (v instanceof Integer && ct.carrier() == int.class && ct.min() == Integer.MIN_VALUE) return v;
        long x = integerValue(cx, ct, v, what);
        return switch ((int) ct.layout().byteSize()) {
            case 1 -> (byte) x;
            case 2 -> (short) x;
            case 4 -> (int) x;
            default -> x;
        };
    }

    /**
     * The value of {@code v} as a {@code long}, checked against the range of {@code ct}. A
     * negative value never converts to an unsigned type, except a {@code Long} for a 64-bit
     * unsigned type, which is taken as its bit pattern (Java has no unsigned long).
     */
    public static long integerValue(ValueContext cx, CallType ct, Object v, String what) {
        long x;
        boolean bitPattern = false;
        switch (v) {
            case Integer i -> x = i;
            case Long l -> {
                x = l;
                bitPattern = true;
            }
            case Short s -> x = s;
            case Byte b -> x = b;
            case Character c -> x = c;
            case BigInteger b -> {
                boolean fits = ct.max() == -1 ? b.signum() >= 0 && b.bitLength() <= 64 : b.bitLength() <= 63;
                if (!fits) throw outOfRange(ct, b.toString(), what);
                x = b.longValue();
                bitPattern = true; // checked above: 2^63..2^64-1 arrive as negative longs
            }
            case String s when ct.target() >= 0 -> x = cx.enumValue(ct.target(), s, what);
            case null -> throw new ArgumentException(what + ": null is not a value of " + ct.cName());
            default -> throw new ArgumentException(what + ": expected an integer for " + ct.cName() + ", got "
                    + v.getClass().getSimpleName() + " " + v);
        }
        if (ct.max() == -1) {
            if (x < 0 && !bitPattern) throw outOfRange(ct, Long.toString(x), what);
        } else if (x < ct.min() || x > ct.max()) {
            throw outOfRange(ct, Long.toString(x), what);
        }
        return x;
    }

    private static ArgumentException outOfRange(CallType ct, String value, String what) {
        String range = ct.max() == -1 ? "0..18446744073709551615" : ct.min() + ".." + ct.max();
        return new ArgumentException(what + ": " + value + " does not fit " + ct.cName() + " (" + range + ")");
    }

    /**
     * A {@code _Bool}: a {@code Boolean}, or an integer ({@code Byte}, {@code Short},
     * {@code Integer}, {@code Long}, {@code BigInteger}) that is exactly 0 or 1. Fractions, NaN,
     * other integers and {@code null} are refused: C's conversion to {@code _Bool} would turn them
     * into true or false silently.
     */
    public static boolean bool(Object v, String what) {
        return switch (v) {
            case Boolean b -> b;
            case Byte b when b == 0 || b == 1 -> b == 1;
            case Short x when x == 0 || x == 1 -> x == 1;
            case Integer i when i == 0 || i == 1 -> i == 1;
            case Long l when l == 0 || l == 1 -> l == 1;
            case BigInteger b when b.signum() == 0 || b.equals(BigInteger.ONE) -> b.signum() != 0;
            case null -> throw new ArgumentException(what + ": null is not a _Bool (pass true, false, 0 or 1)");
            default -> throw new ArgumentException(what + ": expected true, false, 0 or 1 for _Bool, got "
                    + v.getClass().getSimpleName() + " " + v);
        };
    }

    /** Refuses a string with a NUL inside: C would see only the part before it. */
    public static void checkNoNul(String s, String what) {
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            throw new ArgumentException(what + ": the string has a NUL character at index " + nul
                    + ", so C would see only its first " + nul + " characters (pass a byte[] or MemorySegment for binary data)");
        }
    }


    public static double number(Object v, CallType ct, String what) {
        if (v instanceof Number n) return n.doubleValue();
        throw new ArgumentException(what + ": expected a number for " + ct.cName() + ", got "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
    }

    private static MemorySegment pointer(ValueContext cx, CallType ct, Object v, CallContext ctx, String what, boolean heap) {
        return switch (v) {
            case null -> MemorySegment.NULL;
            case MemorySegment m -> {
                if (!m.scope().isAlive()) throw new ArgumentException(what + ": the MemorySegment's arena is closed");
                yield m.isNative() || heap ? m : nativeCopy(ctx, m, cx.isConstPointee(ct.typeId()));
            }
            case String s -> {
                if (!cx.isCharacterType(ct.target())) {
                    throw new ArgumentException(what + ": a String converts only to a pointer to a character type, not "
                            + ct.cName());
                }
                checkNoNul(s, what);
                if (heap) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    yield MemorySegment.ofArray(java.util.Arrays.copyOf(utf8, utf8.length + 1));
                }
                yield ctx.arena().allocateFrom(s, StandardCharsets.UTF_8);
            }
            case int[] a -> array(ctx, ct, cx, MemorySegment.ofArray(a), 4, what, heap);
            case long[] a -> array(ctx, ct, cx, MemorySegment.ofArray(a), 8, what, heap);
            case double[] a -> array(ctx, ct, cx, MemorySegment.ofArray(a), 8, what, heap);
            case float[] a -> array(ctx, ct, cx, MemorySegment.ofArray(a), 4, what, heap);
            case short[] a -> array(ctx, ct, cx, MemorySegment.ofArray(a), 2, what, heap);
            case byte[] a -> array(ctx, ct, cx, MemorySegment.ofArray(a), 1, what, heap);
            default -> {
                if (cx.api().structType(v) >= 0) {
                    MemorySegment m = cx.api().structSegment(v, what);
                    yield m.isNative() || heap ? m : nativeCopy(ctx, m, cx.isConstPointee(ct.typeId()));
                }
                MemorySegment f = cx.api().functionAddress(v);
                if (f != null) yield f;
                throw new ArgumentException(what + ": cannot pass " + v.getClass().getSimpleName() + " as " + ct.cName()
                        + " (pass a MemorySegment, a CStruct, a String for char pointers, a primitive array, or null)");
            }
        };
    }

    /**
     * A native copy of heap memory (a struct result held on the Java heap, a heap segment) for a
     * pointer parameter: C cannot point into the Java heap. Copied back after the call unless the
     * pointee is const.
     */
    private static MemorySegment nativeCopy(CallContext ctx, MemorySegment heap, boolean isConst) {
        MemorySegment seg = ctx.arena().allocate(heap.byteSize(), 8);
        seg.copyFrom(heap);
        if (!isConst) ctx.after(() -> heap.copyFrom(seg));
        return seg;
    }

    /**
     * A native copy of a Java array for the call, copied back afterwards unless the pointee is
     * const; or, for a critical call ({@code passHeap}), the array's own memory.
     */
    private static MemorySegment array(CallContext ctx, CallType ct, ValueContext cx, MemorySegment heap, int elementSize,
                                       String what, boolean passHeap) {
        long pointee = cx.sizeOfOrZero(ct.target());
        if (pointee != elementSize && !cx.isVoid(ct.target())) {
            throw new ArgumentException(what + ": a Java array of " + elementSize + "-byte elements does not match " + ct.cName()
                    + " (pointee is " + pointee + " bytes)");
        }
        return passHeap ? heap : nativeCopy(ctx, heap, cx.isConstPointee(ct.typeId()));
    }

    private static MemorySegment functionPointer(ValueContext cx, CallType ct, Object v, CallContext ctx, String what) {
        return switch (v) {
            case null -> MemorySegment.NULL;
            case MemorySegment m -> m;
            default -> {
                MemorySegment f = cx.api().functionAddress(v);
                yield f != null ? f : cx.stubs().stub(ct.target(), v, ctx.arena(), what);
            }
        };
    }

    private static MemorySegment struct(ValueContext cx, CallType ct, Object v, CallContext ctx, String what) {
        long size = ct.layout().byteSize();
        return switch (v) {
            case MemorySegment m -> {
                if (!m.scope().isAlive()) throw new ArgumentException(what + ": the MemorySegment's arena is closed");
                if (m.byteSize() < size) {
                    throw new ArgumentException(what + ": segment of " + m.byteSize() + " bytes is smaller than " + ct.cName()
                            + " (" + size + " bytes)");
                }
                yield m;
            }
            case Map<?, ?> fields -> {
                MemorySegment s = ctx.arena().allocate(size, ct.layout().byteAlignment());
                for (var e : fields.entrySet()) Members.set(cx, ct.target(), s, String.valueOf(e.getKey()), e.getValue());
                yield s;
            }
            case null -> throw new ArgumentException(what + ": null is not a value of " + ct.cName() + " (pass a CStruct)");
            default -> {
                int type = cx.api().structType(v);
                if (type < 0) {
                    throw new ArgumentException(what + ": cannot pass " + v.getClass().getSimpleName() + " as " + ct.cName()
                            + " (pass a CStruct, a MemorySegment or a Map of fields)");
                }
                if (type != ct.target() && !cx.sameRecord(type, ct.target())) {
                    throw new ArgumentException(what + ": expected " + ct.cName() + ", got " + cx.api().structName(v));
                }
                yield cx.api().structSegment(v, what);
            }
        };
    }

    /** A carrier value returned by the linker, as the Java value dynamic calls return. */
    public static Object fromCarrier(ValueContext cx, CallType ct, Object v) {
        return switch (ct.kind()) {
            case VOID -> null;
            case BOOL, FLOAT, DOUBLE -> v;
            case INT -> {
                if (ct.carrier() == int.class && ct.min() == Integer.MIN_VALUE) yield v;
                long size = ct.layout().byteSize();
                long x = ((Number) v).longValue();
                if (ct.unsigned() && size < 8) x &= (1L << (size * 8)) - 1;
                yield Values.boxInteger(x, size, !ct.unsigned());
            }
            case POINTER -> cx.sized((MemorySegment) v, ct.target());
            case FUNCTION_POINTER -> v;
            case STRUCT -> cx.structView(ct.target(), (MemorySegment) v);
            case LONG_DOUBLE -> v instanceof X87Value x ? x.exact() : v;
            case INT128, FLOAT16 -> v;
            case COMPLEX -> {
                Number[] parts = ((Number[]) v).clone();
                for (int i = 0; i < parts.length; i++) if (parts[i] instanceof X87Value x) parts[i] = x.exact();
                yield cx.api().complex(parts);
            }
        };
    }

    /** Reads the NUL-terminated UTF-8 string at {@code p}; {@code null} for NULL. */
    public static String string(MemorySegment p) {
        if (p.equals(MemorySegment.NULL)) return null;
        return p.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }
}
