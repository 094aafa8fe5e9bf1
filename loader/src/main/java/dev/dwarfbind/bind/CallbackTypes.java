package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.abi.CallType;
import dev.dwarfbind.bind.internal.abi.FunctionPointerSpelling;
import dev.dwarfbind.bind.internal.abi.VariadicTypes;
import dev.dwarfbind.bind.internal.upcall.Callbacks;
import dev.dwarfbind.bind.internal.value.FieldPath;
import dev.dwarfbind.bind.internal.value.ValueContext;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.TypeSystem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.OptionalInt;

/**
 * Resolves the C type a user names for a long-lived callback ({@link Library#callback}): a
 * typedef, a struct member holding a function pointer, or a C spelling of the type.
 */
final class CallbackTypes {
    private CallbackTypes() {
    }

    static MemorySegment stub(Library lib, String cType, Object target, Arena arena) {
        ValueContext cx = lib.values();
        TypeSystem ts = cx.types();
        String what = "callback of type " + cType;
        if (FunctionPointerSpelling.looksLike(cType)) {
            FunctionPointerSpelling s = FunctionPointerSpelling.parse(cType);
            var variadic = new VariadicTypes(ts, cx.callTypes());
            CallType ret = s.ret().equals("void") ? new CallType(-1, "void", CallType.Kind.VOID, null, void.class, 0, 0, -1)
                    : variadic.spelled(s.ret(), what);
            var params = new ArrayList<CallType>();
            for (String p : s.params()) params.add(variadic.spelled(p, what));
            return ((Callbacks) cx.stubs()).stub(ret, params, target, arena, what, cType);
        }
        int type = typeOf(lib, cType);
        int t = ts.strip(type);
        if (ts.type(t) instanceof PointerType p) t = ts.strip(p.pointee());
        if (!(ts.type(t) instanceof FunctionType)) {
            throw new ArgumentException(cType + " is " + cx.cName(type) + ", not a function pointer type");
        }
        return cx.stubs().stub(t, target, arena, what);
    }

    /** The type a name or member path names: {@code "compare_fn"}, {@code "struct s.member"}, {@code "gsl_function.function"}. */
    private static int typeOf(Library lib, String cType) {
        ValueContext cx = lib.values();
        TypeSystem ts = cx.types();
        OptionalInt whole = lib.loaded().typed(() -> ts.typeNamed(cType.strip()));
        if (whole.isPresent()) return whole.getAsInt();
        int dot = cType.indexOf('.');
        if (dot > 0) {
            String record = cType.substring(0, dot).strip();
            OptionalInt r = lib.loaded().typed(() -> ts.typeNamed(record));
            if (r.isPresent()) return FieldPath.resolve(ts, ts.strip(r.getAsInt()), cType.substring(dot + 1), record).typeId();
        }
        throw new ArgumentException(lib.path() + ": no type named " + cType + " (name a typedef, a struct member such as"
                + " \"struct s.callback\", or spell the type: \"int (*)(const void *, const void *)\")");
    }
}
