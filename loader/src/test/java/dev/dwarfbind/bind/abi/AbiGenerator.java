package dev.dwarfbind.bind.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.dwarfbind.bind.abi.AbiScalar.BOOL;
import static dev.dwarfbind.bind.abi.AbiScalar.CHAR;
import static dev.dwarfbind.bind.abi.AbiScalar.DOUBLE;
import static dev.dwarfbind.bind.abi.AbiScalar.FLOAT;
import static dev.dwarfbind.bind.abi.AbiScalar.INT;
import static dev.dwarfbind.bind.abi.AbiScalar.LLONG;
import static dev.dwarfbind.bind.abi.AbiScalar.LONG;
import static dev.dwarfbind.bind.abi.AbiScalar.POINTER;
import static dev.dwarfbind.bind.abi.AbiScalar.SHORT;
import static dev.dwarfbind.bind.abi.AbiScalar.UCHAR;
import static dev.dwarfbind.bind.abi.AbiScalar.UINT;
import static dev.dwarfbind.bind.abi.AbiScalar.ULLONG;
import static dev.dwarfbind.bind.abi.AbiScalar.USHORT;

/**
 * Generates a random {@link AbiProgram} from a seed: records and functions whose signatures cover
 * what java.lang.foreign's linker supports on x86-64 SysV.
 *
 * <p>Every program starts with hand-picked records for the interesting classification cases
 * ({@code {float,float}} in one SSE register, {@code {float,int}} merged into INTEGER,
 * {@code {double,long}} split over SSE and INTEGER, {@code {char[3]}}, a 17-byte struct and
 * 24-byte ones that go in memory, {@code {float x3}} over two SSE eightbytes, unions mixing
 * classes, bitfields next to floats, an anonymous union inside a struct) and adds random ones
 * nesting earlier records, arrays of scalars and records, bitfields (unnamed and zero-width ones
 * too) and anonymous members. Functions take 0 to 16 parameters, so with enough of one class some
 * go on the stack; some are float-heavy or integer-heavy to exhaust the 8 SSE or 6 integer
 * registers on purpose, and returning a MEMORY-class record takes an integer register away too.
 */
final class AbiGenerator {
    private static final AbiScalar[] SCALARS = AbiScalar.values();
    private static final AbiScalar[] BITFIELD_KINDS = {BOOL, CHAR, AbiScalar.SCHAR, UCHAR, SHORT, USHORT, INT, UINT,
            LONG, AbiScalar.ULONG, LLONG, ULLONG};
    private static final AbiScalar[] FLOATING = {FLOAT, DOUBLE};
    private static final AbiScalar[] INTEGRAL = {CHAR, UCHAR, SHORT, USHORT, INT, UINT, LONG, LLONG, ULLONG, POINTER, BOOL};
    /** Records stop growing past this many leaves, to keep values (and the C file) small. */
    private static final int MAX_LEAVES = 24;

    private final SplittableRandom rnd;
    private final List<AbiRecord> records = new ArrayList<>();
    private final List<AbiRecord> classic = new ArrayList<>();
    private int memberNames;

    AbiGenerator(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** A program with the classic records, {@code randomRecords} random ones and {@code functions} functions. */
    AbiProgram generate(long seed, int randomRecords, int functions) {
        classicRecords();
        for (int i = 0; i < randomRecords; i++) records.add(randomRecord("r" + i));
        var fs = new ArrayList<AbiFunction>();
        for (int i = 0; i < functions; i++) fs.add(function(i));
        return new AbiProgram(seed, records, fs);
    }

    // ---- records ----

    private void classicRecords() {
        AbiRecord ff = struct("c_ff", FLOAT, FLOAT);          // one SSE eightbyte
        struct("c_fi", FLOAT, INT);                           // SSE+INTEGER in one eightbyte: INTEGER
        struct("c_if", INT, FLOAT);
        struct("c_dl", DOUBLE, LONG);                         // SSE, INTEGER
        struct("c_ld", LONG, DOUBLE);                         // INTEGER, SSE
        struct("c_c3", array(CHAR, 3));                       // 3 bytes, INTEGER
        struct("c_c17", array(UCHAR, 17));                    // 17 bytes: MEMORY
        struct("c_f3", FLOAT, FLOAT, FLOAT);                  // SSE, SSE (second half 4 bytes)
        struct("c_f4", array(FLOAT, 4));
        struct("c_d2", DOUBLE, DOUBLE);
        struct("c_d3", DOUBLE, DOUBLE, DOUBLE);               // 24 bytes: MEMORY
        struct("c_l3", LONG, LONG, LONG);                     // 24 bytes: MEMORY
        struct("c_fd", FLOAT, DOUBLE);                        // padding inside the first eightbyte
        struct("c_df", DOUBLE, FLOAT);
        struct("c_cd", UCHAR, DOUBLE);
        struct("c_dc", DOUBLE, UCHAR);
        struct("c_s5", array(SHORT, 5));                      // 10 bytes, INTEGER, INTEGER
        struct("c_pi", POINTER, INT);
        struct("c_fifi", FLOAT, INT, FLOAT, INT);
        struct("c_c", CHAR);
        struct("c_d", DOUBLE);
        struct("c_f", FLOAT);
        struct("c_bcs", BOOL, CHAR, SHORT);
        struct("c_ifd", INT, FLOAT, DOUBLE);
        struct("c_nest", member(ff), member(FLOAT));          // {{float,float},float}: SSE, SSE
        struct("c_bits", bitfield(INT, 3), bitfield(UINT, 7), bitfield(LLONG, 40));
        struct("c_fbits", member(FLOAT), bitfield(UINT, 5));  // a float and a bitfield share an eightbyte
        struct("c_bitsf", bitfield(USHORT, 9), new AbiMember(null, INT, 0, 0), member(FLOAT));
        union("c_ufi", FLOAT, UINT);                          // union of SSE and INTEGER: INTEGER
        union("c_uff", FLOAT, FLOAT);
        union("c_udl", DOUBLE, LONG);
        union("c_uffd", member(ff), member(DOUBLE));
        union("c_uc5", array(CHAR, 5), member(SHORT));
        AbiRecord anon = new AbiRecord(null, true, List.of(member(FLOAT), member(INT)), rnd.nextInt(2));
        struct("c_anon", member(INT), new AbiMember(null, anon, 0, -1), member(DOUBLE));
    }

    private AbiRecord struct(String tag, Object... members) {
        return named(tag, false, members);
    }

    private AbiRecord union(String tag, Object... members) {
        return named(tag, true, members);
    }

    /** A named record from scalars, {@link AbiMember}s (names filled in) and arrays. */
    private AbiRecord named(String tag, boolean union, Object... specs) {
        memberNames = 0;
        var ms = new ArrayList<AbiMember>();
        for (Object s : specs) ms.add(rename(s instanceof AbiScalar k ? member(k) : (AbiMember) s));
        AbiRecord r = new AbiRecord(tag, union, ms, union ? rnd.nextInt(ms.size()) : 0);
        records.add(r);
        classic.add(r);
        return r;
    }

    /** Gives placeholder-named members ({@code "?"}) their real names, anonymous records' members too. */
    private AbiMember rename(AbiMember m) {
        if (m.name() == null && m.type() instanceof AbiRecord r && r.tag() == null) {
            var inner = new ArrayList<AbiMember>();
            for (AbiMember x : r.members()) inner.add(rename(x));
            return new AbiMember(null, new AbiRecord(null, r.union(), inner, r.active()), 0, -1);
        }
        return "?".equals(m.name()) ? new AbiMember(nextName(), m.type(), m.count(), m.bits()) : m;
    }

    private static AbiMember member(AbiType t) {
        return new AbiMember("?", t, 0, -1);
    }

    private static AbiMember array(AbiType t, int n) {
        return new AbiMember("?", t, n, -1);
    }

    private static AbiMember bitfield(AbiScalar t, int bits) {
        return new AbiMember("?", t, 0, bits);
    }

    private String nextName() {
        return "f" + memberNames++;
    }

    private AbiRecord randomRecord(String tag) {
        memberNames = 0;
        return randomBody(tag, rnd.nextInt(6) == 0, 0);
    }

    /** A random record; at {@code depth} 1 it is an anonymous member, kept simple. */
    private AbiRecord randomBody(String tag, boolean union, int depth) {
        int wanted = 1 + rnd.nextInt(depth > 0 ? 3 : union ? 4 : 7);
        var ms = new ArrayList<AbiMember>();
        int leaves = 0;
        while (ms.size() < wanted && leaves < MAX_LEAVES) {
            AbiMember m = randomMember(union, depth, MAX_LEAVES - leaves);
            if (m == null) continue;
            ms.add(m);
            leaves += m.leafCount();
        }
        // An unnamed bitfield at the end leaves trailing padding that DWARF cannot explain (it has
        // no DIE), which the reader must take for an aligned(N) attribute: such records are a
        // documented limit (docs/reader.md), refused at bind time rather than miscalled, so the
        // generator keeps unnamed bitfields away from the end.
        while (!ms.isEmpty() && ms.getLast().name() == null && ms.getLast().bits() >= 0) ms.removeLast();
        if (ms.stream().noneMatch(AbiMember::hasValue)) ms.add(new AbiMember(nextName(), INT, 0, -1));
        int active = 0;
        if (union) {
            do active = rnd.nextInt(ms.size()); while (!ms.get(active).hasValue());
        }
        return new AbiRecord(tag, union, ms, active);
    }

    private AbiMember randomMember(boolean union, int depth, int room) {
        int r = rnd.nextInt(100);
        if (!union && r < 16) {
            AbiScalar k = BITFIELD_KINDS[rnd.nextInt(BITFIELD_KINDS.length)];
            int bits = k == BOOL ? 1 : 1 + rnd.nextInt(k.bits());
            if (rnd.nextInt(8) == 0) {
                // Unnamed (sometimes zero-width): not in the debug info, only a gap the layout must keep.
                AbiScalar u = k == BOOL ? INT : k;
                return new AbiMember(null, u, 0, rnd.nextInt(3) == 0 ? 0 : bits);
            }
            return new AbiMember(nextName(), k, 0, bits);
        }
        if (r < 38 && depth == 0 && !records.isEmpty()) {
            AbiRecord inner = records.get(rnd.nextInt(records.size()));
            int count = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0;
            if (inner.leafCount() * Math.max(1, count) > room) return null;
            return new AbiMember(nextName(), inner, count, -1);
        }
        if (r < 44 && depth == 0) {
            AbiRecord anon = randomBody(null, rnd.nextBoolean(), 1);
            return anon.leafCount() > room ? null : new AbiMember(null, anon, 0, -1);
        }
        AbiScalar k = SCALARS[rnd.nextInt(SCALARS.length)];
        int count = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(5) : 0;
        if (Math.max(1, count) > room) return null;
        return new AbiMember(nextName(), k, count, -1);
    }

    // ---- functions ----

    private AbiFunction function(int index) {
        int style = rnd.nextInt(100);
        // Float-heavy and integer-heavy functions run out of one register class on purpose.
        AbiScalar[] kinds = style < 15 ? FLOATING : style < 25 ? INTEGRAL : SCALARS;
        int recordPercent = style < 25 ? 15 : style < 40 ? 70 : 35;
        int n = rnd.nextInt(4) == 0 ? 9 + rnd.nextInt(8) : rnd.nextInt(9);
        var params = new ArrayList<AbiParam>();
        for (int i = 0; i < n; i++) params.add(param("p" + i, kinds, recordPercent));

        int r = rnd.nextInt(100);
        AbiFunction.Return returns = r < 10 ? AbiFunction.Return.VOID : r < 45 ? AbiFunction.Return.SCALAR
                : r < 72 ? AbiFunction.Return.RECORD : r < 82 ? AbiFunction.Return.ECHO : AbiFunction.Return.RECORD_POINTER;
        AbiType type = null;
        String spelling;
        int echo = -1;
        switch (returns) {
            case VOID -> {
                spelling = "void";
                params.add(rnd.nextInt(params.size() + 1), new AbiParam("out", AbiParam.Passing.OUT, ULLONG, "uint64_t *"));
            }
            case SCALAR -> {
                AbiScalar k = kinds[rnd.nextInt(kinds.length)];
                type = k;
                spelling = scalarSpelling(k);
            }
            case RECORD_POINTER -> {
                AbiRecord rec = record();
                type = rec;
                spelling = recordSpelling(rec) + " *";
            }
            default -> {
                AbiRecord rec = record();
                type = rec;
                spelling = recordSpelling(rec);
                if (returns == AbiFunction.Return.ECHO) {
                    echo = rnd.nextInt(params.size() + 1);
                    params.add(echo, new AbiParam("p" + n, AbiParam.Passing.VALUE, rec, recordSpelling(rec)));
                }
            }
        }
        return new AbiFunction(index, "abi_fn" + index, params, returns, type, spelling, echo);
    }

    private AbiParam param(String name, AbiScalar[] kinds, int recordPercent) {
        int r = rnd.nextInt(100);
        if (r < recordPercent) {
            AbiRecord rec = record();
            if (rnd.nextInt(4) == 0) {
                return new AbiParam(name, AbiParam.Passing.POINTER, rec,
                        (rnd.nextBoolean() ? "const " : "") + recordSpelling(rec) + " *");
            }
            return new AbiParam(name, AbiParam.Passing.VALUE, rec, (rnd.nextInt(10) == 0 ? "const " : "") + recordSpelling(rec));
        }
        AbiScalar k = kinds[rnd.nextInt(kinds.length)];
        if (rnd.nextInt(12) == 0) {
            return new AbiParam(name, AbiParam.Passing.POINTER, k, (rnd.nextBoolean() ? "const " : "") + scalarSpelling(k) + " *");
        }
        return new AbiParam(name, AbiParam.Passing.VALUE, k, (rnd.nextInt(12) == 0 ? "const " : "") + scalarSpelling(k));
    }

    /** A record for a signature: the classification cases half of the time. */
    private AbiRecord record() {
        List<AbiRecord> from = rnd.nextBoolean() ? classic : records;
        return from.get(rnd.nextInt(from.size()));
    }

    private String scalarSpelling(AbiScalar k) {
        if (!k.aliases().isEmpty() && rnd.nextInt(3) == 0) return k.aliases().get(rnd.nextInt(k.aliases().size()));
        return k.cName();
    }

    private String recordSpelling(AbiRecord r) {
        return rnd.nextInt(3) == 0 ? r.typedefName() : r.cName();
    }
}
