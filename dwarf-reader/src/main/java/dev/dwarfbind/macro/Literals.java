package dev.dwarfbind.macro;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** C literals: integer and floating constants (C11 6.4.4.1–2), character constants and string literals. */
final class Literals {
    private Literals() {
    }

    /** An integer or floating constant, typed as C types it. */
    static Value number(String spelling, Map<String, ArithmeticType> types) throws NotConstantException {
        String s = spelling.replace("'", ""); // C23 digit separators
        String lower = s.toLowerCase(Locale.ROOT);
        boolean hex = lower.startsWith("0x");
        boolean floating = hex ? lower.contains(".") || lower.contains("p") : lower.contains(".") || lower.contains("e");
        return floating ? floating(spelling, s, types) : integer(spelling, s, hex, types);
    }

    private static Value floating(String spelling, String s, Map<String, ArithmeticType> types) throws NotConstantException {
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        if (last == 'l') throw new NotConstantException("a long double literal (" + spelling + "), which a double cannot hold exactly");
        boolean isFloat = last == 'f';
        String digits = isFloat ? s.substring(0, s.length() - 1) : s;
        for (int i = 0; i < digits.length(); i++) {
            char c = Character.toLowerCase(digits.charAt(i));
            if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'p' || c == '+' || c == '-' || c == 'x' || c >= 'a' && c <= 'f')) {
                throw new NotConstantException("the floating literal " + spelling + " has an unknown suffix");
            }
        }
        double d;
        try {
            d = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new NotConstantException("'" + spelling + "' is not a valid floating literal");
        }
        return isFloat ? Value.of((float) d, types.get("float")) : Value.of(d, types.get("double"));
    }

    private static Value integer(String spelling, String s, boolean hex, Map<String, ArithmeticType> types) throws NotConstantException {
        int end = s.length();
        while (end > 0 && "uUlL".indexOf(s.charAt(end - 1)) >= 0) end--;
        String suffix = s.substring(end).toLowerCase(Locale.ROOT);
        String digits = s.substring(0, end);
        int radix = 10;
        if (hex) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && (digits.charAt(1) == 'b' || digits.charAt(1) == 'B') && digits.charAt(0) == '0') {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
        }
        BigInteger v;
        try {
            if (digits.isEmpty() || digits.charAt(0) == '-' || digits.charAt(0) == '+') throw new NumberFormatException();
            v = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new NotConstantException("'" + spelling + "' is not a valid integer literal");
        }
        boolean decimal = radix == 10;
        List<String> candidates = switch (suffix) {
            case "" -> decimal ? List.of("int", "long", "long long")
                    : List.of("int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long");
            case "u" -> List.of("unsigned int", "unsigned long", "unsigned long long");
            case "l" -> decimal ? List.of("long", "long long") : List.of("long", "unsigned long", "long long", "unsigned long long");
            case "ul", "lu" -> List.of("unsigned long", "unsigned long long");
            case "ll" -> decimal ? List.of("long long") : List.of("long long", "unsigned long long");
            case "ull", "llu" -> List.of("unsigned long long");
            default -> throw new NotConstantException("the integer literal " + spelling + " has an invalid suffix");
        };
        for (String c : candidates) {
            ArithmeticType t = types.get(ArithmeticType.key(c));
            if (t.holds(v)) return Value.of(v, t);
        }
        throw new NotConstantException("the integer literal " + spelling + " does not fit any integer type");
    }

    /** A character constant: an {@code int} whose value is the character's (signed if plain char is). */
    static Value character(String spelling, ArithmeticType intType, boolean charSigned) throws NotConstantException {
        byte[] b = unescape(spelling);
        if (b.length != 1) throw new NotConstantException(b.length == 0 ? "an empty character constant" : "a multi-character constant " + spelling);
        int v = charSigned ? b[0] : b[0] & 0xff;
        return Value.of(BigInteger.valueOf(v), intType);
    }

    /** The bytes a narrow string literal stands for, without the terminating NUL. */
    static byte[] stringBytes(String spelling) throws NotConstantException {
        return unescape(spelling);
    }

    /** The bytes between the quotes of {@code spelling}, escapes resolved (C11 6.4.4.4). */
    private static byte[] unescape(String spelling) throws NotConstantException {
        String inner = spelling.substring(1, spelling.length() - 1);
        var out = new ByteArrayOutputStream();
        int n = inner.length();
        for (int i = 0; i < n; i++) {
            char c = inner.charAt(i);
            if (c != '\\') {
                int cp = inner.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                if (Character.isSupplementaryCodePoint(cp)) i++;
                continue;
            }
            if (++i >= n) throw new NotConstantException("a literal ending in a backslash: " + spelling);
            char e = inner.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                case 'e', 'E' -> out.write(27); // GNU extension
                case '\\', '\'', '"', '?' -> out.write(e);
                case 'x' -> {
                    int start = i + 1;
                    int j = start;
                    while (j < n && Character.digit(inner.charAt(j), 16) >= 0) j++;
                    if (j == start) throw new NotConstantException("\\x without hexadecimal digits in " + spelling);
                    BigInteger v = new BigInteger(inner.substring(start, j), 16);
                    if (v.bitLength() > 8) throw new NotConstantException("the escape \\x" + inner.substring(start, j) + " does not fit a char");
                    out.write(v.intValue());
                    i = j - 1;
                }
                default -> {
                    if (e < '0' || e > '7') throw new NotConstantException("the unknown escape \\" + e + " in " + spelling);
                    int j = i;
                    int v = 0;
                    while (j < n && j < i + 3 && inner.charAt(j) >= '0' && inner.charAt(j) <= '7') v = v * 8 + inner.charAt(j++) - '0';
                    if (v > 255) throw new NotConstantException("the escape \\" + inner.substring(i, j) + " does not fit a char");
                    out.write(v);
                    i = j - 1;
                }
            }
        }
        return out.toByteArray();
    }
}
