package dev.dwarfbind.bind.abi;

import java.util.List;

/**
 * The checksum the generated functions compute over their arguments, written twice: as C (the
 * {@link #C_PRELUDE} and the expressions below) and as Java (the static methods), side by side so
 * that the two stay the same function.
 *
 * <p>It hashes <em>values</em>, never raw memory: each scalar is first converted to its canonical
 * 64 bits (see {@link AbiScalar}), records are visited leaf by leaf, so padding and the dead bytes
 * of unions never count. {@link #mix} is order-sensitive, so swapped arguments are caught too.
 * The reverse direction, {@code fromChecksum}, turns a checksum into a value of a given C type in
 * a way that is exact in both languages (no rounding, no implementation-defined overflow).
 */
final class AbiChecksum {
    /** Starting value of every function's checksum (mixed with the function's index). */
    static final long START = 0xcbf29ce484222325L;
    /** What a NULL pointer argument contributes. */
    static final long NULL_TAG = 0x4e554c4c;

    /** Helpers every generated file starts with. */
    static final String C_PRELUDE = """
            #include <stdint.h>
            #include <stddef.h>
            #include <string.h>

            #define NULL_TAG 0x4e554c4cULL

            /* Order-sensitive 64-bit mix, mirrored by AbiChecksum.mix. */
            static inline uint64_t mix(uint64_t h, uint64_t v) {
                h ^= v;
                h *= 0x9E3779B97F4A7C15ULL;
                return h ^ (h >> 29);
            }
            /* Bit patterns of floating-point values: exact, unlike any numeric conversion. */
            static inline uint64_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
            static inline uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
            /* Low w bits of x, sign-extended: always in range of a w-bit signed type. */
            static inline int64_t sx(uint64_t x, int w) { return (int64_t) (x << (64 - w)) >> (64 - w); }

            """;

    private AbiChecksum() {
    }

    /** Java twin of C {@code mix}. */
    static long mix(long h, long v) {
        h ^= v;
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** The checksum a function starts from. */
    static long start(int functionIndex) {
        return mix(START, functionIndex);
    }

    /** Folds canonical leaf values, in order. */
    static long mixAll(long h, long[] canonical) {
        for (long v : canonical) h = mix(h, v);
        return h;
    }

    /** C expression of the canonical {@code uint64_t} of {@code expr}, a value of {@code kind}. */
    static String cCanonical(AbiScalar kind, String expr) {
        return switch (kind) {
            case FLOAT -> "fbits(" + expr + ")";
            case DOUBLE -> "dbits(" + expr + ")";
            case POINTER -> "(uint64_t) (uintptr_t) (" + expr + ")";
            // Integer conversion to uint64_t is modular: sign-extension for signed types, as in Java.
            default -> "(uint64_t) (" + expr + ")";
        };
    }

    /**
     * C expression turning checksum {@code x} into a value of {@code kind} (a bitfield of
     * {@code bits} bits when {@code bits >= 0}). Mirrored by {@link #fromChecksum}.
     */
    static String cFromChecksum(AbiScalar kind, int bits, String x) {
        int w = bits >= 0 ? bits : kind.bits();
        return switch (kind) {
            case BOOL -> "(_Bool) (" + x + " & 1)";
            // Integers below 2^24 and 2^53 convert exactly.
            case FLOAT -> "(float) (uint32_t) (" + x + " >> 40)";
            case DOUBLE -> "(double) (" + x + " >> 11)";
            case POINTER -> "(void *) (uintptr_t) (" + x + " >> 16)";
            default -> {
                String v = kind.signed() ? "sx(" + x + ", " + w + ")"
                        : w == 64 ? x : "(" + x + " & 0x" + Long.toHexString((1L << w) - 1) + "ULL)";
                yield bits >= 0 ? v : "(" + kind.cName() + ") " + v;
            }
        };
    }

    /** Java twin of {@link #cFromChecksum}: the canonical value C produces from checksum {@code x}. */
    static long fromChecksum(AbiScalar kind, int bits, long x) {
        return switch (kind) {
            case BOOL -> x & 1;
            case FLOAT -> Float.floatToRawIntBits((float) (x >>> 40)) & 0xffffffffL;
            case DOUBLE -> Double.doubleToRawLongBits((double) (x >>> 11));
            case POINTER -> x >>> 16;
            default -> kind.narrow(x, bits >= 0 ? bits : kind.bits());
        };
    }

    /** The canonical leaf values {@code fill_<tag>} stores for checksum {@code h}. */
    static long[] fill(List<AbiLeaf> leaves, long h) {
        long[] out = new long[leaves.size()];
        for (int i = 0; i < out.length; i++) {
            AbiLeaf l = leaves.get(i);
            out[i] = fromChecksum(l.kind(), l.bits(), mix(h, i + 1));
        }
        return out;
    }
}
