package dev.dwarfbind.cli;

import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.MacroScope;
import dev.dwarfbind.types.OmittedMacro;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.debuginfo.NameSuggestions;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VoidType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dwarfbind inspect LIB}: prints a library's exported functions, variables and types as C
 * declarations (or as JSON), read from its debug info.
 */
final class InspectCommand implements CliCommand {
    private Path library;
    private DebugSourceOptions debugSource;
    private boolean json;
    private List<String> functions;
    private List<String> types;
    private HeaderOptions headerOptions;
    private List<String> constants;
    private boolean allMacros;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command("inspect",
                "Print a library's exported functions, variables and types as C declarations,",
                "read from its debug info (no header needed).");
        Specs.parameter(spec, 0, "LIB", "the shared library (.so)");
        DebugSourceOptions.addTo(spec);
        Specs.flag(spec, "--json", "print the type system as JSON (schema: docs/json-schema.md)");
        Specs.repeatable(spec, "--function", "NAME", "only this exported function (repeatable)");
        Specs.repeatable(spec, "--type", "NAME",
                "print this type's definition: 'struct tag', 'union tag', 'enum tag' or a typedef name (repeatable)");
        HeaderOptions.addTo(spec);
        Specs.repeatable(spec, "--constant", "NAME",
                "print this constant (an enumerator of any enum, or a recorded macro) and its value (repeatable)");
        Specs.flag(spec, "--all-macros",
                "every macro as a constant (a library built with gcc -g3 or clang -fdebug-macro), also those of system"
                        + " headers and the compiler's predefined ones; by default only the library's own");
        return spec;
    }

    private void read(ParseResult parsed) {
        library = Specs.path(Specs.parameter(parsed, 0));
        debugSource = new DebugSourceOptions(parsed);
        json = Specs.flag(parsed, "--json");
        functions = Specs.repeatable(parsed, "--function");
        types = Specs.repeatable(parsed, "--type");
        headerOptions = new HeaderOptions(parsed);
        constants = Specs.repeatable(parsed, "--constant");
        allMacros = Specs.flag(parsed, "--all-macros");
    }

    /**
     * A struct's, union's, enum's or typedef's definition; a base type or {@code void} has none,
     * so what is known of it is printed as a comment.
     */
    private static String definition(TypeSystem ts, String name, int id) {
        return switch (ts.type(id)) {
            case RecordType r -> CPrinter.definition(ts, id);
            case EnumType e -> CPrinter.definition(ts, id);
            case TypedefType td -> CPrinter.definition(ts, id);
            case VoidType v -> "/* void: the type of no value, built into C */";
            default -> "/* " + name + ": built into C, " + ts.sizeOf(id) + " bytes, aligned to " + ts.alignOf(id) + " */";
        };
    }

    @Override
    public int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws Exception {
        read(parsed);
        // With --header the types come from Clang (merged into the debug info's where there is one).
        TypeSystem fromHeaders = headerOptions.given()
                ? dev.dwarfbind.bind.internal.clang.HeaderTyping.library(library, headerOptions.headers()) : null;
        DebugInfo info = fromHeaders == null
                ? debugSource.open(library, err).withMacros(allMacros ? MacroScope.ALL : MacroScope.LIBRARY)
                : null;
        if (!constants.isEmpty()) {
            // Each looked up on its own: typing a constant reads one enum, not the library.
            TypeSystem lazy = fromHeaders != null ? fromHeaders : info.lazyTypeSystem();
            for (String name : constants) {
                Constant c = lazy.constant(name).orElseThrow(() -> new UserError(library + ": no constant " + name
                        + lazy.omittedMacro(name).map(m -> ": the macro '" + m.definition() + "' is not a constant (" + m.reason() + ")")
                        .orElse(" (enumerators of the library's enums and recorded macros are constants)")));
                String type = c.type() == TypeSystem.NO_TYPE ? "" : "  /* " + CPrinter.typeName(lazy, c.type()) + " */";
                String value = c.value() instanceof String text ? "\"" + text + "\"" : String.valueOf(c.value());
                out.println(c.name() + " = " + value + type);
            }
            out.flush();
            if (types.isEmpty() && functions.isEmpty() && !json) return 0;
        }
        TypeSystem ts;
        if (fromHeaders != null) {
            ts = fromHeaders;
            for (String f : functions) {
                if (ts.function(f).isEmpty() && ts.variable(f).isEmpty()) {
                    String untyped = ts.untypedSymbol(f).map(u -> ": exported but untyped (" + u.reason() + ")").orElse(null);
                    throw new UserError(library + ": no exported function or variable " + f
                            + (untyped != null ? untyped : NameSuggestions.didYouMean(f, ts.functions().keySet())));
                }
            }
            if (!functions.isEmpty() && types.isEmpty() && !json) {
                for (String f : functions) {
                    out.println(ts.function(f).map(d -> CPrinter.declaration(ts, d))
                            .orElseGet(() -> CPrinter.declaration(ts, ts.variable(f).orElseThrow())));
                }
                out.flush();
                return 0;
            }
        } else if (!functions.isEmpty() && types.isEmpty()) {
            ts = info.typeSystem(functions);
            for (String f : functions) {
                if (ts.function(f).isEmpty() && ts.variable(f).isEmpty()) {
                    TypeSystem all = info.typeSystem();
                    var names = new ArrayList<String>(all.functions().keySet());
                    names.addAll(all.variables().keySet());
                    String untyped = all.untyped().stream().filter(u -> u.name().equals(f))
                            .map(u -> ": exported but untyped (" + u.reason() + ")").findFirst().orElse(null);
                    throw new UserError(library + ": no exported function or variable " + f
                            + (untyped != null ? untyped : NameSuggestions.didYouMean(f, names)));
                }
            }
        } else {
            ts = info.typeSystem();
        }
        if (json) {
            TypeSystemJson.write(ts, out);
            out.println();
            out.flush();
            return 0;
        }
        if (!types.isEmpty()) {
            for (String name : types) {
                var id = ts.typeNamed(name);
                if (id.isEmpty()) {
                    throw new UserError(library + ": no type named " + name
                            + NameSuggestions.didYouMean(name, ts.namedTypes().keySet()));
                }
                out.println(definition(ts, name, id.getAsInt()));
            }
            for (String f : functions) {
                FunctionDecl d = ts.function(f).orElseThrow(() -> new UserError(library + ": no exported function " + f));
                out.println(CPrinter.declaration(ts, d));
            }
            out.flush();
            return 0;
        }
        out.println("/* " + library + ": " + ts.functions().size() + " functions, " + ts.variables().size()
                + " variables with types" + (info == null ? "; from " + String.join(", ", headerOptions.names())
                : info.buildId().map(b -> "; build-id " + b).orElse("")) + " */");
        CPrinter.print(ts, out);
        if (!ts.untyped().isEmpty() && functions.isEmpty()) {
            out.println();
            out.println("/* Exported without a type (cannot be bound): */");
            for (UntypedSymbol u : ts.untyped()) {
                out.println("/*   " + u.name() + " (" + u.kind().name().toLowerCase() + "): " + u.reason() + " */");
            }
        }
        if (!ts.omittedMacros().isEmpty() && functions.isEmpty()) {
            out.println();
            out.println("/* Macros that are not constants: */");
            for (OmittedMacro m : ts.omittedMacros().values()) {
                out.println("/*   " + m.name() + ": " + m.reason() + " */");
            }
        }
        out.flush();
        return 0;
    }
}
