package dev.dwarfbind.oracle;

import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.UntypedSymbol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares one library's {@link TypeSystem} with what the oracles (pahole, llvm-dwarfdump,
 * llvm-readelf) say about the same file, collecting every disagreement before failing, so that
 * one run shows them all with both sides' values.
 */
public final class OracleComparison {
    /** llvm-dwarfdump's names of {@code DW_AT_calling_convention} constants, as the model's conventions. */
    private static final Map<String, CallingConvention> CONVENTIONS = Map.ofEntries(
            Map.entry("DW_CC_normal", CallingConvention.DEFAULT),
            Map.entry("DW_CC_BORLAND_stdcall", CallingConvention.STDCALL),
            Map.entry("DW_CC_BORLAND_pascal", CallingConvention.PASCAL),
            Map.entry("DW_CC_BORLAND_msfastcall", CallingConvention.FASTCALL),
            Map.entry("DW_CC_BORLAND_fastcall", CallingConvention.FASTCALL),
            Map.entry("DW_CC_GNU_borland_fastcall_i386", CallingConvention.FASTCALL),
            Map.entry("DW_CC_BORLAND_thiscall", CallingConvention.THISCALL),
            Map.entry("DW_CC_LLVM_vectorcall", CallingConvention.VECTORCALL),
            Map.entry("DW_CC_LLVM_Win64", CallingConvention.MS_ABI),
            Map.entry("DW_CC_LLVM_X86_64SysV", CallingConvention.SYSV_ABI),
            Map.entry("DW_CC_LLVM_AAPCS", CallingConvention.AAPCS),
            Map.entry("DW_CC_LLVM_AAPCS_VFP", CallingConvention.AAPCS_VFP),
            Map.entry("DW_CC_LLVM_IntelOclBicc", CallingConvention.INTEL_OCL_BICC),
            Map.entry("DW_CC_LLVM_Swift", CallingConvention.SWIFT),
            Map.entry("DW_CC_LLVM_SwiftTail", CallingConvention.SWIFT_ASYNC),
            Map.entry("DW_CC_LLVM_PreserveMost", CallingConvention.PRESERVE_MOST),
            Map.entry("DW_CC_LLVM_PreserveAll", CallingConvention.PRESERVE_ALL),
            Map.entry("DW_CC_LLVM_PreserveNone", CallingConvention.PRESERVE_NONE),
            Map.entry("DW_CC_LLVM_X86RegCall", CallingConvention.REGCALL),
            Map.entry("DW_CC_LLVM_M68kRTD", CallingConvention.M68K_RTD),
            Map.entry("DW_CC_LLVM_RISCVVectorCall", CallingConvention.RISCV_VECTOR),
            // gcc marks functions whose ABI it changed (IPA) as not callable the normal way.
            Map.entry("DW_CC_nocall", CallingConvention.UNKNOWN));

    private final String subject;
    private final TypeSystem ts;
    private final List<String> problems = new ArrayList<>();
    private int recordsCompared;
    private int membersCompared;
    private int functionsCompared;

    /** A comparison of {@code ts}, read from the file {@code subject} names (for messages). */
    public OracleComparison(String subject, TypeSystem ts) {
        this.subject = subject;
        this.ts = ts;
    }

    /** How many records were compared so far. */
    public int recordsCompared() {
        return recordsCompared;
    }

    /** How many members of those records were compared so far. */
    public int membersCompared() {
        return membersCompared;
    }

    /** How many functions were compared so far. */
    public int functionsCompared() {
        return functionsCompared;
    }

    /** The disagreements found so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Fails with every disagreement found, under the heading {@code what}. */
    public void assertAgreement(String what) {
        if (problems.isEmpty()) return;
        fail(subject + ": " + problems.size() + " disagreement(s) " + what + ":\n  - " + String.join("\n  - ", problems));
    }

    private void problem(String s) {
        problems.add(s);
    }

    // ---- records ----

    /** The complete named structs and unions of the type system, by {@code "struct tag"}. */
    private Map<String, List<RecordType>> ourRecords() {
        var out = new LinkedHashMap<String, List<RecordType>>();
        for (var t : ts.types()) {
            if (t instanceof RecordType r && r.complete() && r.tag() != null) {
                out.computeIfAbsent(r.kind().keyword() + " " + r.tag(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /**
     * Every complete named record pahole also lists (by name; by size among several layouts of
     * one tag) must have pahole's size and, member by member, its name, offset, bit offset, bit
     * width and type size; every record pahole lists must be in the type system. Members pahole
     * lost ({@code _Atomic} ones) are checked against llvm-dwarfdump's layout of the record.
     */
    public void compareLayouts(PaholeOracle.Report pahole, DwarfdumpOracle dwarfdump) {
        Map<String, List<PaholeOracle.Layout>> theirs = pahole.layouts().stream()
                .collect(Collectors.groupingBy(PaholeOracle.Layout::name, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<RecordType>> ours = ourRecords();
        for (var e : ours.entrySet()) {
            List<PaholeOracle.Layout> candidates = theirs.get(e.getKey());
            if (candidates == null) continue;
            for (RecordType r : e.getValue()) {
                List<PaholeOracle.Layout> sameSize = candidates.stream().filter(l -> l.size() == r.byteSize()).toList();
                if (sameSize.isEmpty()) {
                    problem(e.getKey() + ": size " + r.byteSize() + " in the reader, pahole lists it with size(s) "
                            + candidates.stream().map(l -> Long.toString(l.size())).collect(Collectors.joining(", ")));
                    continue;
                }
                List<String> best = null;
                for (PaholeOracle.Layout l : sameSize) {
                    List<String> diffs = paholeDiffs(e.getKey(), r, l, dwarfdump);
                    if (best == null || diffs.size() < best.size()) best = diffs;
                    if (diffs.isEmpty()) break;
                }
                problems.addAll(best);
                recordsCompared++;
                membersCompared += r.fields().size();
            }
        }
        for (var e : theirs.entrySet()) {
            List<RecordType> mine = ours.getOrDefault(e.getKey(), List.of());
            for (PaholeOracle.Layout l : e.getValue()) {
                if (mine.stream().noneMatch(r -> r.byteSize() == l.size())) {
                    problem(l.name() + " (size " + l.size() + ") is listed by pahole but the reader has "
                            + (mine.isEmpty() ? "no complete record of that name"
                            : "it only with size(s) " + mine.stream().map(r -> Long.toString(r.byteSize())).collect(Collectors.joining(", "))));
                }
            }
        }
    }

    /**
     * Compares the layouts with pahole, or with llvm-dwarfdump where pahole 1.24 reads nothing
     * (dwz's partial units, see {@link PaholeOracle}); returns which oracle was used.
     */
    public String compareLayoutsPreferringPahole(OracleSubject s) {
        if (s.dwarfdump().hasPartialUnits()) {
            compareLayouts(s.dwarfdump());
            return "llvm-dwarfdump (pahole 1.24 reads nothing from dwz's partial units)";
        }
        PaholeOracle.Report pahole = s.pahole();
        if (pahole.layouts().isEmpty() && !s.dwarfdump().records().isEmpty()) {
            fail(subject + ": pahole listed no struct although llvm-dwarfdump shows " + s.dwarfdump().records().size());
        }
        compareLayouts(pahole, s.dwarfdump());
        return pahole.note() == null ? "pahole" : "pahole (" + pahole.note() + ")";
    }

    private List<String> paholeDiffs(String name, RecordType r, PaholeOracle.Layout l, DwarfdumpOracle dwarfdump) {
        var diffs = new ArrayList<String>();
        List<Field> fields = r.fields();
        List<PaholeOracle.Member> members = l.members();
        if (l.lostMembers() == 0) {
            if (fields.size() != members.size()) {
                diffs.add(name + " (size " + r.byteSize() + "): " + fields.size() + " members in the reader "
                        + names(fields, Field::name) + ", " + members.size() + " in pahole " + names(members, PaholeOracle.Member::name));
                return diffs;
            }
            for (int i = 0; i < fields.size(); i++) memberDiffs(name, fields.get(i), members.get(i), diffs);
            return diffs;
        }
        // pahole dropped the members it could not type: align on names, the rest are the lost ones.
        var skipped = new ArrayList<Field>();
        int j = 0;
        for (PaholeOracle.Member m : members) {
            while (j < fields.size() && !Objects.equals(fields.get(j).name(), m.name())) skipped.add(fields.get(j++));
            if (j == fields.size()) {
                diffs.add(name + ": pahole member " + m.name() + " is not among the reader's members " + names(fields, Field::name));
                return diffs;
            }
            memberDiffs(name, fields.get(j++), m, diffs);
        }
        while (j < fields.size()) skipped.add(fields.get(j++));
        if (skipped.size() != l.lostMembers()) {
            diffs.add(name + ": pahole lost " + l.lostMembers() + " member(s) (<ERROR> lines) but the reader has "
                    + skipped.size() + " member(s) pahole does not list: " + names(skipped, Field::name));
            return diffs;
        }
        // Those members are checked against llvm-dwarfdump instead.
        DwarfdumpOracle.RecordLayout dd = dwarfdump.records().stream()
                .filter(x -> x.name().equals(name) && x.size() == r.byteSize()).findFirst().orElse(null);
        if (dd == null) {
            diffs.add(name + ": pahole lost members " + names(skipped, Field::name) + " and llvm-dwarfdump has no "
                    + name + " of size " + r.byteSize() + " to check them against");
            return diffs;
        }
        for (Field f : skipped) {
            var m = dd.members().stream().filter(x -> Objects.equals(x.name(), f.name())).findFirst().orElse(null);
            if (m == null) {
                diffs.add(name + "." + f.name() + ": lost by pahole and not a member in llvm-dwarfdump either");
            } else if (m.bitOffset() != f.bitOffset() || m.bitSize() != f.bitSize()) {
                diffs.add(name + "." + f.name() + " (lost by pahole): bit offset/width " + f.bitOffset() + "/" + f.bitSize()
                        + " in the reader, " + m.bitOffset() + "/" + m.bitSize() + " in llvm-dwarfdump");
            }
        }
        return diffs;
    }

    private void memberDiffs(String record, Field f, PaholeOracle.Member m, List<String> diffs) {
        String where = record + "." + (f.name() != null ? f.name() : "<anonymous>");
        if (!Objects.equals(f.name(), m.name())) {
            diffs.add(where + ": name " + f.name() + " in the reader, " + m.name() + " in pahole");
        }
        if (f.bitOffset() != m.bitOffset() || f.bitSize() != m.bitWidth()) {
            diffs.add(where + ": bit offset/width " + f.bitOffset() + "/" + f.bitSize() + " (byte " + f.byteOffset()
                    + ") in the reader, " + m.bitOffset() + "/" + m.bitWidth() + " in pahole (printed "
                    + (m.isBitfield() ? m.byteOffset() + ":" + m.bitPosition() : Long.toString(m.byteOffset())) + ")");
        }
        long size;
        try {
            size = ts.sizeOf(f.type());
        } catch (RuntimeException e) {
            diffs.add(where + ": the reader cannot size its type " + TypeNames.render(ts, f.type()) + ": " + e.getMessage());
            return;
        }
        if (size != m.size()) {
            diffs.add(where + ": type size " + size + " (" + TypeNames.render(ts, f.type()) + ") in the reader, "
                    + m.size() + " in pahole");
        }
    }

    /**
     * Every complete named record llvm-dwarfdump also has (by name, then size) must agree on
     * every member's name, LSB-first bit offset and bit width; every named record definition
     * llvm-dwarfdump prints must be in the type system with its size.
     */
    public void compareLayouts(DwarfdumpOracle dwarfdump) {
        Map<String, List<DwarfdumpOracle.RecordLayout>> theirs = dwarfdump.records().stream()
                .collect(Collectors.groupingBy(DwarfdumpOracle.RecordLayout::name, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<RecordType>> ours = ourRecords();
        for (var e : ours.entrySet()) {
            var candidates = theirs.get(e.getKey());
            if (candidates == null) continue;
            for (RecordType r : e.getValue()) {
                var sameSize = candidates.stream().filter(l -> l.size() == r.byteSize()).toList();
                if (sameSize.isEmpty()) {
                    problem(e.getKey() + ": size " + r.byteSize() + " in the reader, llvm-dwarfdump has DW_AT_byte_size "
                            + candidates.stream().map(l -> Long.toString(l.size())).distinct().collect(Collectors.joining(", ")));
                    continue;
                }
                List<String> best = null;
                for (var l : sameSize) {
                    List<String> diffs = dwarfdumpDiffs(e.getKey(), r, l);
                    if (best == null || diffs.size() < best.size()) best = diffs;
                    if (diffs.isEmpty()) break;
                }
                problems.addAll(best);
                recordsCompared++;
                membersCompared += r.fields().size();
            }
        }
        for (var e : theirs.entrySet()) {
            List<RecordType> mine = ours.getOrDefault(e.getKey(), List.of());
            for (long size : e.getValue().stream().map(DwarfdumpOracle.RecordLayout::size).collect(Collectors.toCollection(TreeSet::new))) {
                if (mine.stream().noneMatch(r -> r.byteSize() == size)) {
                    problem(e.getKey() + " (DW_AT_byte_size " + size + ") is defined in the DWARF but the reader has "
                            + (mine.isEmpty() ? "no complete record of that name"
                            : "it only with size(s) " + mine.stream().map(r -> Long.toString(r.byteSize())).collect(Collectors.joining(", "))));
                }
            }
        }
    }

    private List<String> dwarfdumpDiffs(String name, RecordType r, DwarfdumpOracle.RecordLayout l) {
        var diffs = new ArrayList<String>();
        if (r.fields().size() != l.members().size()) {
            diffs.add(name + " (size " + r.byteSize() + "): " + r.fields().size() + " members in the reader "
                    + names(r.fields(), Field::name) + ", " + l.members().size() + " in llvm-dwarfdump "
                    + names(l.members(), DwarfdumpOracle.MemberLayout::name) + String.format(" (DIE 0x%x)", l.offset()));
            return diffs;
        }
        for (int i = 0; i < r.fields().size(); i++) {
            Field f = r.fields().get(i);
            var m = l.members().get(i);
            String where = name + "." + (f.name() != null ? f.name() : "<anonymous>");
            if (!Objects.equals(f.name(), m.name())) diffs.add(where + ": name " + f.name() + " in the reader, " + m.name() + " in llvm-dwarfdump");
            if (f.bitOffset() != m.bitOffset() || f.bitSize() != m.bitSize()) {
                diffs.add(where + ": bit offset/width " + f.bitOffset() + "/" + f.bitSize() + " in the reader, "
                        + m.bitOffset() + "/" + m.bitSize() + " in llvm-dwarfdump" + String.format(" (DIE 0x%x)", l.offset()));
            }
        }
        return diffs;
    }

    private static <T> String names(List<T> items, Function<T, String> name) {
        return items.stream().map(i -> String.valueOf(name.apply(i))).collect(Collectors.joining(", ", "[", "]"));
    }

    // ---- functions ----

    /**
     * Every function of the type system must agree with the external {@code DW_TAG_subprogram}
     * of its name (its debug name for an alias or a versioned symbol; the definition at its
     * address if there are several): parameter count, names and types, return type,
     * prototyped, variadic, noreturn and calling convention. Types are compared as
     * llvm-dwarfdump spells them, see {@link TypeNames}.
     *
     * <p>The model's {@code variadic} is C's {@code ...}, which only a prototype can have: it is
     * compared with "has a {@code DW_TAG_unspecified_parameters} child and is prototyped" (an
     * unprototyped DIE's unspecified-parameters child means "parameters unknown").
     *
     * <p>An IFUNC symbol's value is its resolver; what a caller runs is the function the
     * resolver returns. Unless a DIE of the exported name describes it, its type must be the
     * function type the resolver's return type points to.
     */
    public void compareSignatures(DwarfdumpOracle dwarfdump, List<DynamicSymbols.Symbol> dynsyms) {
        Map<String, DynamicSymbols.Symbol> exported = exportedFunctions(dynsyms);
        for (FunctionDecl f : ts.functions().values()) {
            functionsCompared++;
            String debugName = f.debugName() != null ? f.debugName() : f.name();
            FunctionType ft = ts.signature(f);
            String ours = ourSignature(f, ft);
            DynamicSymbols.Symbol sym = exported.get(f.name());
            if (sym != null && sym.type().equals("IFUNC") && dwarfdump.named(f.name()).stream().noneMatch(s -> s.external())) {
                compareIfunc(f, sym, dwarfdump, ours);
                continue;
            }
            List<DwarfdumpOracle.Subprogram> named = dwarfdump.named(debugName);
            List<DwarfdumpOracle.Subprogram> external = named.stream().filter(DwarfdumpOracle.Subprogram::external).toList();
            if (external.isEmpty()) {
                problem(f.name() + ": the reader types it as " + ours + " from the DIE named " + debugName
                        + ", but llvm-dwarfdump has no external subprogram of that name"
                        + (named.isEmpty() ? "" : "; it has only non-external (static) " + named.stream()
                        .map(DwarfdumpOracle.Subprogram::describe).collect(Collectors.joining("; "))));
                continue;
            }
            DwarfdumpOracle.Subprogram s = external.stream()
                    .min(Comparator.comparingInt((DwarfdumpOracle.Subprogram x) -> x.address() == f.address() ? 0
                            : x.declaration() ? 3 : x.address() >= 0 ? 1 : 2))
                    .orElseThrow();
            String where = f.name() + (debugName.equals(f.name()) ? "" : " (DIE name " + debugName + ")") + ": reader "
                    + ours + " vs llvm-dwarfdump " + s.describe() + ": ";
            if (s.address() >= 0 && s.address() != f.address()) {
                problem(where + String.format("the reader's address 0x%x is not the DIE's DW_AT_low_pc 0x%x", f.address(), s.address()));
            }
            if (ft.parameters().size() != s.params().size()) {
                problem(where + "parameter count " + ft.parameters().size() + " vs " + s.params().size());
            } else {
                for (int i = 0; i < ft.parameters().size(); i++) {
                    Parameter p = ft.parameters().get(i);
                    DwarfdumpOracle.Param q = s.params().get(i);
                    if (!Objects.equals(p.name(), q.name())) problem(where + "parameter " + (i + 1) + " name " + p.name() + " vs " + q.name());
                    String type = TypeNames.render(ts, p.type());
                    if (!type.equals(q.type())) problem(where + "parameter " + (i + 1) + " type \"" + type + "\" vs \"" + q.type() + "\"");
                }
            }
            String ret = TypeNames.render(ts, ft.returnType());
            if (!ret.equals(s.returnType())) problem(where + "return type \"" + ret + "\" vs \"" + s.returnType() + "\"");
            if (ft.prototyped() != s.prototyped()) problem(where + "prototyped " + ft.prototyped() + " vs DW_AT_prototyped " + s.prototyped());
            boolean variadic = s.unspecifiedParameters() && s.prototyped();
            if (ft.variadic() != variadic) {
                problem(where + "variadic " + ft.variadic() + " vs " + variadic + " (DW_TAG_unspecified_parameters: "
                        + s.unspecifiedParameters() + ", prototyped: " + s.prototyped() + ")");
            }
            if (f.noreturn() != s.noreturn()) problem(where + "noreturn " + f.noreturn() + " vs DW_AT_noreturn " + s.noreturn());
            CallingConvention cc = s.callingConvention() == null ? CallingConvention.DEFAULT : CONVENTIONS.get(s.callingConvention());
            if (cc == null) {
                problem(where + "llvm-dwarfdump prints DW_AT_calling_convention " + s.callingConvention() + ", which this test does not map");
            } else if (cc != ft.convention()) {
                problem(where + "calling convention " + ft.convention() + " vs " + s.callingConvention() + " (" + cc + ")");
            }
        }
    }

    private void compareIfunc(FunctionDecl f, DynamicSymbols.Symbol sym, DwarfdumpOracle dwarfdump, String ours) {
        var resolver = dwarfdump.subprograms().stream().filter(s -> s.address() == sym.value()).findFirst().orElse(null);
        if (resolver == null) {
            problem(f.name() + String.format(": an IFUNC with no DIE of its name and no subprogram at its resolver's address 0x%x",
                    sym.value()) + ", yet the reader types it as " + ours);
            return;
        }
        // "int (*)(int)" -> "int (int)": the type of the function the resolver returns.
        String returned = resolver.returnType();
        String expected = returned.contains("(*)") ? returned.replaceFirst("\\s?\\(\\*\\)", " ").replace("  ", " ") : null;
        String actual = TypeNames.render(ts, f.type());
        if (expected == null || !expected.equals(actual)) {
            problem(f.name() + ": an IFUNC (symbol value = resolver " + resolver.name() + " returning \"" + returned
                    + "\"); calling it runs the function the resolver returns, of type \"" + expected
                    + "\", but the reader types it as \"" + actual + "\" " + ours
                    + (f.debugName() != null ? " from DIE " + f.debugName() : ""));
        }
    }

    private String ourSignature(FunctionDecl f, FunctionType ft) {
        var sb = new StringBuilder();
        if (f.noreturn()) sb.append("_Noreturn ");
        sb.append(TypeNames.render(ts, ft.returnType())).append(' ').append(f.name()).append('(');
        for (int i = 0; i < ft.parameters().size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(TypeNames.render(ts, ft.parameters().get(i).type())).append(' ').append(ft.parameters().get(i).name());
        }
        if (ft.variadic()) sb.append(ft.parameters().isEmpty() ? "..." : ", ...");
        sb.append(')');
        if (!ft.prototyped()) sb.append(" [unprototyped]");
        if (ft.convention() != CallingConvention.DEFAULT) sb.append(" [").append(ft.convention()).append(']');
        return sb.toString();
    }

    private static Map<String, DynamicSymbols.Symbol> exportedFunctions(List<DynamicSymbols.Symbol> dynsyms) {
        var out = new LinkedHashMap<String, DynamicSymbols.Symbol>();
        for (var s : dynsyms) {
            if (!s.exported() || !s.isFunction()) continue;
            var old = out.get(s.name());
            if (old == null || !old.isDefault() && s.isDefault()) out.put(s.name(), s);
        }
        return out;
    }

    // ---- symbols ----

    /**
     * Every exported function of {@code .dynsym} (defined, GLOBAL/WEAK, DEFAULT/PROTECTED, FUNC
     * or IFUNC) must be in exactly one of {@link TypeSystem#functions()} and the FUNCTION entries
     * of {@link TypeSystem#untyped()}, and nothing else may be in either.
     */
    public void compareExports(List<DynamicSymbols.Symbol> dynsyms) {
        Set<String> exported = exportedFunctions(dynsyms).keySet();
        Map<String, Long> untyped = ts.untyped().stream().filter(u -> u.kind() == UntypedSymbol.Kind.FUNCTION)
                .collect(Collectors.groupingBy(UntypedSymbol::name, Collectors.counting()));
        for (String name : exported) {
            long n = (ts.functions().containsKey(name) ? 1 : 0) + untyped.getOrDefault(name, 0L);
            if (n != 1) {
                problem(name + " is an exported function in .dynsym but appears " + n + " times among the reader's functions ("
                        + ts.functions().containsKey(name) + ") and untyped functions (" + untyped.getOrDefault(name, 0L) + ")");
            }
        }
        for (String name : ts.functions().keySet()) {
            if (!exported.contains(name)) problem(name + " is among the reader's functions but is not an exported function in .dynsym");
        }
        for (String name : untyped.keySet()) {
            if (!exported.contains(name)) problem(name + " is an untyped function of the reader but is not an exported function in .dynsym");
        }
    }

    /** None of {@code names} (functions the sources define static or hidden) may be a function or untyped symbol. */
    public void compareLocalFunctions(Set<String> names) {
        Set<String> untyped = ts.untyped().stream().map(UntypedSymbol::name).collect(Collectors.toSet());
        for (String name : names) {
            if (ts.functions().containsKey(name)) problem(name + " is static or hidden in the sources but the reader lists it as an exported function");
            if (untyped.contains(name)) problem(name + " is static or hidden in the sources but the reader lists it as an untyped export");
        }
    }
}
