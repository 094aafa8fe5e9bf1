package dev.dwarfbind.oracle;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.types.TypeSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One library read by dwarfbind and by each oracle, cached per path: the differential tests run
 * several checks per library, and the tools are the slow part.
 *
 * @param path      the library
 * @param label     how messages name it, e.g. {@code clang-dwarf5-O2-lld/libtypes.so}
 * @param ts        what dwarfbind reads ({@link DebugInfo#typeSystem()})
 * @param dwarfdump what llvm-dwarfdump reads
 * @param dynsyms   what llvm-readelf reads from {@code .dynsym}
 */
public record OracleSubject(Path path, String label, TypeSystem ts, DwarfdumpOracle dwarfdump,
                            List<DynamicSymbols.Symbol> dynsyms) {
    private static final Map<Path, OracleSubject> CACHE = new ConcurrentHashMap<>();
    private static final Map<Path, PaholeOracle.Report> PAHOLE = new ConcurrentHashMap<>();

    /** The library at {@code path}, read by all parties (once per test run). */
    public static OracleSubject of(Path path, String label) {
        return CACHE.computeIfAbsent(path, p -> {
            try {
                return new OracleSubject(p, label, DebugInfo.open(p).typeSystem(), DwarfdumpOracle.read(p), DynamicSymbols.read(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What pahole reads from the library (run on first use: only the layout checks need it). */
    public PaholeOracle.Report pahole() {
        return PAHOLE.computeIfAbsent(path, PaholeOracle::read);
    }

    /** A fresh comparison of this library's type system. */
    public OracleComparison comparison() {
        return new OracleComparison(label, ts);
    }
}
