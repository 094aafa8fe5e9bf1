package dev.dwarfbind.macro;

import java.util.ArrayList;
import java.util.List;

/** Splits a macro body into preprocessing tokens (C11 6.4), as far as constant expressions need. */
final class Lexer {
    private static final String[] PUNCTUATORS = {"<<=", ">>=", "...", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "##", "->",
        "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "(", ")", "+", "-", "~", "!", "*", "/", "%", "<", ">", "&", "^", "|", "?", ":", ",", "#", "[", "]", "{", "}", ";", ".", "="};

    private Lexer() {
    }

    static List<Token> tokens(String body) throws NotConstantException {
        var out = new ArrayList<Token>();
        int n = body.length();
        int i = 0;
        while (i < n) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '"' || c == '\'') {
                i = quoted(body, i);
                out.add(new Token(c == '"' ? Token.Kind.STRING : Token.Kind.CHARACTER, body.substring(start, i)));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(body.charAt(i + 1))) {
                i++;
                while (i < n) {
                    char d = body.charAt(i);
                    if ((d == '+' || d == '-') && "eEpP".indexOf(body.charAt(i - 1)) >= 0) i++;
                    else if (MacroDefinition.isIdentifierPart(d) || d == '.' || d == '\'' && i + 1 < n
                            && MacroDefinition.isIdentifierPart(body.charAt(i + 1))) i++;
                    else break;
                }
                out.add(new Token(Token.Kind.NUMBER, body.substring(start, i)));
            } else if (MacroDefinition.isIdentifierPart(c)) {
                while (i < n && MacroDefinition.isIdentifierPart(body.charAt(i))) i++;
                String word = body.substring(start, i);
                if (i < n && (body.charAt(i) == '"' || body.charAt(i) == '\'')
                        && (word.equals("L") || word.equals("u") || word.equals("U") || word.equals("u8"))) {
                    throw new NotConstantException("a wide or Unicode " + (body.charAt(i) == '"' ? "string" : "character")
                            + " literal (" + word + body.charAt(i) + "...)");
                }
                out.add(new Token(Token.Kind.IDENTIFIER, word));
            } else {
                String p = punctuator(body, i);
                if (p == null) throw new NotConstantException("the character '" + c + "' is not C");
                i += p.length();
                out.add(new Token(Token.Kind.PUNCTUATOR, p));
            }
        }
        return out;
    }

    private static int quoted(String body, int i) throws NotConstantException {
        char q = body.charAt(i);
        int n = body.length();
        for (i++; i < n; i++) {
            char c = body.charAt(i);
            if (c == '\\') i++;
            else if (c == q) return i + 1;
        }
        throw new NotConstantException("an unterminated " + (q == '"' ? "string" : "character") + " literal");
    }

    private static String punctuator(String body, int i) {
        for (String p : PUNCTUATORS) if (body.startsWith(p, i)) return p;
        return null;
    }
}
