package dev.dwarfbind.headers;

import dev.dwarfbind.clang.Cursor;
import dev.dwarfbind.clang.Diagnostic;
import dev.dwarfbind.clang.Evaluation;
import dev.dwarfbind.clang.SourceLocation;
import dev.dwarfbind.clang.TranslationUnit;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns object-like macros into constants by letting Clang evaluate them. The headers are parsed
 * again with one variable per macro appended, {@code static __auto_type __dwarfbind_macro_N = NAME;}
 * (unparenthesised: libclang evaluates a string literal only when nothing but implicit casts wraps it),
 * and {@code clang_Cursor_Evaluate} evaluates each initializer.
 *
 * <p>Why Clang and not our own reading of the macro's tokens: a macro's value is whatever C makes
 * of its expansion — other macros, casts, enumerators, {@code sizeof}, integer promotions and
 * unsigned arithmetic ({@code SQLITE_IOERR_READ} is {@code (SQLITE_IOERR | (1<<8))}) — and only a
 * C front end gets all of that right. {@code __auto_type} gives each constant the type C gives the
 * expression. What is not a constant (an empty macro, a type name, a call) fails to compile or to
 * evaluate, and Clang's diagnostic on that line becomes the reason it is skipped. The price is a
 * second parse of the headers.
 */
final class MacroEvaluator {
    private static final String PREFIX = "__dwarfbind_macro_";

    private MacroEvaluator() {
    }

    static void evaluate(Headers headers, List<String> args, String main, Map<String, SourceLocation> macros,
                         TypeSystemBuilder b, List<SkippedMacro> skipped) {
        String base = headers.source();
        int baseLines = (int) base.chars().filter(ch -> ch == '\n').count();
        StringBuilder src = new StringBuilder(base);
        List<String> names = new ArrayList<>(macros.keySet());
        for (int i = 0; i < names.size(); i++) {
            src.append("static __auto_type ").append(PREFIX).append(i).append(" = ").append(names.get(i)).append(";\n");
        }
        Map<Integer, String> reasons = new HashMap<>();
        Map<Integer, Constant> values = new HashMap<>();
        try (TranslationUnit tu = TranslationUnit.parse(main, args, Map.of(main, src.toString()), TranslationUnit.SKIP_FUNCTION_BODIES)) {
            for (Diagnostic d : tu.diagnostics()) {
                if (!d.severity().isError() || !d.location().file().equals(main)) continue;
                int i = d.location().line() - baseLines - 1;
                if (i >= 0 && i < names.size()) reasons.putIfAbsent(i, "not a constant expression (" + d.message() + ")");
            }
            ClangTypeConverter converter = new ClangTypeConverter(b);
            for (Cursor c : tu.cursor().children()) {
                if (c.kind() != Cursor.VAR_DECL) continue;
                String n = c.spelling();
                if (!n.startsWith(PREFIX)) continue;
                int i = Integer.parseInt(n.substring(PREFIX.length()));
                if (reasons.containsKey(i)) continue;
                var value = c.evaluate();
                if (value.isEmpty()) continue;
                Object v = switch (value.get()) {
                    case Evaluation.Integer in -> in.bigValue();
                    case Evaluation.Floating f -> f.value();
                    case Evaluation.Str s -> s.value();
                };
                int type;
                try {
                    type = converter.convert(c.type());
                } catch (UnsupportedClangTypeException e) {
                    type = TypeSystem.NO_TYPE;
                }
                values.put(i, new Constant(names.get(i), v, type));
            }
        }
        for (int i = 0; i < names.size(); i++) {
            Constant c = values.get(i);
            if (c != null) {
                b.addConstant(c);
            } else {
                String reason = reasons.getOrDefault(i, "not an integer, floating or string constant");
                skipped.add(new SkippedMacro(names.get(i), macros.get(names.get(i)), reason));
            }
        }
    }
}
