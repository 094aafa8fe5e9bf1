package dev.dwarfbind.macro;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and evaluates one expanded macro body as a C constant expression (C11 6.6), by
 * recursive descent over the precedence levels. Each method takes {@code live}: whether the
 * operand is evaluated at all (the untaken side of {@code &&}, {@code ||} and {@code ?:} is
 * not, so a division by zero there is no error, as in C).
 */
final class ExpressionParser {
    /** Binary operators by precedence level, loosest first. */
    private static final List<Set<String>> LEVELS = List.of(Set.of("||"), Set.of("&&"), Set.of("|"), Set.of("^"), Set.of("&"),
            Set.of("==", "!="), Set.of("<", ">", "<=", ">="), Set.of("<<", ">>"), Set.of("+", "-"), Set.of("*", "/", "%"));
    /** Words that may spell an arithmetic type in a cast, with the qualifiers a cast may add. */
    private static final Set<String> TYPE_WORDS = Set.of("signed", "unsigned", "char", "short", "int", "long", "float", "double",
            "_Bool", "void", "const", "volatile");
    /** C keywords (and GNU spellings) that cannot appear in a constant expression's value. */
    private static final Set<String> KEYWORDS = Set.of("struct", "union", "enum", "typedef", "extern", "static", "inline", "register",
            "auto", "restrict", "do", "while", "if", "else", "for", "switch", "case", "default", "break", "continue", "return", "goto",
            "_Noreturn", "_Thread_local", "_Atomic", "__attribute__", "__extension__", "__inline", "__inline__", "__restrict", "asm",
            "__asm__", "__typeof__", "typeof", "__declspec", "__thread");

    private final List<Token> tokens;
    private final Map<String, ArithmeticType> types;
    private final ArithmeticType intType;
    private int pos;
    /** How many casts, unary operators and parentheses enclose the current operand. */
    private int depth;
    /** At most this deep: the parser recurses, and a hostile body must not exhaust the stack. */
    private static final int MAX_DEPTH = 100;

    ExpressionParser(List<Token> tokens, Map<String, ArithmeticType> types) {
        this.tokens = tokens;
        this.types = types;
        this.intType = types.get("int");
    }

    Value parse() throws NotConstantException {
        if (tokens.isEmpty()) throw new NotConstantException("empty body");
        Value v = conditional(true);
        if (pos < tokens.size()) throw new NotConstantException("'" + tokens.get(pos) + "' after a complete expression");
        return v;
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean at(String punctuator) {
        Token t = peek();
        return t != null && t.is(punctuator);
    }

    private void expect(String punctuator) throws NotConstantException {
        if (!at(punctuator)) {
            Token t = peek();
            throw new NotConstantException("expected '" + punctuator + "' but found " + (t == null ? "the end" : "'" + t + "'"));
        }
        pos++;
    }

    private Value conditional(boolean live) throws NotConstantException {
        if (++depth > MAX_DEPTH) throw new NotConstantException("nests more than " + MAX_DEPTH + " operators or parentheses deep");
        try {
            return conditionalUnchecked(live);
        } finally {
            depth--;
        }
    }

    private Value conditionalUnchecked(boolean live) throws NotConstantException {
        Value c = binary(0, live);
        if (!at("?")) return c;
        pos++;
        arithmetic(c, "?:");
        boolean taken = c.truth();
        Value a = conditional(live && taken);
        expect(":");
        Value b = conditional(live && !taken);
        if (a.isString() && b.isString()) return taken ? a : b;
        arithmetic(a, "?:");
        arithmetic(b, "?:");
        ArithmeticType common = common(a.type(), b.type());
        return convert(taken ? a : b, common, live);
    }

    private Value binary(int level, boolean live) throws NotConstantException {
        if (level == LEVELS.size()) return cast(live);
        Value left = binary(level + 1, live);
        while (peek() != null && peek().kind() == Token.Kind.PUNCTUATOR && LEVELS.get(level).contains(peek().text())) {
            String op = tokens.get(pos++).text();
            arithmetic(left, op);
            if (op.equals("&&") || op.equals("||")) {
                boolean decided = op.equals("&&") != left.truth();
                Value right = binary(level + 1, live && !decided);
                arithmetic(right, op);
                left = bool(decided ? op.equals("||") : right.truth());
            } else {
                Value right = binary(level + 1, live);
                arithmetic(right, op);
                left = apply(op, left, right, live);
            }
        }
        return left;
    }

    private Value cast(boolean live) throws NotConstantException {
        if (++depth > MAX_DEPTH) throw new NotConstantException("nests more than " + MAX_DEPTH + " operators or parentheses deep");
        try {
            return castOrUnary(live);
        } finally {
            depth--;
        }
    }

    private Value castOrUnary(boolean live) throws NotConstantException {
        if (at("(") && pos + 1 < tokens.size() && startsType(tokens.get(pos + 1))) {
            pos++;
            var words = new StringBuilder();
            while (peek() != null && !at(")")) {
                Token t = tokens.get(pos++);
                if (t.is("*")) throw new NotConstantException("a cast to a pointer type");
                if (t.kind() != Token.Kind.IDENTIFIER) throw new NotConstantException("'" + t + "' in a cast");
                if (t.text().equals("const") || t.text().equals("volatile")) continue;
                words.append(words.isEmpty() ? "" : " ").append(t.text());
            }
            expect(")");
            ArithmeticType to = types.get(ArithmeticType.key(words.toString()));
            if (to == null) throw new NotConstantException("a cast to " + words + ", which is not read");
            Value v = cast(live);
            arithmetic(v, "a cast");
            return convert(v, to, live);
        }
        return unary(live);
    }

    private boolean startsType(Token t) {
        return t.kind() == Token.Kind.IDENTIFIER && (TYPE_WORDS.contains(t.text()) || types.containsKey(t.text()));
    }

    private Value unary(boolean live) throws NotConstantException {
        Token t = peek();
        if (t == null) throw new NotConstantException("the body ends inside an expression");
        if (t.kind() == Token.Kind.PUNCTUATOR && (t.is("+") || t.is("-") || t.is("~") || t.is("!"))) {
            pos++;
            Value v = cast(live);
            arithmetic(v, t.text());
            if (t.is("!")) return bool(!v.truth());
            if (!v.isFloating()) v = convert(v, promote(v.type()), live);
            if (t.is("+")) return v;
            if (t.is("-")) {
                if (v.isFloating()) return Value.of(-v.real(), v.type());
                return integer(v.integer().negate(), v.type(), live, "-");
            }
            if (v.isFloating()) throw new NotConstantException("~ on a floating value");
            return integer(v.integer().not(), v.type(), live, "~");
        }
        return primary(live);
    }

    private Value primary(boolean live) throws NotConstantException {
        Token t = tokens.get(pos++);
        switch (t.kind()) {
            case NUMBER -> {
                return Literals.number(t.text(), types);
            }
            case CHARACTER -> {
                return Literals.character(t.text(), intType, types.get("char").signed());
            }
            case STRING -> {
                var bytes = new ByteArrayOutputStream();
                bytes.writeBytes(Literals.stringBytes(t.text()));
                while (peek() != null && peek().kind() == Token.Kind.STRING) bytes.writeBytes(Literals.stringBytes(tokens.get(pos++).text()));
                return Value.string(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
            }
            case IDENTIFIER -> {
                String w = t.text();
                if (w.equals("sizeof") || w.equals("_Alignof") || w.equals("alignof")) throw new NotConstantException("uses " + w);
                if (TYPE_WORDS.contains(w)) throw new NotConstantException("names a type (" + w + "), not a value");
                if (KEYWORDS.contains(w)) throw new NotConstantException("uses the keyword " + w + ": not an expression");
                throw new NotConstantException("refers to " + w + ", which is not a macro with a constant value");
            }
            default -> {
                if (t.is("(")) {
                    Value v = conditional(live);
                    expect(")");
                    return v;
                }
                throw new NotConstantException("'" + t + "' where a value was expected");
            }
        }
    }

    /** Fails for a string literal used as an operand of {@code op}. */
    private static void arithmetic(Value v, String op) throws NotConstantException {
        if (v.isString()) throw new NotConstantException("a string literal as an operand of " + op);
    }

    private Value bool(boolean b) {
        return Value.of(b ? BigInteger.ONE : BigInteger.ZERO, intType);
    }

    private Value apply(String op, Value a, Value b, boolean live) throws NotConstantException {
        if (op.equals("<<") || op.equals(">>")) {
            if (a.isFloating() || b.isFloating()) throw new NotConstantException(op + " on a floating value");
            a = convert(a, promote(a.type()), live);
            BigInteger count = b.integer();
            int bits = a.type().bits();
            if (count.signum() < 0 || count.compareTo(BigInteger.valueOf(bits)) >= 0) {
                if (live) throw new NotConstantException("shifts a " + bits + "-bit " + a.type().name() + " by " + count);
                return Value.of(BigInteger.ZERO, a.type());
            }
            if (op.equals(">>")) return Value.of(a.integer().shiftRight(count.intValue()), a.type());
            if (a.integer().signum() < 0) {
                if (live) throw new NotConstantException("shifts the negative value " + a.integer() + " left");
                return Value.of(BigInteger.ZERO, a.type());
            }
            return integer(a.integer().shiftLeft(count.intValue()), a.type(), live, "<<");
        }
        ArithmeticType common = common(a.type(), b.type());
        a = convert(a, common, live);
        b = convert(b, common, live);
        if (common.floating()) {
            double x = a.real();
            double y = b.real();
            double r = switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> x / y;
                case "==" -> x == y ? 1 : 0;
                case "!=" -> x != y ? 1 : 0;
                case "<" -> x < y ? 1 : 0;
                case ">" -> x > y ? 1 : 0;
                case "<=" -> x <= y ? 1 : 0;
                case ">=" -> x >= y ? 1 : 0;
                default -> throw new NotConstantException(op + " on a floating value");
            };
            if (isComparison(op)) return bool(r != 0);
            return Value.of(common.name().equals("float") ? (float) r : r, common);
        }
        BigInteger x = a.integer();
        BigInteger y = b.integer();
        if ((op.equals("/") || op.equals("%")) && y.signum() == 0) {
            if (live) throw new NotConstantException("divides by zero");
            return Value.of(BigInteger.ZERO, common);
        }
        return switch (op) {
            case "+" -> integer(x.add(y), common, live, op);
            case "-" -> integer(x.subtract(y), common, live, op);
            case "*" -> integer(x.multiply(y), common, live, op);
            case "/" -> integer(x.divide(y), common, live, op);
            case "%" -> integer(x.remainder(y), common, live, op);
            case "&" -> Value.of(x.and(y), common);
            case "|" -> Value.of(x.or(y), common);
            case "^" -> Value.of(x.xor(y), common);
            case "==" -> bool(x.equals(y));
            case "!=" -> bool(!x.equals(y));
            case "<" -> bool(x.compareTo(y) < 0);
            case ">" -> bool(x.compareTo(y) > 0);
            case "<=" -> bool(x.compareTo(y) <= 0);
            case ">=" -> bool(x.compareTo(y) >= 0);
            default -> throw new NotConstantException("the operator " + op);
        };
    }

    private static boolean isComparison(String op) {
        return switch (op) {
            case "==", "!=", "<", ">", "<=", ">=" -> true;
            default -> false;
        };
    }

    /**
     * The result {@code v} of an integer operation in type {@code t}: unsigned types wrap, a
     * signed overflow is undefined in C and so not a constant.
     */
    private static Value integer(BigInteger v, ArithmeticType t, boolean live, String op) throws NotConstantException {
        if (t.holds(v)) return Value.of(v, t);
        if (!t.signed()) return Value.of(wrap(v, t), t);
        if (live) throw new NotConstantException(op + " overflows " + t.name() + " (undefined in C)");
        return Value.of(BigInteger.ZERO, t);
    }

    private static BigInteger wrap(BigInteger v, ArithmeticType t) {
        BigInteger m = v.mod(BigInteger.ONE.shiftLeft(t.bits()));
        return t.signed() && m.compareTo(t.max()) > 0 ? m.subtract(BigInteger.ONE.shiftLeft(t.bits())) : m;
    }

    /** The integer promotions: every type of lower rank than int becomes int (all their values fit). */
    private ArithmeticType promote(ArithmeticType t) {
        return !t.floating() && t.rank() < ArithmeticType.INT_RANK ? intType : t;
    }

    /** The usual arithmetic conversions (C11 6.3.1.8). */
    private ArithmeticType common(ArithmeticType a, ArithmeticType b) {
        if (a.floating() || b.floating()) {
            if (!b.floating()) return a;
            if (!a.floating()) return b;
            return a.rank() >= b.rank() ? a : b;
        }
        a = promote(a);
        b = promote(b);
        if (a.equals(b)) return a;
        if (a.signed() == b.signed()) return a.rank() >= b.rank() ? a : b;
        ArithmeticType u = a.signed() ? b : a;
        ArithmeticType s = a.signed() ? a : b;
        if (u.rank() >= s.rank()) return u;
        if (s.size() > u.size()) return s;
        return types.get(ArithmeticType.key("unsigned " + s.name()));
    }

    /** {@code v} converted to {@code t} as C converts (C11 6.3.1). */
    private static Value convert(Value v, ArithmeticType t, boolean live) throws NotConstantException {
        if (v.type().equals(t)) return v;
        if (t.floating()) {
            double d = v.asDouble();
            return Value.of(t.name().equals("float") ? (float) d : d, t);
        }
        if (t.kind() == dev.dwarfbind.types.ScalarKind.BOOL) return Value.of(v.truth() ? BigInteger.ONE : BigInteger.ZERO, t);
        if (v.isFloating()) {
            double d = v.real();
            BigInteger i = Double.isFinite(d) ? new BigDecimal(d).toBigInteger() : null;
            if (i == null || !t.holds(i)) {
                if (live) throw new NotConstantException("the floating value " + d + " does not fit " + t.name() + " (undefined in C)");
                return Value.of(BigInteger.ZERO, t);
            }
            return Value.of(i, t);
        }
        // Out-of-range conversion to a signed type is implementation-defined; gcc and clang wrap.
        return Value.of(t.holds(v.integer()) ? v.integer() : wrap(v.integer(), t), t);
    }
}
