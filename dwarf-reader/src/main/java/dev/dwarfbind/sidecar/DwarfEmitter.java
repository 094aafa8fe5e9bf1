package dev.dwarfbind.sidecar;

import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.CallingConvention;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Enumerator;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordKind;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;
import dev.dwarfbind.types.VoidType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import static dev.dwarfbind.sidecar.DwarfConstants.*;

/**
 * Writes a {@link TypeSystem} as DWARF 5: {@code .debug_abbrev}, {@code .debug_info} (one
 * {@code DW_UT_compile} unit, {@code DW_LANG_C11}, producer {@code "dwarfbind"}) and
 * {@code .debug_str}.
 *
 * <p>The type system should be one the reader built for a library's exports
 * ({@code DebugInfo.typeSystem(exportNames)}): every type the exported functions and variables
 * reach is written exactly once, as the one DIE (or, for a qualified type, the one chain of
 * qualifier DIEs) that stands for its id; nothing else is written. The DIEs are chosen so that
 * {@link dev.dwarfbind.dwarf.DwarfTypeReader}, given the library's exports, reads back an equal
 * type system with equal ids: the reader numbers types in the order it meets them walking from the
 * exports, and the emitted DIE graph is the type graph itself, so it walks them in the same order.
 *
 * <p>Each exported function becomes a subprogram (name, {@code DW_AT_external},
 * {@code DW_AT_low_pc}/{@code DW_AT_high_pc} from the symbol's address and size, prototype flag,
 * return type, {@code DW_AT_noreturn}, calling convention, named formal parameters and
 * {@code DW_TAG_unspecified_parameters}); aliases share their target's DIE (see
 * {@link SubprogramPlan}). Each exported variable becomes a variable with a
 * {@code DW_OP_addr} location.
 */
public final class DwarfEmitter {
    /** {@code DW_AT_producer} of the unit. */
    public static final String PRODUCER = "dwarfbind";

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    /** Where in which file: the prefix and suffix of the reader's messages about a DIE. */
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^.*?: \\.debug_\\w+ at offset 0x\\p{XDigit}+: ");
    private static final Pattern LOCATION_SUFFIX = Pattern.compile(" \\(DW_TAG[^()]* at 0x\\p{XDigit}+\\)$");

    private final TypeSystem ts;
    private final Target target;
    /** The DIE standing for each type id; {@code null} for ids that get none. */
    private final DieNode[] dies;
    private final DieNode unit;
    /** The stand-in type DIE of each reason a symbol could not be typed. */
    private final Map<String, DieNode> untypableTypes = new HashMap<>();

    private DwarfEmitter(TypeSystem ts) {
        this.ts = ts;
        this.target = ts.target();
        this.dies = new DieNode[ts.types().size()];
        this.unit = new DieNode(DW_TAG_COMPILE_UNIT);
    }

    /**
     * The DWARF sections describing {@code ts}: {@code .debug_abbrev}, {@code .debug_info} and
     * {@code .debug_str}, in that order.
     *
     * @param ts          the type system of a library's exports
     * @param symbolSizes the exported symbols' sizes by name, for {@code DW_AT_high_pc} (a
     *                    missing size counts as 1)
     * @param unitName    {@code DW_AT_name} of the unit, usually the library's file name
     * @return {@code .debug_abbrev}, {@code .debug_info} and {@code .debug_str}
     * @throws UnsupportedSidecarException if {@code ts} holds a type or declaration that DWARF
     *                                     cannot express so that the reader reads it back unchanged
     */
    public static List<DebugSection> emit(TypeSystem ts, Map<String, Long> symbolSizes, String unitName) {
        Objects.requireNonNull(unitName, "unitName");
        return new DwarfEmitter(ts).run(symbolSizes, unitName);
    }

    private List<DebugSection> run(Map<String, Long> symbolSizes, String unitName) {
        var untypableFunctions = new ArrayList<UntypedSymbol>();
        var untypableVariables = new ArrayList<UntypedSymbol>();
        for (UntypedSymbol u : ts.untyped()) {
            if (!hasUntypableDebugInfo(u)) continue;
            (u.kind() == UntypedSymbol.Kind.FUNCTION ? untypableFunctions : untypableVariables).add(u);
        }
        SubprogramPlan plan = SubprogramPlan.of(ts.functions().values(), untypableFunctions, symbolSizes);
        unit.add(DW_AT_PRODUCER, new AttributeValue.Str(PRODUCER));
        unit.add(DW_AT_LANGUAGE, new AttributeValue.Data2(DW_LANG_C11));
        unit.add(DW_AT_NAME, new AttributeValue.Str(unitName));
        addUnitRange(plan);

        boolean[] needed = neededTypes();
        // Nodes first, attributes second: a type may refer to one with a higher id (a struct
        // holding a pointer to a struct met later) or to itself.
        for (int id = 0; id < dies.length; id++) {
            if (needed[id]) dies[id] = unit.child(new DieNode(tagOf(id, ts.type(id))));
        }
        for (int id = 0; id < dies.length; id++) {
            if (needed[id]) describe(id, ts.type(id), dies[id]);
        }
        for (SubprogramPlan.Subprogram sp : plan.subprograms()) subprogram(sp);
        for (VariableDecl v : ts.variables().values()) variable(v);
        for (UntypedSymbol u : untypableVariables) untypableVariable(u);

        var strings = new StringSection();
        var abbreviations = new Abbreviations();
        var encoder = new UnitEncoder(target.pointerSize(), target.littleEndian(), strings, abbreviations);
        encoder.collectStrings(unit);
        strings.finish();
        byte[] info = encoder.encode(unit);
        return List.of(new DebugSection(".debug_abbrev", abbreviations.contents()),
                new DebugSection(".debug_info", info),
                new DebugSection(".debug_str", strings.contents()));
    }

    /** The unit covers all code, so a debugger can find it by address without {@code .debug_aranges}. */
    private void addUnitRange(SubprogramPlan plan) {
        long low = -1;
        long high = 0;
        for (SubprogramPlan.Subprogram sp : plan.subprograms()) {
            if (!sp.hasCode()) continue;
            if (low == -1 || Long.compareUnsigned(sp.address(), low) < 0) low = sp.address();
            if (Long.compareUnsigned(sp.address() + sp.size(), high) > 0) high = sp.address() + sp.size();
        }
        if (low == -1) return;
        unit.add(DW_AT_LOW_PC, new AttributeValue.Address(low));
        unit.add(DW_AT_HIGH_PC, new AttributeValue.Unsigned(high - low));
    }

    /**
     * Which ids get a DIE: every type reachable from the exports except {@code void} (which DWARF
     * spells as a missing {@code DW_AT_type}) and except function types that are only the
     * signature of a subprogram (the subprogram DIE itself describes those).
     */
    private boolean[] neededTypes() {
        var roots = new ArrayList<Integer>();
        var referenced = new boolean[dies.length];
        for (FunctionDecl f : ts.functions().values()) {
            if (f.type() < 0 || f.type() >= dies.length || !(ts.type(f.type()) instanceof FunctionType)) {
                throw new UnsupportedSidecarException("function " + f.name() + " has type id " + f.type()
                        + ", which is not a function type: a subprogram DIE can only carry a function type itself");
            }
            roots.add(f.type());
        }
        for (VariableDecl v : ts.variables().values()) {
            if (ts.type(v.type()) instanceof VoidType) {
                throw new UnsupportedSidecarException("variable " + v.name() + " has type void, which DWARF cannot give a variable");
            }
            roots.add(v.type());
            referenced[v.type()] = true;
        }
        var needed = new boolean[dies.length];
        for (int id : ts.reachable(roots)) {
            needed[id] = true;
            TypeSystemBuilder.forEachReference(ts.type(id), ref -> referenced[ref] = true);
        }
        for (int id = 0; id < dies.length; id++) {
            CType t = ts.type(id);
            if (t instanceof VoidType || t instanceof FunctionType && !referenced[id]) needed[id] = false;
        }
        return needed;
    }

    private int tagOf(int id, CType t) {
        return switch (t) {
            case ScalarType s -> DW_TAG_BASE_TYPE;
            case PointerType p -> DW_TAG_POINTER_TYPE;
            case QualifiedType q -> qualifierTag(qualifiersInOrder(id, q).getFirst());
            case ArrayType a -> DW_TAG_ARRAY_TYPE;
            case RecordType r -> r.kind() == RecordKind.UNION ? DW_TAG_UNION_TYPE : DW_TAG_STRUCTURE_TYPE;
            case EnumType e -> DW_TAG_ENUMERATION_TYPE;
            case FunctionType f -> DW_TAG_SUBROUTINE_TYPE;
            case TypedefType td -> DW_TAG_TYPEDEF;
            case VoidType v -> throw new AssertionError("void has no DIE");
        };
    }

    private void describe(int id, CType t, DieNode die) {
        switch (t) {
            case ScalarType s -> scalar(id, s, die);
            case PointerType p -> {
                typeRef(die, p.pointee());
                if (p.byteSize() != target.pointerSize()) die.add(DW_AT_BYTE_SIZE, new AttributeValue.Unsigned(p.byteSize()));
            }
            case QualifiedType q -> qualified(id, q, die);
            case ArrayType a -> {
                typeRef(die, a.element());
                var range = die.child(new DieNode(DW_TAG_SUBRANGE_TYPE));
                if (!a.isFlexible()) range.add(DW_AT_COUNT, new AttributeValue.Unsigned(a.count()));
            }
            case RecordType r -> record(id, r, die);
            case EnumType e -> enumeration(id, e, die);
            case FunctionType f -> functionType(id, f, die, null);
            case TypedefType td -> {
                die.add(DW_AT_NAME, new AttributeValue.Str(td.name()));
                typeRef(die, td.target());
            }
            case VoidType v -> throw new AssertionError("void has no DIE");
        }
    }

    /** {@code DW_AT_type} naming type {@code id}; none for {@code void}. */
    private void typeRef(DieNode die, int id) {
        if (ts.type(id) instanceof VoidType) return;
        DieNode target = dies[id];
        if (target == null) throw new IllegalStateException("type " + id + " is referenced but has no DIE");
        die.add(DW_AT_TYPE, new AttributeValue.Reference(target));
    }

    // ---- scalars ----

    private void scalar(int id, ScalarType s, DieNode die) {
        boolean isChar = s.name().equals("char");
        int encoding;
        boolean signed;
        switch (s.kind()) {
            case BOOL -> { encoding = DW_ATE_BOOLEAN; signed = false; }
            case CHAR -> {
                if (!isChar) throw unsupported(id, "a plain char must be named \"char\", which is how DWARF tells it from signed char");
                encoding = s.signed() ? DW_ATE_SIGNED_CHAR : DW_ATE_UNSIGNED_CHAR;
                signed = s.signed();
            }
            case SIGNED_CHAR, UNSIGNED_CHAR -> {
                if (isChar) throw unsupported(id, "a scalar named \"char\" reads back as plain char, not " + s.kind());
                signed = s.kind() == ScalarKind.SIGNED_CHAR;
                encoding = signed ? DW_ATE_SIGNED_CHAR : DW_ATE_UNSIGNED_CHAR;
            }
            case SIGNED -> { encoding = DW_ATE_SIGNED; signed = true; }
            case UNSIGNED -> { encoding = DW_ATE_UNSIGNED; signed = false; }
            case UNICODE_CHAR -> { encoding = DW_ATE_UTF; signed = false; }
            case FLOAT -> { encoding = DW_ATE_FLOAT; signed = true; }
            case COMPLEX -> { encoding = DW_ATE_COMPLEX_FLOAT; signed = true; }
            case DECIMAL_FLOAT -> { encoding = DW_ATE_DECIMAL_FLOAT; signed = true; }
            default -> throw new AssertionError(s.kind());
        }
        if (signed != s.signed()) {
            throw unsupported(id, "a " + s.kind() + " scalar with signed=" + s.signed() + " has no DWARF encoding");
        }
        int abi = target.scalarAlignment(s.kind(), s.byteSize());
        if (s.alignment() != abi) {
            throw unsupported(id, "alignment " + s.alignment() + " differs from the ABI's " + abi
                    + " and DWARF records no alignment for base types");
        }
        die.add(DW_AT_NAME, new AttributeValue.Str(s.name()));
        die.add(DW_AT_ENCODING, new AttributeValue.Data1(encoding));
        die.add(DW_AT_BYTE_SIZE, new AttributeValue.Unsigned(s.byteSize()));
    }

    // ---- qualifiers ----

    private List<Qualifier> qualifiersInOrder(int id, QualifiedType q) {
        if (ts.type(q.type()) instanceof QualifiedType) {
            throw unsupported(id, "qualifies another qualified type; the reader folds qualifier chains into one type");
        }
        var out = new ArrayList<Qualifier>(q.qualifiers().size());
        for (Qualifier x : Qualifier.values()) if (q.has(x)) out.add(x);
        return out;
    }

    private static int qualifierTag(Qualifier q) {
        return switch (q) {
            case CONST -> DW_TAG_CONST_TYPE;
            case VOLATILE -> DW_TAG_VOLATILE_TYPE;
            case RESTRICT -> DW_TAG_RESTRICT_TYPE;
            case ATOMIC -> DW_TAG_ATOMIC_TYPE;
        };
    }

    /** One DIE per qualifier, chained: {@code const volatile int} is const, then volatile, then int. */
    private void qualified(int id, QualifiedType q, DieNode head) {
        List<Qualifier> order = qualifiersInOrder(id, q);
        DieNode cur = head;
        for (int i = 1; i < order.size(); i++) {
            DieNode next = unit.child(new DieNode(qualifierTag(order.get(i))));
            cur.add(DW_AT_TYPE, new AttributeValue.Reference(next));
            cur = next;
        }
        typeRef(cur, q.type());
    }

    // ---- records ----

    private void record(int id, RecordType r, DieNode die) {
        if (r.tag() != null) die.add(DW_AT_NAME, new AttributeValue.Str(r.tag()));
        if (!r.complete()) {
            if (!r.equals(RecordType.opaque(r.kind(), r.tag()))) {
                throw unsupported(id, "an incomplete record must have size 0, alignment 1 and no fields to be written as a declaration");
            }
            die.add(DW_AT_DECLARATION, new AttributeValue.Flag());
            return;
        }
        die.add(DW_AT_BYTE_SIZE, new AttributeValue.Unsigned(r.byteSize()));
        OptionalInt align = RecordAlignment.attributeFor(ts, id, r);
        if (align.isPresent()) die.add(DW_AT_ALIGNMENT, new AttributeValue.Unsigned(align.getAsInt()));
        for (Field f : r.fields()) {
            DieNode m = die.child(new DieNode(DW_TAG_MEMBER));
            if (f.name() != null) m.add(DW_AT_NAME, new AttributeValue.Str(f.name()));
            typeRef(m, f.type());
            if (f.isBitfield()) {
                m.add(DW_AT_DATA_BIT_OFFSET, new AttributeValue.Unsigned(f.bitOffset()));
                m.add(DW_AT_BIT_SIZE, new AttributeValue.Unsigned(f.bitSize()));
            } else if (f.bitOffset() % 8 != 0) {
                // A whole member off a byte boundary: only a bit offset can say where it is.
                m.add(DW_AT_DATA_BIT_OFFSET, new AttributeValue.Unsigned(f.bitOffset()));
            } else if (r.kind() == RecordKind.STRUCT || f.bitOffset() != 0) {
                // Union members all start at 0, which is what a missing location means.
                m.add(DW_AT_DATA_MEMBER_LOCATION, new AttributeValue.Unsigned(f.byteOffset()));
            }
        }
    }

    // ---- enums ----

    private void enumeration(int id, EnumType e, DieNode die) {
        if (e.tag() != null) die.add(DW_AT_NAME, new AttributeValue.Str(e.tag()));
        if (!e.complete()) {
            if (!e.equals(new EnumType(e.tag(), TypeSystem.NO_TYPE, 0, 1, false, List.of(), false))) {
                throw unsupported(id, "an incomplete enum must have no underlying type, size 0, alignment 1, no values"
                        + " and be unsigned to be written as a declaration");
            }
            die.add(DW_AT_DECLARATION, new AttributeValue.Flag());
            return;
        }
        int abi = target.scalarAlignment(ScalarKind.SIGNED, Math.max(e.byteSize(), 1));
        if (e.alignment() != abi) {
            throw unsupported(id, "alignment " + e.alignment() + " differs from the ABI's " + abi + " for its size");
        }
        boolean anyNegative = e.values().stream().anyMatch(v -> v.value().signum() < 0);
        if (e.underlying() != TypeSystem.NO_TYPE) {
            CType u = ts.type(ts.strip(e.underlying()));
            boolean signed = u instanceof ScalarType s ? s.signed() : anyNegative;
            if (signed != e.signed()) {
                throw unsupported(id, "signed=" + e.signed() + " contradicts its underlying type " + name(e.underlying()));
            }
            typeRef(die, e.underlying());
        } else if (e.signed() != anyNegative) {
            throw unsupported(id, "without an underlying type, an enum reads back as signed exactly when a value is negative");
        }
        die.add(DW_AT_BYTE_SIZE, new AttributeValue.Unsigned(e.byteSize()));
        for (Enumerator v : e.values()) {
            DieNode c = die.child(new DieNode(DW_TAG_ENUMERATOR));
            c.add(DW_AT_NAME, new AttributeValue.Str(v.name()));
            c.add(DW_AT_CONST_VALUE, constant(id, e, v));
        }
    }

    private AttributeValue constant(int id, EnumType e, Enumerator v) {
        BigInteger x = v.value();
        if (e.signed()) {
            if (x.bitLength() > 63) throw unsupported(id, "value " + v.name() + " = " + x + " does not fit a signed 64-bit constant");
            return new AttributeValue.Signed(x.longValueExact());
        }
        if (x.signum() < 0 || x.compareTo(TWO_TO_64) >= 0) {
            throw unsupported(id, "value " + v.name() + " = " + x + " does not fit an unsigned 64-bit constant");
        }
        return new AttributeValue.Unsigned(x.longValue());
    }

    // ---- functions ----

    /**
     * The attributes and children that describe function type {@code f} on {@code die}, a
     * subroutine type or (with {@code decl} set) a subprogram.
     */
    private void functionType(int id, FunctionType f, DieNode die, String decl) {
        if (f.variadic() && !f.prototyped()) {
            throw unsupported(id, "is variadic but not prototyped; the reader takes \"...\" of a K&R declaration as no information");
        }
        if (f.prototyped()) die.add(DW_AT_PROTOTYPED, new AttributeValue.Flag());
        typeRef(die, f.returnType());
        if (f.convention() != CallingConvention.DEFAULT) {
            die.add(DW_AT_CALLING_CONVENTION, new AttributeValue.Data1(callingConvention(f.convention())));
        }
        for (Parameter p : f.parameters()) {
            if (ts.type(p.type()) instanceof VoidType) {
                throw unsupported(id, "has a parameter " + p.name() + " of type void" + (decl == null ? "" : " (function " + decl + ")"));
            }
            DieNode param = die.child(new DieNode(DW_TAG_FORMAL_PARAMETER));
            if (p.name() != null) param.add(DW_AT_NAME, new AttributeValue.Str(p.name()));
            typeRef(param, p.type());
        }
        if (f.variadic()) die.child(new DieNode(DW_TAG_UNSPECIFIED_PARAMETERS));
    }

    /** The {@code DW_CC_*} value the reader maps back to {@code cc}. */
    private static int callingConvention(CallingConvention cc) {
        return switch (cc) {
            case DEFAULT -> throw new AssertionError("the default convention is written as no attribute");
            case STDCALL -> DW_CC_BORLAND_STDCALL;
            case PASCAL -> DW_CC_BORLAND_PASCAL;
            case FASTCALL -> DW_CC_BORLAND_MSFASTCALL;
            case THISCALL -> DW_CC_BORLAND_THISCALL;
            case VECTORCALL -> DW_CC_LLVM_VECTORCALL;
            case MS_ABI -> DW_CC_LLVM_WIN64;
            case SYSV_ABI -> DW_CC_LLVM_X86_64_SYSV;
            case AAPCS -> DW_CC_LLVM_AAPCS;
            case AAPCS_VFP -> DW_CC_LLVM_AAPCS_VFP;
            case INTEL_OCL_BICC -> DW_CC_LLVM_INTEL_OCL_BICC;
            case SWIFT -> DW_CC_LLVM_SWIFT;
            case PRESERVE_MOST -> DW_CC_LLVM_PRESERVE_MOST;
            case PRESERVE_ALL -> DW_CC_LLVM_PRESERVE_ALL;
            case REGCALL -> DW_CC_LLVM_X86_REGCALL;
            case M68K_RTD -> DW_CC_LLVM_M68K_RTD;
            case PRESERVE_NONE -> DW_CC_LLVM_PRESERVE_NONE;
            case RISCV_VECTOR -> DW_CC_LLVM_RISCV_VECTOR_CALL;
            case SWIFT_ASYNC -> DW_CC_LLVM_SWIFT_TAIL;
            // DW_CC_nocall ("does not obey the standard convention") is a value the reader does
            // not map to anything it knows, as the original vendor value was.
            case UNKNOWN -> DW_CC_NOCALL;
        };
    }

    private void subprogram(SubprogramPlan.Subprogram sp) {
        FunctionDecl f = sp.decl();
        DieNode die = unit.child(new DieNode(DW_TAG_SUBPROGRAM));
        die.add(DW_AT_NAME, new AttributeValue.Str(sp.name()));
        die.add(DW_AT_EXTERNAL, new AttributeValue.Flag());
        if (sp.hasCode()) {
            die.add(DW_AT_LOW_PC, new AttributeValue.Address(sp.address()));
            die.add(DW_AT_HIGH_PC, new AttributeValue.Unsigned(sp.size()));
        }
        if (f == null) {
            die.add(DW_AT_TYPE, new AttributeValue.Reference(untypable(sp.untyped())));
            return;
        }
        if (f.noreturn()) die.add(DW_AT_NORETURN, new AttributeValue.Flag());
        functionType(f.type(), ts.type(f.type(), FunctionType.class), die, f.name());
    }

    private void variable(VariableDecl v) {
        DieNode die = unit.child(new DieNode(DW_TAG_VARIABLE));
        die.add(DW_AT_NAME, new AttributeValue.Str(v.name()));
        die.add(DW_AT_EXTERNAL, new AttributeValue.Flag());
        typeRef(die, v.type());
        die.add(DW_AT_LOCATION, new AttributeValue.Expression(addressExpression(v.address())));
    }

    /** {@code DW_OP_addr address}: a static location, as the reader matches it to the symbol. */
    private byte[] addressExpression(long address) {
        var expr = new ByteSink(target.littleEndian());
        expr.u8(DW_OP_ADDR);
        expr.unsigned(address, target.pointerSize());
        return expr.toByteArray();
    }

    // ---- symbols whose type the reader could not convert ----

    /**
     * Whether the library has debug info for {@code u} that the reader could not turn into a
     * type (a {@code _Decimal64} that DWARF 2 encodes with a vendor encoding, say), as opposed to
     * a symbol it has nothing for or must not type (no DIE, thread-local, GNU indirect). The
     * reader says which by its reason; these prefixes are the reasons {@code DwarfTypeReader}
     * gives without looking at a type.
     */
    private static boolean hasUntypableDebugInfo(UntypedSymbol u) {
        String r = u.reason() == null ? "" : u.reason();
        return !(r.startsWith("no debug info") || r.startsWith("GNU indirect function") || r.startsWith("thread-local variable"));
    }

    /**
     * A type DIE the reader rejects, so that {@code u} reads back as described but untyped rather
     * than as lacking debug info. The type system no longer knows what the unconvertible type
     * was, so the DIE is one with no C equivalent (a Fortran string type: it must be a type tag
     * for {@code llvm-dwarfdump --verify}), named after the original reason, without the build
     * machine's path, for whoever looks with {@code llvm-dwarfdump}.
     */
    private DieNode untypable(UntypedSymbol u) {
        String reason = u.reason() == null ? "unsupported type" : u.reason();
        reason = LOCATION_SUFFIX.matcher(LOCATION_PREFIX.matcher(reason).replaceFirst("")).replaceFirst("");
        return untypableTypes.computeIfAbsent(reason, r -> {
            DieNode t = unit.child(new DieNode(DW_TAG_STRING_TYPE));
            t.add(DW_AT_NAME, new AttributeValue.Str(r));
            return t;
        });
    }

    private void untypableVariable(UntypedSymbol u) {
        DieNode die = unit.child(new DieNode(DW_TAG_VARIABLE));
        die.add(DW_AT_NAME, new AttributeValue.Str(u.name()));
        die.add(DW_AT_EXTERNAL, new AttributeValue.Flag());
        die.add(DW_AT_TYPE, new AttributeValue.Reference(untypable(u)));
        die.add(DW_AT_LOCATION, new AttributeValue.Expression(addressExpression(u.address())));
    }

    // ---- messages ----

    private UnsupportedSidecarException unsupported(int id, String problem) {
        return new UnsupportedSidecarException("type " + id + " (" + name(id) + "): " + problem);
    }

    private String name(int id) {
        try {
            return CPrinter.typeName(ts, id);
        } catch (RuntimeException e) {
            // The type is malformed enough that the printer cannot name it; say what it is.
            return ts.type(id).getClass().getSimpleName();
        }
    }
}
