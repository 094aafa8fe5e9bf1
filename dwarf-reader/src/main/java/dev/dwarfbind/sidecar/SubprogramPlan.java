package dev.dwarfbind.sidecar;

import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.UntypedSymbol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which subprogram DIEs describe a library's exported functions, so that the reader's symbol
 * matching finds for every export the declaration it had.
 *
 * <p>The reader takes, for a symbol, the DIE whose code starts at the symbol's address and whose
 * name is the symbol's; else a DIE of that name anywhere; else any DIE at the address (an alias,
 * whose {@link FunctionDecl#debugName()} is that DIE's name). So one DIE per distinct address gets
 * the code range: the one named by the aliases at that address if there are any, else the first
 * function there. Other functions at the same address that are no aliases (gcc's identical-code
 * folding gives two functions one body) get a DIE of their own name without code, which the
 * reader finds by name, as it finds gcc's. Two DIEs with the same start address would make
 * {@code llvm-dwarfdump --verify} report overlapping ranges.
 *
 * @param subprograms the DIEs to write, in symbol-table order of their first function
 */
record SubprogramPlan(List<Subprogram> subprograms) {
    /**
     * One subprogram DIE.
     *
     * @param name     {@code DW_AT_name}
     * @param decl     the declaration whose type and {@code noreturn} the DIE carries, or
     *                 {@code null} for a function whose type could not be read
     * @param untyped  for a function whose type could not be read ({@code decl == null}), the
     *                 symbol and why
     * @param hasCode  whether it gets {@code DW_AT_low_pc}/{@code DW_AT_high_pc}
     * @param address  start of the code
     * @param size     length of the code, at least 1, never reaching into the next subprogram's
     */
    record Subprogram(String name, FunctionDecl decl, UntypedSymbol untyped, boolean hasCode, long address, long size) {
    }

    SubprogramPlan {
        subprograms = List.copyOf(subprograms);
    }

    /** The functions at one address. */
    private record Group(List<FunctionDecl> typed, List<UntypedSymbol> untypable) {
    }

    /**
     * Plans the DIEs for {@code functions} and for {@code untypable}, exported functions that
     * have debug info whose type the reader could not convert; {@code sizes} gives symbol sizes
     * by name (a missing or zero size becomes 1).
     *
     * @throws UnsupportedSidecarException if functions sharing an address disagree in a way one
     *                                     DIE per address cannot express
     */
    static SubprogramPlan of(Iterable<FunctionDecl> functions, List<UntypedSymbol> untypable, Map<String, Long> sizes) {
        var byAddress = new LinkedHashMap<Long, Group>();
        for (FunctionDecl f : functions) {
            byAddress.computeIfAbsent(f.address(), a -> new Group(new ArrayList<>(), new ArrayList<>())).typed().add(f);
        }
        for (UntypedSymbol u : untypable) {
            byAddress.computeIfAbsent(u.address(), a -> new Group(new ArrayList<>(), new ArrayList<>())).untypable().add(u);
        }
        var out = new ArrayList<Subprogram>();
        for (var entry : byAddress.entrySet()) {
            long address = entry.getKey();
            Group g = entry.getValue();
            long size = 1;
            for (FunctionDecl f : g.typed()) size = Math.max(size, sizes.getOrDefault(f.name(), 0L));
            for (UntypedSymbol u : g.untypable()) size = Math.max(size, u.size());
            String primary;
            if (!g.typed().isEmpty()) {
                FunctionDecl source = aliasTarget(address, g.typed());
                primary = source.debugName() != null ? source.debugName() : source.name();
                out.add(new Subprogram(primary, source, null, true, address, size));
                for (FunctionDecl f : g.typed()) {
                    if (f.debugName() == null && !f.name().equals(primary)) {
                        out.add(new Subprogram(f.name(), f, null, false, address, 0));
                    }
                }
            } else {
                primary = g.untypable().getFirst().name();
            }
            for (UntypedSymbol u : g.untypable()) {
                out.add(new Subprogram(u.name(), null, u, u.name().equals(primary), address, u.name().equals(primary) ? size : 0));
            }
        }
        return new SubprogramPlan(clampRanges(out));
    }

    /**
     * The declaration the DIE with code at {@code address} carries: that of the aliases there,
     * which name it, if there are any; else the first function.
     */
    private static FunctionDecl aliasTarget(long address, List<FunctionDecl> decls) {
        FunctionDecl source = null;
        for (FunctionDecl f : decls) {
            if (f.debugName() == null) continue;
            if (source == null) {
                source = f;
            } else if (!source.debugName().equals(f.debugName())) {
                throw new UnsupportedSidecarException("functions " + source.name() + " and " + f.name() + " at address 0x"
                        + Long.toHexString(address) + " are aliases of different functions (" + source.debugName() + ", "
                        + f.debugName() + "); a sidecar has one subprogram per address");
            } else if (!sameSignature(source, f)) {
                throw new UnsupportedSidecarException("aliases " + source.name() + " and " + f.name() + " of "
                        + f.debugName() + " have different types");
            }
        }
        if (source == null) return decls.getFirst();
        for (FunctionDecl f : decls) {
            if (f.debugName() == null && f.name().equals(source.debugName()) && !sameSignature(source, f)) {
                throw new UnsupportedSidecarException("function " + f.name() + " and its alias " + source.name()
                        + " have different types");
            }
        }
        return source;
    }

    private static boolean sameSignature(FunctionDecl a, FunctionDecl b) {
        return a.type() == b.type() && a.noreturn() == b.noreturn();
    }

    /**
     * Symbol sizes may run into the next function (padding, or a size that is plain wrong); DWARF
     * ranges of sibling subprograms must not overlap.
     */
    private static List<Subprogram> clampRanges(List<Subprogram> subprograms) {
        var starts = new TreeMap<Long, Subprogram>(Long::compareUnsigned);
        for (Subprogram sp : subprograms) if (sp.hasCode()) starts.put(sp.address(), sp);
        var out = new ArrayList<Subprogram>(subprograms.size());
        for (Subprogram sp : subprograms) {
            if (!sp.hasCode()) {
                out.add(sp);
                continue;
            }
            Long next = starts.higherKey(sp.address());
            long size = sp.size();
            if (next != null && Long.compareUnsigned(size, next - sp.address()) > 0) size = next - sp.address();
            out.add(new Subprogram(sp.name(), sp.decl(), sp.untyped(), true, sp.address(), Math.max(size, 1)));
        }
        return out;
    }
}
