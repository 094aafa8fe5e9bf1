package dev.dwarfbind.macro;

import dev.dwarfbind.types.DataModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Evaluates object-like macros as C constant expressions, the way a C compiler would see
 * {@code NAME} used in code after the last definition: the body is expanded (other object-like
 * macros replaced by their bodies, each at most once on a path, as the preprocessor does) and
 * then evaluated with C's integer and floating rules under the target's data model.
 *
 * <p>Accepted: integer literals (decimal, octal, hexadecimal, binary, with suffixes
 * {@code U}, {@code L}, {@code LL} in any combination), floating literals (decimal and
 * hexadecimal, suffixes {@code F} and — read as double — {@code L}), character constants, narrow
 * string literals (adjacent ones concatenated), parentheses, unary {@code + - ~ !}, casts to
 * arithmetic types and to the fixed-width typedefs of {@code <stdint.h>}, binary arithmetic,
 * shifts, comparisons, bitwise and logical operators, and {@code ?:}. Anything else (a
 * function-like macro, {@code sizeof}, a variable, a pointer cast, overflow of a signed type, a
 * division by zero) leaves the macro out with the reason.
 *
 * <p>Thread-safe if the lookup function is.
 */
public final class MacroEvaluator {
    /** At most this many tokens after expansion: a body that expands further is left out. */
    private static final int MAX_TOKENS = 100_000;
    /** At most this many macros expanded inside one another. */
    private static final int MAX_DEPTH = 256;

    private final Function<String, MacroDefinition> definitions;
    private final Map<String, ArithmeticType> types;

    /**
     * An evaluator of the macros {@code definitions} gives by name ({@code null} when a name is
     * not a macro), for a target of data model {@code model} whose plain {@code char} is signed
     * or not.
     */
    public MacroEvaluator(Function<String, MacroDefinition> definitions, DataModel model, boolean charSigned) {
        this.definitions = definitions;
        this.types = ArithmeticType.all(model, charSigned);
    }

    /** The value of macro {@code m} used on its own. */
    public MacroValue evaluate(MacroDefinition m) {
        if (m.functionLike()) return new MacroValue.LeftOut("function-like macro");
        if (m.body().isEmpty()) return new MacroValue.LeftOut("empty body");
        try {
            var active = new HashSet<String>();
            active.add(m.name());
            var tokens = new ArrayList<Token>();
            expand(Lexer.tokens(m.body()), active, tokens);
            Value v = new ExpressionParser(tokens, types).parse();
            if (v.isString()) return new MacroValue.Evaluated(v.string(), null);
            if (v.isFloating()) {
                if (!Double.isFinite(v.real())) return new MacroValue.LeftOut("its value " + v.real() + " is not finite");
                return new MacroValue.Evaluated(v.real(), v.type());
            }
            return new MacroValue.Evaluated(v.integer(), v.type());
        } catch (NotConstantException e) {
            return new MacroValue.LeftOut(e.getMessage());
        }
    }

    /** Appends {@code in} to {@code out} with every object-like macro not in {@code active} replaced. */
    private void expand(List<Token> in, Set<String> active, List<Token> out) throws NotConstantException {
        for (int i = 0; i < in.size(); i++) {
            Token t = in.get(i);
            MacroDefinition d = t.kind() == Token.Kind.IDENTIFIER && !active.contains(t.text()) ? definitions.apply(t.text()) : null;
            if (d == null) {
                if (t.is("#") || t.is("##")) throw new NotConstantException("uses the preprocessor operator " + t.text());
                out.add(t);
            } else if (d.functionLike()) {
                if (i + 1 < in.size() && in.get(i + 1).is("(")) throw new NotConstantException("uses the function-like macro " + d.name());
                out.add(t);
            } else {
                if (active.size() > MAX_DEPTH) throw new NotConstantException("expands more than " + MAX_DEPTH + " macros inside one another");
                active.add(d.name());
                expand(Lexer.tokens(d.body()), active, out);
                active.remove(d.name());
            }
            if (out.size() > MAX_TOKENS) throw new NotConstantException("expands to more than " + MAX_TOKENS + " tokens");
        }
    }
}
