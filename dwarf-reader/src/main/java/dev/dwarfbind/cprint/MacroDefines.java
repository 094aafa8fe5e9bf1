package dev.dwarfbind.cprint;

import dev.dwarfbind.types.CType;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.EnumType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Constants that are not enumerators (macros read from {@code .debug_macro}) as {@code #define}
 * lines whose literal has the constant's C type: {@code 255U} for an {@code unsigned int},
 * {@code ((unsigned char)44)}, {@code 0.1F}, {@code "text"}.
 */
final class MacroDefines {
    private MacroDefines() {
    }

    /** Whether {@code c} is printed as a {@code #define}: it is not an enumerator of an enum printed with its type. */
    static boolean isMacro(TypeSystem ts, Constant c) {
        return c.type() == TypeSystem.NO_TYPE || !(ts.type(c.type()) instanceof EnumType);
    }

    static String define(TypeSystem ts, Constant c) {
        return "#define " + c.name() + " " + literal(ts, c);
    }

    private static String literal(TypeSystem ts, Constant c) {
        CType t = c.type() == TypeSystem.NO_TYPE ? null : ts.type(c.type());
        return switch (c.value()) {
            case String s -> string(s);
            case Double d -> t instanceof ScalarType st && st.name().equals("float") ? Float.toString(d.floatValue()) + "F" : Double.toString(d);
            case BigInteger v -> integer(v, t instanceof ScalarType st ? st : null);
            default -> throw new IllegalArgumentException("constant " + c.name() + " has value " + c.value());
        };
    }

    private static String integer(BigInteger v, ScalarType type) {
        String suffix = type == null ? null : switch (type.name()) {
            case "int" -> "";
            case "unsigned int" -> "U";
            case "long" -> "L";
            case "unsigned long" -> "UL";
            case "long long" -> "LL";
            case "unsigned long long" -> "ULL";
            default -> null;
        };
        if (suffix == null) {
            String plain = DeclaratorWriter.literal(v);
            return type == null ? plain : "((" + type.name() + ")" + plain + ")";
        }
        if (v.signum() >= 0) return v + suffix;
        // The most negative value has no literal: its magnitude alone does not fit the type.
        BigInteger magnitude = v.negate();
        boolean fits = magnitude.bitLength() < type.byteSize() * 8;
        return fits ? "(-" + magnitude + suffix + ")" : "(-" + magnitude.subtract(BigInteger.ONE) + suffix + " - 1)";
    }

    /** A C string literal of {@code s}'s UTF-8 bytes: printable ASCII as is, every other byte as a three-digit octal escape. */
    private static String string(String s) {
        var sb = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xff;
            if (u == '"' || u == '\\') sb.append('\\').append((char) u);
            else if (u >= 0x20 && u < 0x7f && u != '?') sb.append((char) u);
            else sb.append('\\').append((char) ('0' + (u >> 6))).append((char) ('0' + (u >> 3 & 7))).append((char) ('0' + (u & 7)));
        }
        return sb.append('"').toString();
    }
}
