package dev.dwarfbind.bind.abi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * A random C file for the JIT's ABI test: records mixing every {@link JitKind} (plain, packed, aligned
 * beyond their members, packed and aligned), and functions over them and the scalars, each declared with a
 * random calling convention of the compiler's, each needing the JIT (an exotic type or a convention other
 * than the platform's). Every function folds all it receives into a checksum and returns a value of its
 * return type made exactly from that checksum; Java computes both from the values it passed.
 *
 * @param records   the records, {@code struct j<N>}
 * @param functions the functions
 * @param source    the C file
 */
record JitProgram(List<Rec> records, List<Fn> functions, String source) {
    /** Conventions both compilers have; clang has the rest. ({@code vectorcall} is left out: an exported vectorcall function cannot be linked on ELF.) */
    static final List<String> GCC_CONVENTIONS = List.of("", "ms_abi", "sysv_abi");
    static final List<String> CLANG_CONVENTIONS = List.of("", "ms_abi", "sysv_abi", "regcall", "preserve_most", "preserve_all",
            "preserve_none");

    static final String PRELUDE = """
            #include <stdint.h>
            #include <string.h>
            static inline uint64_t mix(uint64_t h, uint64_t v) { h ^= v; h *= 0x9E3779B97F4A7C15ULL; return h ^ (h >> 29); }
            static inline uint64_t mixbytes(uint64_t h, const void *p, int n) {
                uint64_t w = 0;
                memcpy(&w, p, n > 8 ? 8 : n);
                h = mix(h, w);
                if (n > 8) { w = 0; memcpy(&w, (const char *) p + 8, n - 8); h = mix(h, w); }
                return h;
            }
            """;

    /** A generated record: its member kinds, and how it is laid out. */
    record Rec(String tag, List<JitKind> members, boolean packed, int aligned) {
        String c() {
            return "struct " + tag;
        }
    }

    /**
     * A parameter or return type: a scalar kind, or a record (kind null).
     *
     * @param kind the scalar kind, or null
     * @param rec  the record, or null
     */
    record Type(JitKind kind, Rec rec) {
        String c() {
            return kind != null ? kind.c : rec.c();
        }
    }

    /** A generated function; {@code ret} null returns the checksum itself as {@code uint64_t}. */
    record Fn(int index, String name, String convention, List<Type> params, Type ret) {
    }

    /**
     * Whether packing {@code members} changes nothing DWARF records (every member already at a multiple
     * of its alignment, the size a multiple of the largest) while it changes the alignment the ABI places
     * a by-value argument at (a member aligned beyond the stack's 8 bytes).
     */
    static boolean invisiblyPacked(List<JitKind> members) {
        long at = 0;
        long most = 1;
        for (JitKind k : members) {
            long align = Math.min(k.size, 16);
            if (at % align != 0) return false;
            at += k.size;
            most = Math.max(most, align);
        }
        return most > 8 && at % most == 0;
    }

    /**
     * A program; with {@code plainMsAbi} (for gcc) the ms_abi functions take and return only ordinary scalars and
     * records of them: there is no Microsoft definition of how long double, __int128 or _Float16 travel, and gcc
     * and clang differ (a gcc ms_abi function returning long double crashed when called as clang lowers it).
     */
    static JitProgram generate(SplittableRandom rnd, int recordCount, int functionCount, List<String> conventions,
                               boolean plainMsAbi) {
        var records = new ArrayList<Rec>();
        JitKind[] kinds = JitKind.values();
        for (int i = 0; i < recordCount; i++) {
            var members = new ArrayList<JitKind>();
            int n = 1 + rnd.nextInt(5);
            for (int m = 0; m < n; m++) members.add(kinds[rnd.nextInt(kinds.length)]);
            int layout = rnd.nextInt(4);
            boolean packed = layout == 1 || layout == 3;
            int aligned = layout == 2 ? 32 : layout == 3 ? 4 : 0;
            // Packing that moves no member and adds no padding leaves no trace in either compiler's
            // DWARF, yet lowers the record's alignment from 16 to 1, which moves it on the stack: a
            // miscall no reader of the debug info can avoid (README, Limits). A leading char makes the
            // packing show in the offsets.
            if (packed && invisiblyPacked(members)) members.add(0, JitKind.CHAR);
            records.add(new Rec("j" + i, members, packed, aligned));
        }
        var functions = new ArrayList<Fn>();
        for (int i = 0; i < functionCount; i++) {
            String cc = conventions.get(rnd.nextInt(conventions.size()));
            boolean plain = plainMsAbi && cc.equals("ms_abi");
            JitKind[] pool = plain ? Arrays.copyOf(kinds, JitKind.LDOUBLE.ordinal()) : kinds;
            List<Rec> recs = plain ? records.stream().filter(r -> r.members().stream().noneMatch(JitKind::exotic)).toList() : records;
            var params = new ArrayList<Type>();
            int n = rnd.nextInt(9);
            for (int p = 0; p < n; p++) params.add(randomType(rnd, pool, recs));
            Type ret = rnd.nextInt(5) == 0 ? null : randomType(rnd, pool, recs);
            if (cc.isEmpty() && !needsJit(params, ret)) {
                params.add(rnd.nextInt(params.size() + 1), new Type(kinds[JitKind.LDOUBLE.ordinal() + rnd.nextInt(5)], null));
            }
            functions.add(new Fn(i, "jf" + i, cc, params, ret));
        }
        var s = new StringBuilder(PRELUDE);
        for (Rec r : records) {
            s.append(r.c()).append(" {");
            for (int m = 0; m < r.members().size(); m++) s.append(' ').append(r.members().get(m).c).append(" m").append(m).append(';');
            s.append(" }");
            if (r.packed() || r.aligned() > 0) {
                var attrs = new StringJoiner(", ", " __attribute__((", "))");
                if (r.packed()) attrs.add("packed");
                if (r.aligned() > 0) attrs.add("aligned(" + r.aligned() + ")");
                s.append(attrs);
            }
            s.append(";\n");
        }
        for (Fn f : functions) s.append(definition(f));
        return new JitProgram(records, functions, s.toString());
    }

    private static Type randomType(SplittableRandom rnd, JitKind[] kinds, List<Rec> records) {
        return rnd.nextInt(5) == 0 && !records.isEmpty() ? new Type(null, records.get(rnd.nextInt(records.size())))
                : new Type(kinds[rnd.nextInt(kinds.length)], null);
    }

    private static boolean needsJit(List<Type> params, Type ret) {
        var all = new ArrayList<>(params);
        if (ret != null) all.add(ret);
        for (Type t : all) {
            if (t.kind() != null && t.kind().exotic()) return true;
            if (t.rec() != null && (t.rec().packed() || t.rec().aligned() > 0 || t.rec().members().stream().anyMatch(JitKind::exotic))) {
                return true;
            }
        }
        return false;
    }

    private static String definition(Fn f) {
        var sig = new StringJoiner(", ", "(", ")");
        for (int p = 0; p < f.params().size(); p++) sig.add(f.params().get(p).c() + " a" + p);
        if (f.params().isEmpty()) sig.add("void");
        String ret = f.ret() == null ? "uint64_t" : f.ret().c();
        String cc = f.convention().isEmpty() ? "" : "__attribute__((" + f.convention() + ")) ";
        var b = new StringBuilder(cc).append(ret).append(' ').append(f.name()).append(sig).append(" {\n");
        b.append("    uint64_t h = mix(0x243F6A8885A308D3ULL, ").append(f.index()).append(");\n");
        for (int p = 0; p < f.params().size(); p++) {
            Type t = f.params().get(p);
            if (t.kind() != null) {
                b.append("    ").append(t.kind().hash("a" + p)).append('\n');
            } else {
                for (int m = 0; m < t.rec().members().size(); m++) {
                    b.append("    { ").append(t.rec().members().get(m).c).append(" v = a").append(p).append(".m").append(m).append("; ")
                            .append(t.rec().members().get(m).hash("v")).append(" }\n");
                }
            }
        }
        if (f.ret() == null) {
            b.append("    return h;\n");
        } else if (f.ret().kind() != null) {
            b.append("    return ").append(f.ret().kind().fromChecksum("h")).append(";\n");
        } else {
            Rec r = f.ret().rec();
            b.append("    ").append(r.c()).append(" r;\n    memset(&r, 0, sizeof r);\n");
            for (int m = 0; m < r.members().size(); m++) {
                b.append("    r.m").append(m).append(" = ").append(r.members().get(m).fromChecksum("mix(h, " + (m + 1) + ")")).append(";\n");
            }
            b.append("    return r;\n");
        }
        return b.append("}\n").toString();
    }
}
