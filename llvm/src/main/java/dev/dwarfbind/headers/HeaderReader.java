package dev.dwarfbind.headers;

import dev.dwarfbind.clang.ClangException;
import dev.dwarfbind.clang.ClangType;
import dev.dwarfbind.clang.Cursor;
import dev.dwarfbind.clang.Diagnostic;
import dev.dwarfbind.clang.SourceLocation;
import dev.dwarfbind.clang.TranslationUnit;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.UntypedSymbol;
import dev.dwarfbind.types.VariableDecl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads C headers with libclang into the type system the DWARF reader fills: functions (with
 * parameter names, variadic, unprototyped, {@code noreturn}, calling convention), global variables,
 * records laid out by Clang for the target, enums, typedefs, and macros that evaluate to constants.
 *
 * <p>With a library's exports, each exported function and variable is typed by the declaration of
 * its name anywhere in the translation unit; exports no header declares are listed as untyped, and
 * declarations the library does not export are left out. Without exports (C declared for symbols
 * looked up later), the declarations of the named headers and the given code are kept. Either way
 * every type and macro the named headers themselves define is kept, filtered by
 * {@link Headers#nameFilters()}.
 *
 * <p>Thread-safe: each call parses on its own (parses are serialised, in the child process as in this one).
 */
public final class HeaderReader {
    /** The name of the file Clang is given: the includes and code, never written to disk. */
    static final String MAIN_FILE = "dwarfbind-headers.c";

    private HeaderReader() {
    }

    /**
     * The types of {@code headers} for a library built for {@code target} with {@code exports}
     * ({@code null}: no library; every function and variable the headers declare is kept).
     *
     * <p>Clang runs where {@link Headers#isolation()} says: by default in a child process, so that a
     * crash inside it is an exception here rather than the end of this JVM.
     *
     * @throws ClangException if Clang reports errors (each with file:line:column)
     * @throws dev.dwarfbind.clang.ClangCrashException if Clang crashed (in a child process: this JVM runs on)
     * @throws dev.dwarfbind.clang.ClangTimeoutException if Clang, in a child process, did not finish
     *                                  within {@link Headers#timeout()} (the process is killed)
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if there is no libclang
     */
    public static HeaderTypes read(Headers headers, Target target, List<Export> exports) {
        if (headers.isolation() == Isolation.CHILD_PROCESS) {
            return dev.dwarfbind.headers.isolation.ClangProcess.read(headers, target, exports, describe(headers));
        }
        return readHere(headers, target, exports);
    }

    /** {@link #read} with libclang in this process. */
    private static HeaderTypes readHere(Headers headers, Target target, List<Export> exports) {
        Target t = target != null ? target : headers.target() != null ? TargetTriples.target(headers.target()) : TargetTriples.host();
        String triple = headers.target() != null ? headers.target() : TargetTriples.triple(t);
        List<String> args = arguments(headers, triple);
        String main = Path.of("").toAbsolutePath().resolve(MAIN_FILE).toString();
        TypeSystemBuilder b = new TypeSystemBuilder(t);
        ClangTypeConverter converter = new ClangTypeConverter(b);
        List<SkippedMacro> skipped = new ArrayList<>();
        List<Diagnostic> warnings;
        List<String> unsupportedTypes = new ArrayList<>();
        Map<String, SourceLocation> macros = new LinkedHashMap<>();
        try (TranslationUnit tu = TranslationUnit.parse(main, args, Map.of(main, headers.source()),
                TranslationUnit.DETAILED_PREPROCESSING_RECORD | TranslationUnit.SKIP_FUNCTION_BODIES)) {
            if (!tu.errors().isEmpty()) {
                throw new ClangException("Clang cannot parse " + describe(headers) + " (" + String.join(" ", args) + "):", tu.diagnostics());
            }
            warnings = tu.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
            Map<String, Export> byName = new LinkedHashMap<>();
            if (exports != null) for (Export e : exports) byName.put(e.name(), e);
            Map<String, Cursor> functions = new LinkedHashMap<>();
            Map<String, Cursor> variables = new LinkedHashMap<>();
            for (Cursor c : tu.cursor().children()) {
                int kind = c.kind();
                if (kind != Cursor.FUNCTION_DECL && kind != Cursor.VAR_DECL && kind != Cursor.STRUCT_DECL
                        && kind != Cursor.UNION_DECL && kind != Cursor.ENUM_DECL && kind != Cursor.TYPEDEF_DECL
                        && kind != Cursor.MACRO_DEFINITION) {
                    continue;
                }
                SourceLocation loc = c.location();
                boolean own = loc.file().equals(main) || headers.owns(loc.file());
                String name = c.spelling();
                switch (kind) {
                    case Cursor.FUNCTION_DECL, Cursor.VAR_DECL -> {
                        if (c.storageClass() == Cursor.STORAGE_STATIC || !headers.keeps(name)) continue;
                        // Matched by the symbol the target makes of the name (regcall and
                        // i386 stdcall decorate it), else by the name itself.
                        String symbol = exports == null ? name : symbol(c, name, byName);
                        Export e = byName.get(symbol);
                        boolean wanted = exports == null ? own : e != null && e.function() == (kind == Cursor.FUNCTION_DECL);
                        if (wanted) (kind == Cursor.FUNCTION_DECL ? functions : variables).putIfAbsent(symbol, c);
                    }
                    case Cursor.MACRO_DEFINITION -> {
                        if (!own || c.isMacroBuiltin() || !headers.keeps(name)) continue;
                        if (c.isMacroFunctionLike()) skipped.add(new SkippedMacro(name, loc, "a function-like macro"));
                        else macros.put(name, loc);
                    }
                    default -> {
                        // Types: a tag or typedef of the library's own headers, kept even when no
                        // export reaches it (callers allocate its structs, read its enums).
                        if (own && headers.keeps(name)) {
                            try {
                                converter.convert(c.type());
                            } catch (UnsupportedClangTypeException e) {
                                unsupportedTypes.add(name + ": " + e.getMessage());
                            }
                        }
                    }
                }
            }
            Map<String, String> untypable = new LinkedHashMap<>();
            for (var f : functions.entrySet()) {
                Cursor c = f.getValue();
                ClangType type = c.type();
                Export e = byName.get(f.getKey());
                try {
                    int id = converter.function(type, c);
                    String cName = c.spelling();
                    b.addFunction(new FunctionDecl(f.getKey(), id, noreturn(c, type), e == null ? 0 : e.address(),
                            e != null && e.weak(), e == null ? null : e.version(), cName.equals(f.getKey()) ? null : cName));
                } catch (UnsupportedClangTypeException x) {
                    untypable.put(f.getKey(), x.getMessage());
                }
            }
            for (var v : variables.entrySet()) {
                Export e = byName.get(v.getKey());
                try {
                    b.addVariable(new VariableDecl(v.getKey(), converter.convert(v.getValue().type()), e == null ? 0 : e.address(),
                            e == null ? null : e.version()));
                } catch (UnsupportedClangTypeException x) {
                    untypable.put(v.getKey(), x.getMessage());
                }
            }
            for (var u : untypable.entrySet()) {
                Export e = byName.get(u.getKey());
                b.addUntyped(new UntypedSymbol(u.getKey(), functions.containsKey(u.getKey()) ? UntypedSymbol.Kind.FUNCTION
                        : UntypedSymbol.Kind.VARIABLE, e == null ? 0 : e.address(), e == null ? 0 : e.size(), u.getValue()));
            }
            if (exports != null) {
                for (Export e : exports) {
                    if (functions.containsKey(e.name()) || variables.containsKey(e.name())) continue;
                    b.addUntyped(new UntypedSymbol(e.name(), e.function() ? UntypedSymbol.Kind.FUNCTION : UntypedSymbol.Kind.VARIABLE,
                            e.address(), e.size(), "not declared in " + describe(headers)));
                }
            }
        }
        if (!macros.isEmpty()) MacroEvaluator.evaluate(headers, args, main, macros, b, skipped);
        return new HeaderTypes(b.build(), skipped, warnings, unsupportedTypes);
    }

    /**
     * The export a declaration names: the symbol libclang's mangler gives it, the C name, or for
     * a regcall function clang's {@code __regcall3__} prefix (which libclang's mangler omits for C).
     */
    private static String symbol(Cursor c, String name, Map<String, Export> exports) {
        String mangled = c.mangling();
        if (exports.containsKey(mangled)) return mangled;
        if (c.kind() == Cursor.FUNCTION_DECL && !exports.containsKey(name) && c.type().callingConvention() == 8
                && exports.containsKey("__regcall3__" + name)) {
            return "__regcall3__" + name;
        }
        return name;
    }

    private static boolean noreturn(Cursor c, ClangType type) {
        // libclang exposes neither C11 _Noreturn nor the noreturn attribute directly: Clang's
        // printer writes the first on the declaration, the second on the function type.
        return type.spelling().contains("__attribute__((noreturn))") || c.prettyPrinted().startsWith("_Noreturn")
                || c.prettyPrinted().contains("__attribute__((noreturn))");
    }

    static List<String> arguments(Headers h, String triple) {
        List<String> args = new ArrayList<>();
        args.add("-xc");
        args.add("--target=" + triple);
        args.add("-ferror-limit=0");
        for (Path d : h.includeDirs()) args.add("-I" + d);
        h.defines().forEach((k, v) -> args.add("-D" + k + (v == null ? "" : "=" + v)));
        args.addAll(h.clangArguments());
        return args;
    }

    static String describe(Headers h) {
        List<String> parts = new ArrayList<>(h.headers());
        if (!h.code().isBlank()) parts.add("the C code given");
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }
}
