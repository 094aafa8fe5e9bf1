package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.Bytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;

/**
 * The symbols a type source needs, found in one pass over every module's symbol stream and the
 * global symbol-record stream: functions and variables by address and by name, and the
 * typedef names ({@code S_UDT}), which CodeView keeps as symbols rather than type records.
 */
final class SymbolIndex {
    static final int S_END = 0x0006;
    static final int S_THUNK32 = 0x1102;
    static final int S_BLOCK32 = 0x1103;
    static final int S_WITH32 = 0x1104;
    static final int S_UDT = 0x1108;
    static final int S_LDATA32 = 0x110c;
    static final int S_GDATA32 = 0x110d;
    static final int S_PUB32 = 0x110e;
    static final int S_LPROC32 = 0x110f;
    static final int S_GPROC32 = 0x1110;
    static final int S_REGREL32 = 0x1111;
    static final int S_SEPCODE = 0x1132;
    static final int S_LOCAL = 0x113e;
    static final int S_LPROC32_ID = 0x1146;
    static final int S_GPROC32_ID = 0x1147;
    static final int S_INLINESITE = 0x114d;
    static final int S_INLINESITE_END = 0x114e;
    static final int S_PROC_ID_END = 0x114f;
    private static final int PROC_NEVER_RETURNS = 0x08;  // CV_PFLAG_NEVER
    private static final int LOCAL_IS_PARAMETER = 0x01;

    final Map<Long, ProcSymbol> procsByRva = new HashMap<>();
    final Map<String, ProcSymbol> procsByName = new HashMap<>();
    final Map<Long, DataSymbol> dataByRva = new HashMap<>();
    final Map<String, DataSymbol> dataByName = new HashMap<>();
    /** Public symbol names (decorated on i386) by address. */
    final Map<Long, String> publicsByRva = new HashMap<>();
    /** Typedef names and the TPI index they name, first definition wins. */
    final Map<String, Long> typedefs = new HashMap<>();

    /**
     * @param msf     the PDB
     * @param dbi     its DBI stream
     * @param address maps (section number from 1, offset) to an RVA, or -1
     */
    SymbolIndex(MsfFile msf, DbiStream dbi, LongBinaryOperator address) {
        for (DbiStream.Module m : dbi.modules()) {
            if (m.symbolStream() < 0 || m.symbolBytes() <= 4) continue;
            Bytes s = msf.stream(m.symbolStream(), "module symbols of " + m.name());
            s.check(0, m.symbolBytes());
            scan(s, 4, m.symbolBytes(), address);
        }
        if (dbi.symbolRecordStream() >= 0) {
            Bytes g = msf.stream(dbi.symbolRecordStream(), "symbol record stream");
            scan(g, 0, g.size(), address);
        }
    }

    private void scan(Bytes s, long start, long end, LongBinaryOperator address) {
        long at = start;
        int depth = 0;
        String procName = null;
        long procRva = -1;
        long procType = 0;
        boolean procId = false;
        boolean noreturn = false;
        var locals = new ArrayList<String>();
        var regrels = new ArrayList<String>();
        while (at + 4 <= end) {
            int length = s.u16(at);
            if (length < 2) throw s.error(at, "symbol record of length " + length);
            int kind = s.u16(at + 2);
            long p = at + 4;
            long next = at + 2 + length;
            if (next > end) throw s.error(at, "symbol record runs past the end of its stream");
            switch (kind) {
                case S_GPROC32, S_LPROC32, S_GPROC32_ID, S_LPROC32_ID -> {
                    if (depth == 0) {
                        procType = s.u32(p + 24);
                        procRva = address.applyAsLong(s.u16(p + 32), s.u32(p + 28));
                        noreturn = (s.u8(p + 34) & PROC_NEVER_RETURNS) != 0;
                        procName = s.cString(p + 35);
                        procId = kind == S_GPROC32_ID || kind == S_LPROC32_ID;
                        locals.clear();
                        regrels.clear();
                    }
                    depth++;
                }
                case S_THUNK32, S_BLOCK32, S_WITH32, S_SEPCODE, S_INLINESITE -> depth++;
                case S_END, S_PROC_ID_END, S_INLINESITE_END -> {
                    depth = Math.max(0, depth - 1);
                    if (depth == 0 && procName != null) {
                        var proc = new ProcSymbol(procName, procRva, procType, procId, noreturn, locals.isEmpty() ? regrels : locals);
                        if (procRva >= 0) procsByRva.putIfAbsent(procRva, proc);
                        procsByName.putIfAbsent(procName, proc);
                        procName = null;
                    }
                }
                case S_LOCAL -> {
                    if (depth == 1 && (s.u16(p + 4) & LOCAL_IS_PARAMETER) != 0) locals.add(s.cString(p + 6));
                }
                case S_REGREL32 -> {
                    if (depth == 1) regrels.add(s.cString(p + 10));
                }
                case S_GDATA32, S_LDATA32 -> {
                    if (depth == 0) {
                        var d = new DataSymbol(s.cString(p + 10), address.applyAsLong(s.u16(p + 8), s.u32(p + 4)), s.u32(p));
                        if (d.rva() >= 0) dataByRva.putIfAbsent(d.rva(), d);
                        dataByName.putIfAbsent(d.name(), d);
                    }
                }
                case S_PUB32 -> {
                    long rva = address.applyAsLong(s.u16(p + 8), s.u32(p + 4));
                    if (rva >= 0) publicsByRva.putIfAbsent(rva, s.cString(p + 10));
                }
                case S_UDT -> typedefs.putIfAbsent(s.cString(p + 4), s.u32(p));
                default -> { }
            }
            at = next;
        }
    }

    /** Every function and variable, for reading the whole library. */
    List<ProcSymbol> procs() {
        return List.copyOf(procsByName.values());
    }
}
