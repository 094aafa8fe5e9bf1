package dev.dwarfbind.cli;

import dev.dwarfbind.bind.CStruct;
import dev.dwarfbind.bind.CallOption;
import dev.dwarfbind.bind.Errno;
import dev.dwarfbind.bind.Library;
import dev.dwarfbind.bind.NativeFunction;
import dev.dwarfbind.bind.VarArg;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.Parameter;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code dwarfbind call LIB FUNCTION ARGS...}: calls an exported function with arguments given as
 * text, converted by the C parameter types from the debug info, and prints the result.
 */
final class CallCommand implements CliCommand {
    private Path library;
    private String function;
    private List<String> args;
    private DebugSourceOptions debugSource;
    private boolean errno;
    private HeaderOptions headerOptions;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command("call",
                "Call an exported function; ARGS are converted by the C parameter types:",
                "integers (decimal, 0x hex), floating point, strings for char pointers, NULL (or null) for pointers,",
                "enum constants by name, structs as {field=value,...}, _Bool as true, false, 1 or 0.",
                "Extra arguments of a variadic function: integers become int (long, or unsigned long,",
                "if they need it), numbers with a point or exponent double, anything else a string.");
        Specs.parameter(spec, 0, "LIB", "the shared library (.so)");
        Specs.parameter(spec, 1, "FUNCTION", "the exported function");
        Specs.parameters(spec, 2, "ARGS", "the arguments");
        DebugSourceOptions.addTo(spec);
        Specs.flag(spec, "--errno", "also print errno as the function left it");
        HeaderOptions.addTo(spec);
        return spec;
    }

    @Override
    public int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws Exception {
        library = Specs.path(Specs.parameter(parsed, 0));
        function = Specs.parameter(parsed, 1);
        args = Specs.parameters(parsed, 2);
        debugSource = new DebugSourceOptions(parsed);
        errno = Specs.flag(parsed, "--errno");
        headerOptions = new HeaderOptions(parsed);
        try (Library lib = headerOptions.given() ? Library.open(library, headerOptions.headers())
                : Library.open(debugSource.open(library, err));
             Arena arena = Arena.ofConfined()) {
            NativeFunction f = errno ? lib.function(function, CallOption.ERRNO) : lib.function(function);
            TypeSystem ts = lib.types();
            FunctionType type = ts.signature(f.declaration());
            List<Parameter> params = type.parameters();
            if (type.variadic() ? args.size() < params.size() : args.size() != params.size()) {
                throw new UserError(function + " takes " + (type.variadic() ? "at least " : "") + params.size()
                        + " arguments, got " + args.size() + ": " + f.signature());
            }
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                String text = args.get(i);
                values[i] = i < params.size() ? parse(lib, params.get(i).type(), text, arena, i + 1) : variadic(text, i + 1);
            }
            Object result = f.invoke(values);
            out.println(render(lib, type.returnType(), result));
            if (errno) out.println("errno = " + Errno.last());
            out.flush();
            return 0;
        }
    }

    /** An integer as C writes it: decimal or {@code 0x} hex, with an optional sign. */
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)");
    /** A floating-point number with a point or an exponent. */
    private static final Pattern FLOATING = Pattern.compile("[+-]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+(?=[eE]))([eE][+-]?[0-9]+)?");
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * A variadic argument: an integer becomes int, long or unsigned long, whichever holds it
     * first (one none holds is an error, not a string); a number with a point or exponent a
     * double; anything else a string.
     */
    private static Object variadic(String text, int position) {
        if (INTEGER.matcher(text).matches()) {
            BigInteger v = integer(text);
            if (v.bitLength() < 32) return v.intValue();
            if (v.bitLength() < 64) return VarArg.of("long", v.longValue());
            if (v.signum() > 0 && v.compareTo(TWO_TO_64) < 0) return VarArg.of("unsigned long", v);
            throw new UserError("argument " + position + ": " + text + " does not fit a 64-bit integer");
        }
        if (FLOATING.matcher(text).matches()) return Double.parseDouble(text);
        return text;
    }

    /** The value of text matching {@link #INTEGER}. */
    private static BigInteger integer(String text) {
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        boolean hex = digits.startsWith("0x") || digits.startsWith("0X");
        BigInteger v = new BigInteger(hex ? digits.substring(2) : digits, hex ? 16 : 10);
        return negative ? v.negate() : v;
    }

    /** {@code _Bool} takes exactly true, false, 1 or 0: anything else is a mistake, not false. */
    private static boolean bool(String text, String what) {
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new UserError(what + ": \"" + text + "\" is not a _Bool (write true, false, 1 or 0)");
        };
    }

    private static Object parse(Library lib, int typeId, String text, Arena arena, int position) {
        TypeSystem ts = lib.types();
        int t = ts.strip(typeId);
        String what = "argument " + position;
        try {
            return switch (ts.type(t)) {
                // long double: the decimal as written (rounded once, to long double, not first to double).
                case ScalarType s when s.kind() == ScalarKind.FLOAT && s.byteSize() > 8 -> {
                    try {
                        yield new java.math.BigDecimal(text);
                    } catch (NumberFormatException notDecimal) {
                        yield Double.parseDouble(text);   // inf, nan, hexadecimal
                    }
                }
                case ScalarType s when s.kind() == ScalarKind.FLOAT || s.kind() == ScalarKind.COMPLEX -> Double.parseDouble(text);
                case ScalarType s when s.kind() == ScalarKind.BOOL -> bool(text, what);
                case ScalarType s -> {
                    if (!INTEGER.matcher(text).matches()) throw new NumberFormatException(text);
                    yield integer(text);
                }
                case EnumType e -> {
                    if (text.isEmpty()) throw new UserError(what + ": give an enum constant's name or a number, not an empty string");
                    yield INTEGER.matcher(text).matches() ? integer(text) : text;
                }
                case PointerType p -> text.equals("NULL") || text.equals("null") ? null : pointer(lib, p, text, arena, what);
                case RecordType r -> struct(lib, t, text, arena, what);
                default -> throw new UserError(what + ": cannot give a " + lib.types().type(t).getClass().getSimpleName()
                        + " on the command line");
            };
        } catch (NumberFormatException e) {
            throw new UserError(what + ": \"" + text + "\" is not a number");
        }
    }

    private static Object pointer(Library lib, PointerType p, String text, Arena arena, String what) {
        TypeSystem ts = lib.types();
        if (ts.type(ts.strip(p.pointee())) instanceof ScalarType s
                && (s.kind() == ScalarKind.CHAR || s.kind() == ScalarKind.SIGNED_CHAR || s.kind() == ScalarKind.UNSIGNED_CHAR)) {
            return text;
        }
        if (ts.type(ts.strip(p.pointee())) instanceof RecordType r && text.startsWith("{")) {
            return struct(lib, ts.strip(p.pointee()), text, arena, what);
        }
        throw new UserError(what + ": a pointer argument takes NULL (or null), a string (for char pointers) or {field=value} (for struct pointers)");
    }

    private static CStruct struct(Library lib, int recordId, String text, Arena arena, String what) {
        TypeSystem ts = lib.types();
        RecordType r = ts.type(recordId, RecordType.class);
        String name = r.tag() != null ? r.kind().keyword() + " " + r.tag() : null;
        if (name == null) {
            name = ts.namedTypes().entrySet().stream().filter(e -> ts.strip(e.getValue()) == recordId).map(e -> e.getKey())
                    .findFirst().orElseThrow(() -> new UserError(what + ": anonymous struct without a typedef"));
        }
        String body = text.strip();
        if (!body.startsWith("{") || !body.endsWith("}")) throw new UserError(what + ": write a struct as {field=value,...}");
        CStruct s = lib.allocate(name, arena);
        body = body.substring(1, body.length() - 1).strip();
        if (body.isEmpty()) return s;
        for (String part : body.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) throw new UserError(what + ": \"" + part + "\" is not field=value");
            String field = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            Object v;
            try {
                v = value.contains(".") || value.contains("e") ? (Object) Double.parseDouble(value) : (Object) Long.decode(value);
            } catch (NumberFormatException e) {
                throw new UserError(what + ": " + field + " = \"" + value + "\" is not a number");
            }
            s.set(field, v);
        }
        return s;
    }

    private static String render(Library lib, int typeId, Object result) {
        TypeSystem ts = lib.types();
        int t = ts.strip(typeId);
        if (result instanceof MemorySegment m && ts.type(t) instanceof PointerType p
                && ts.type(ts.strip(p.pointee())) instanceof ScalarType s && s.kind() == ScalarKind.CHAR) {
            return m.equals(MemorySegment.NULL) ? "NULL" : "\"" + NativeFunction.string(m) + "\"";
        }
        if (result instanceof MemorySegment m) return m.equals(MemorySegment.NULL) ? "NULL" : "0x" + Long.toHexString(m.address());
        if (result == null) return "(void)";
        return String.valueOf(result);
    }
}
