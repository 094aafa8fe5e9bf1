package dev.dwarfbind.gen;

import dev.dwarfbind.bind.error.Unsupported;
import dev.dwarfbind.bind.internal.abi.CLayouts;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.abi.CallTypes;
import dev.dwarfbind.bind.internal.abi.Conventions;
import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.gen.model.Binding;
import dev.dwarfbind.gen.model.CallbackModel;
import dev.dwarfbind.gen.model.Carrier;
import dev.dwarfbind.gen.model.ConstantModel;
import dev.dwarfbind.gen.model.FunctionModel;
import dev.dwarfbind.gen.model.LibraryInfo;
import dev.dwarfbind.gen.model.Member;
import dev.dwarfbind.gen.model.Param;
import dev.dwarfbind.gen.model.RecordModel;
import dev.dwarfbind.gen.model.Result;
import dev.dwarfbind.gen.model.Skipped;
import dev.dwarfbind.gen.model.VariableModel;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.Field;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.QualifiedType;
import dev.dwarfbind.types.Qualifier;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VariableDecl;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the declaration model of a binding from a type system. What to call and how comes from
 * the loader's classification ({@link CallTypes}, {@link CLayouts}), so generated code passes every
 * value exactly as a dynamic call through the loader would, and refuses the same things for the
 * same reasons.
 */
final class ModelBuilder {
    private final TypeSystem ts;
    private final GenOptions options;
    private final LibraryInfo library;
    private final CLayouts layouts;
    private final CallTypes callTypes;
    private final JavaNames classNames = JavaNames.classes();
    /** Stripped record id to its class name, for records that get a class. */
    private final Map<Integer, String> recordClasses = new LinkedHashMap<>();
    /** Names of anonymous records that a typedef names ({@code typedef struct {...} foo_t;}). */
    private final Map<Integer, String> typedefNames = new HashMap<>();
    private final List<Skipped> skipped = new ArrayList<>();

    /** Members of every generated library class (see {@code LibraryWriter}). */
    static final List<String> LIBRARY_CLASS_NAMES = List.of("BUILD_ID", "LIBRARY_PROPERTY", "LIBRARY", "Runtime$",
            "symbol$", "downcall$", "variable$", "function$", "unexpected$", "errno", "Errno$",
            // Object's methods: a static method of the same signature does not compile (libc has clone()).
            "clone", "finalize", "getClass", "hashCode", "toString", "notify", "notifyAll", "wait", "equals");
    /**
     * Simple names generated code uses unqualified: a generated class of the same name would
     * shadow them (case is ignored, as for every class name).
     */
    static final List<String> USED_CLASS_NAMES = List.of("String", "Object", "Throwable", "Error", "RuntimeException",
            "AssertionError", "System", "Math", "Long", "Integer", "Double", "Float", "Boolean", "Byte", "Short",
            "Character", "Arena", "MemorySegment", "MemoryLayout", "ValueLayout", "AddressLayout", "StructLayout",
            "UnionLayout", "SequenceLayout", "PaddingLayout", "GroupLayout", "FunctionDescriptor", "Linker",
            "SymbolLookup", "SegmentAllocator", "MethodHandle", "MethodHandles", "FunctionalInterface", "Override");

    ModelBuilder(TypeSystem ts, GenOptions options, LibraryInfo library) {
        this.ts = ts;
        this.options = options;
        this.library = library;
        this.layouts = new CLayouts(ts);
        this.callTypes = new CallTypes(layouts);
    }

    Binding build(String className) {
        classNames.reserve(className);
        USED_CLASS_NAMES.forEach(classNames::reserve);
        List<Integer> types = ts.types().isEmpty() ? List.of() : allIds();
        for (int id : types) {
            if (ts.type(id) instanceof TypedefType td && ts.type(td.target()) instanceof RecordType r && r.tag() == null) {
                typedefNames.putIfAbsent(td.target(), td.name());
            }
        }
        var functionDecls = ts.functions().values().stream().filter(f -> options.wantsFunction(f.name()))
                .sorted(Comparator.comparing(FunctionDecl::name)).toList();
        var variableDecls = ts.variables().values().stream().filter(v -> options.wantsFunction(v.name()))
                .sorted(Comparator.comparing(VariableDecl::name)).toList();
        var roots = new ArrayList<Integer>();
        functionDecls.forEach(f -> roots.add(f.type()));
        variableDecls.forEach(v -> roots.add(v.type()));
        for (var e : ts.namedTypes().entrySet()) {
            CType t = ts.type(e.getValue());
            String plain = e.getKey().contains(" ") ? e.getKey().substring(e.getKey().indexOf(' ') + 1) : e.getKey();
            if (!(t instanceof ScalarType) && options.wantsType(e.getKey(), plain)) roots.add(e.getValue());
        }
        List<Integer> reached = ts.reachable(roots);

        // Classes first, so members and signatures can name them.
        for (int id : reached) {
            int s = ts.strip(id);
            if (ts.type(s) instanceof RecordType r && r.complete() && !recordClasses.containsKey(s)) {
                String name = r.tag() != null ? r.tag() : typedefNames.get(s);
                if (name != null) recordClasses.put(s, classNames.claim(name));
            }
        }
        var callbacks = new ArrayList<CallbackModel>();
        for (int id : reached) {
            if (ts.type(id) instanceof TypedefType td && functionPointee(id) != null) {
                CallbackModel cb = callback(classNames.claim(td.name()), CPrinter.definition(ts, id), functionPointee(id), td.name());
                if (cb != null) callbacks.add(cb);
            }
        }
        var records = new ArrayList<RecordModel>();
        for (var e : List.copyOf(recordClasses.entrySet())) {
            try {
                records.add(record(e.getKey(), e.getValue(), records));
            } catch (IllegalArgumentException ex) {
                // The layout the debug info gives cannot be built (an alignment below a member's);
                // the loader refuses the same record for the same reason.
                skipped.add(new Skipped(CPrinter.typeName(ts, e.getKey()), "its memory layout cannot be built: " + ex.getMessage()));
            }
        }

        JavaNames members = JavaNames.members();
        for (String n : LIBRARY_CLASS_NAMES) members.reserve(n);
        members.reserve(className); // a nested invoker class cannot share its enclosing class's name
        var parameterCallbacks = new ArrayList<CallbackModel>();
        var functions = new ArrayList<FunctionModel>();
        for (FunctionDecl f : functionDecls) {
            FunctionModel m = function(f, members, parameterCallbacks);
            if (m != null) functions.add(m);
        }
        var variables = new ArrayList<VariableModel>();
        for (VariableDecl v : variableDecls) {
            VariableModel m = variable(v, members);
            if (m != null) variables.add(m);
        }
        var constants = constants(reached, members);
        return new Binding(options.packageName(), className, options.mode(), library, functions, variables, constants,
                records, callbacks, parameterCallbacks, skipped);
    }

    private List<Integer> allIds() {
        var ids = new ArrayList<Integer>();
        for (int i = 0; i < ts.types().size(); i++) ids.add(i);
        return ids;
    }

    // ---- functions and variables ----

    private FunctionModel function(FunctionDecl f, JavaNames members, List<CallbackModel> parameterCallbacks) {
        FunctionType sig = ts.signature(f);
        String decl = CPrinter.declaration(ts, f);
        if (!Conventions.isPlatform(ts.target(), sig.convention())) {
            skipped.add(new Skipped(f.name(), "uses the " + sig.convention()
                    + " calling convention; java.lang.foreign's linker implements only the platform's"));
            return null;
        }
        try {
            Result result = result(sig.returnType());
            JavaNames paramNames = JavaNames.members();
            if (result.isGroup()) paramNames.reserve("allocator");
            var params = new ArrayList<Param>();
            var pending = new ArrayList<Runnable>();
            for (int i = 0; i < sig.parameters().size(); i++) {
                Parameter p = sig.parameters().get(i);
                CallType ct = linkerOnly(callTypes.parameter(p.type(), sig.prototyped()));
                String name = paramNames.claim(p.name() == null ? "x" + i : p.name());
                params.add(new Param(name, carrier(ct), ct.layout(), isConstCharPointer(p.type())));
                FunctionType fp = functionPointee(p.type());
                if (fp != null && !(ts.type(p.type()) instanceof TypedefType)) {
                    String cbName = f.name() + "$" + name;
                    String spelled = CPrinter.typeName(ts, p.type());
                    pending.add(() -> {
                        CallbackModel cb = callback(members.claim(cbName), spelled, fp, cbName);
                        if (cb != null) parameterCallbacks.add(cb);
                    });
                }
            }
            String javaName = members.claim(f.name());
            pending.forEach(Runnable::run);
            boolean errno = options.capturesErrno(f.name());
            if (errno && sig.variadic()) {
                skipped.add(new Skipped(f.name() + " (errno)", "a variadic function's invoker does not capture errno"));
                errno = false;
            }
            return new FunctionModel(f.name(), javaName, decl, params, result, sig.variadic(), members.claim(javaName + "$"), errno);
        } catch (Unsupported e) {
            skipped.add(new Skipped(f.name(), e.getMessage()));
            return null;
        } catch (IllegalArgumentException e) {
            skipped.add(new Skipped(f.name(), "a memory layout of its signature cannot be built: " + e.getMessage()));
            return null;
        }
    }

    /**
     * {@code ct}, if java.lang.foreign's linker can pass it: generated code has static downcall
     * handles and no JIT, so what only the loader's JIT can call (long double, __int128, ...) is skipped.
     */
    private static CallType linkerOnly(CallType ct) {
        if (ct.jit()) {
            throw new Unsupported(ct.cName() + " can be passed only through dwarfbind's JIT, which generated code does not use"
                    + " (call it through the loader)");
        }
        return ct;
    }

    private Result result(int type) {
        CallType ct = linkerOnly(callTypes.of(type));
        return ct.kind() == CallType.Kind.VOID ? Result.VOID : new Result(carrier(ct), ct.layout());
    }

    private static Carrier carrier(CallType ct) {
        return ct.kind() == CallType.Kind.STRUCT ? Carrier.SEGMENT : Carrier.of(ct.layout());
    }

    private VariableModel variable(VariableDecl v, JavaNames members) {
        MemoryLayout layout;
        try {
            layout = layouts.memoryLayout(v.type());
        } catch (IllegalArgumentException e) {
            skipped.add(new Skipped(v.name(), "its memory layout cannot be built: " + e.getMessage()));
            return null;
        }
        Carrier c = layout instanceof ValueLayout ? Carrier.of(layout) : Carrier.SEGMENT;
        boolean readOnly = ts.type(v.type()) instanceof QualifiedType q && q.has(Qualifier.CONST);
        String javaName = members.claim(v.name());
        return new VariableModel(v.name(), javaName, CPrinter.declaration(ts, v), c, layout, readOnly, members.claim(javaName + "$"));
    }

    // ---- callbacks ----

    /** The function type a pointer type points to, or {@code null}. */
    private FunctionType functionPointee(int id) {
        if (ts.type(ts.strip(id)) instanceof PointerType p && ts.type(ts.strip(p.pointee())) instanceof FunctionType f) return f;
        return null;
    }

    private CallbackModel callback(String javaName, String declaration, FunctionType f, String what) {
        if (!Conventions.isPlatform(ts.target(), f.convention())) {
            skipped.add(new Skipped(what, "a function pointer with the " + f.convention() + " calling convention"));
            return null;
        }
        try {
            Result result = result(f.returnType());
            if (result.isGroup()) throw new Unsupported("returns a struct or union by value, which dwarfbind's callbacks do not support yet");
            JavaNames names = JavaNames.members();
            var params = new ArrayList<Param>();
            var invokeParams = new ArrayList<Param>();
            for (int i = 0; i < f.parameters().size(); i++) {
                Parameter p = f.parameters().get(i);
                String n = names.claim(p.name() == null ? "x" + i : p.name());
                CallType ct = linkerOnly(callTypes.of(p.type()));
                if (ct.kind() == CallType.Kind.STRUCT) throw new Unsupported("takes a struct or union by value, which dwarfbind's callbacks do not support yet");
                params.add(new Param(n, carrier(ct), ct.layout(), false));
                CallType passed = linkerOnly(callTypes.parameter(p.type(), f.prototyped()));
                invokeParams.add(new Param(n, carrier(passed), passed.layout(), false));
            }
            if (f.variadic()) throw new Unsupported("is variadic; an upcall cannot take variable arguments");
            return new CallbackModel(javaName, declaration, params, result, invokeParams);
        } catch (Unsupported e) {
            skipped.add(new Skipped(what, e.getMessage()));
            return null;
        }
    }

    // ---- records ----

    private RecordModel record(int id, String javaName, List<RecordModel> out) {
        RecordType r = ts.type(id, RecordType.class);
        var members = new ArrayList<Member>();
        var callbacks = new ArrayList<CallbackModel>();
        var skippedMembers = new ArrayList<Skipped>();
        JavaNames names = JavaNames.members();
        // Names the generated class itself uses.
        for (String n : List.of("LAYOUT", "layout", "sizeof", "allocate", "allocateArray", "reinterpret", "asSlice")) names.reserve(n);
        members(r, 0, javaName, names, members, callbacks, skippedMembers, out);
        String definition = r.tag() != null || typedefNames.containsKey(id) ? CPrinter.definition(ts, id) : CPrinter.typeName(ts, id);
        String cName = r.tag() == null && typedefNames.containsKey(id) ? typedefNames.get(id) : CPrinter.typeName(ts, id);
        return new RecordModel(cName, javaName, definition, layouts.memoryLayout(id), members, callbacks, skippedMembers);
    }

    private void members(RecordType r, long base, String owner, JavaNames names, List<Member> members,
                         List<CallbackModel> callbacks, List<Skipped> skippedMembers, List<RecordModel> out) {
        for (Field f : r.fields()) {
            int t = ts.strip(f.type());
            CType type = ts.type(t);
            long offset = base + f.byteOffset();
            if (f.name() == null) {
                // Members of an anonymous struct or union are the outer record's, as in C.
                if (!f.isBitfield() && type instanceof RecordType inner) {
                    members(inner, offset, owner, names, members, callbacks, skippedMembers, out);
                }
                continue;
            }
            String cType = CPrinter.typeName(ts, f.type());
            if (f.isBitfield()) {
                members.add(bitfield(f, base, names.claim(f.name()), cType));
                continue;
            }
            switch (type) {
                case RecordType inner when inner.complete() -> {
                    String cls = recordClasses.get(t);
                    if (cls == null) {
                        // A member of an anonymous record type: its own class, named after the member.
                        cls = classNames.claim(owner + "$" + f.name());
                        recordClasses.put(t, cls);
                        out.add(record(t, cls, out));
                    }
                    members.add(new Member.Slice(f.name(), names.claim(f.name()), cType, offset, inner.byteSize(), cls));
                }
                case ArrayType a -> {
                    int element = ts.strip(a.element());
                    MemoryLayout el = layouts.memoryLayout(element);
                    Carrier c = el instanceof ValueLayout && !(ts.type(element) instanceof ArrayType) ? Carrier.of(el) : null;
                    members.add(new Member.Array(f.name(), names.claim(f.name()), cType, offset, a.isFlexible() ? 0 : a.count(),
                            el.byteSize(), c, c == null || offset % el.byteAlignment() == 0));
                }
                default -> {
                    MemoryLayout m = layouts.memoryLayout(t);
                    if (m instanceof ValueLayout v) {
                        members.add(new Member.Value(f.name(), names.claim(f.name()), cType, offset, Carrier.of(v),
                                offset % v.byteAlignment() == 0));
                        FunctionType fp = functionPointee(f.type());
                        if (fp != null) {
                            // Named as the member, as jextract does: types and methods do not clash.
                            String n = JavaNames.escape(f.name());
                            CallbackModel cb = callback(n.equals(owner) ? n + "_" : n, cType, fp, owner + "." + f.name());
                            if (cb != null) callbacks.add(cb);
                        }
                    } else if (m.byteSize() > 0) {
                        members.add(new Member.Slice(f.name(), names.claim(f.name()), cType, offset, m.byteSize(), null));
                    } else {
                        skippedMembers.add(new Skipped(f.name(), cType + " has no size here (incomplete type)"));
                    }
                }
            }
        }
    }

    private Member.Bitfield bitfield(Field f, long base, String javaName, String cType) {
        CType storage = ts.type(ts.strip(f.type()));
        boolean signed;
        int size;
        boolean bool = false;
        switch (storage) {
            case ScalarType s -> {
                signed = s.signed() && s.kind() != ScalarKind.BOOL;
                size = s.byteSize();
                bool = s.kind() == ScalarKind.BOOL;
            }
            case EnumType e -> {
                signed = e.signed();
                size = e.byteSize();
            }
            default -> throw new IllegalStateException("bitfield " + f.name() + " of type " + cType);
        }
        Carrier c = bool ? Carrier.of(ValueLayout.JAVA_BOOLEAN) : Carrier.of(size > 4 || f.bitSize() > 32 ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT);
        return new Member.Bitfield(f.name(), javaName, cType, base * 8 + f.bitOffset(), f.bitSize(), signed, c);
    }

    // ---- constants ----

    private List<ConstantModel> constants(List<Integer> reached, JavaNames members) {
        var out = new ArrayList<ConstantModel>();
        var enums = new java.util.HashSet<Integer>();
        for (int id : reached) if (ts.type(ts.strip(id)) instanceof EnumType) enums.add(ts.strip(id));
        for (Constant c : ts.constants().values()) {
            boolean wanted = options.everything() || c.type() != TypeSystem.NO_TYPE && enums.contains(ts.strip(c.type()));
            if (!wanted) continue;
            String origin = c.type() == TypeSystem.NO_TYPE ? null : CPrinter.typeName(ts, c.type());
            if (origin != null && origin.contains("{")) origin = "an anonymous enum";
            ConstantModel m = switch (c.value()) {
                case BigInteger b when b.bitLength() <= 31 -> new ConstantModel(c.name(), null, "int", b.longValue(), origin);
                case BigInteger b when b.bitLength() <= 63 || b.signum() > 0 && b.bitLength() == 64 ->
                        new ConstantModel(c.name(), null, "long", b.longValue(), origin);
                case Double d -> new ConstantModel(c.name(), null, "double", d, origin);
                case String s -> new ConstantModel(c.name(), null, "String", s, origin);
                default -> {
                    skipped.add(new Skipped(c.name(), "constant " + c.value() + " does not fit a long"));
                    yield null;
                }
            };
            if (m != null) out.add(new ConstantModel(m.cName(), members.claim(c.name()), m.javaType(), m.value(), m.origin()));
        }
        return out;
    }

    // ---- C type questions ----

    /** Whether {@code id} is a pointer to const-qualified plain {@code char} ({@code const char *}). */
    private boolean isConstCharPointer(int id) {
        if (!(ts.type(ts.strip(id)) instanceof PointerType p)) return false;
        boolean isConst = false;
        int t = p.pointee();
        for (int hops = 0; hops < 64; hops++) {
            switch (ts.type(t)) {
                case QualifiedType q -> {
                    isConst |= q.has(Qualifier.CONST);
                    t = q.type();
                }
                case TypedefType td -> t = td.target();
                case ScalarType s -> {
                    // Plain char only: unsigned char (zlib's Bytef) is bytes, not text.
                    return isConst && s.kind() == ScalarKind.CHAR && s.byteSize() == 1;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }
}
