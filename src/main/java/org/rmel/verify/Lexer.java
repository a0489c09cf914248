package org.rmel.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Splits a normalised LaTeX/plain answer into tokens; linear in the input and budgeted. */
final class Lexer {
    /** Function names recognised both as commands and as bare words (np.arcsin, sqrt(2), ...). */
    static final List<String> FUNCTION_WORDS = List.of(
            "arcsin", "arccos", "arctan", "arccot", "arcsec", "arccsc", "sinh", "cosh", "tanh",
            "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "lg", "exp", "sqrt", "abs",
            "gcd", "lcm", "max", "min");
    private static final Set<String> FUNCTION_SET = Set.copyOf(FUNCTION_WORDS);

    private static final Map<String, String> COMMAND_OPS = Map.ofEntries(
            Map.entry("cdot", "*"), Map.entry("times", "*"), Map.entry("ast", "*"), Map.entry("div", "/"),
            Map.entry("pm", "±"), Map.entry("mp", "∓"),
            Map.entry("le", "≤"), Map.entry("leq", "≤"), Map.entry("leqslant", "≤"), Map.entry("leqq", "≤"),
            Map.entry("ge", "≥"), Map.entry("geq", "≥"), Map.entry("geqslant", "≥"), Map.entry("geqq", "≥"),
            Map.entry("ne", "≠"), Map.entry("neq", "≠"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("cup", "∪"), Map.entry("cap", "∩"), Map.entry("in", "∈"),
            Map.entry("lvert", "|"), Map.entry("rvert", "|"), Map.entry("vert", "|"), Map.entry("mid", "|"),
            Map.entry("prime", "'"), Map.entry("approx", "≈"), Map.entry("colon", ":"));

    private static final String GREEK = "αβγδεζηθικλμνξρστυφχψωΓΔΘΛΞΣΦΨΩ";
    private static final String[] GREEK_NAMES = {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda",
        "Xi", "Sigma", "Phi", "Psi", "Omega"};

    private Lexer() {
    }

    static List<Token> tokenize(String s, Budget budget) {
        List<Token> out = new ArrayList<>(s.length() / 2 + 4);
        int i = 0;
        int n = s.length();
        boolean space = false;
        while (i < n) {
            budget.tick();
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                int end = scanNumber(s, i);
                out.add(new Token(Token.Kind.NUM, s.substring(i, end), space));
                i = end;
            } else if (c == '\\') {
                i = command(s, i, out, space);
            } else if (c < 128 && Character.isLetter(c)) {
                String fn = functionWordAt(s, i);
                if (fn != null) {
                    out.add(new Token(Token.Kind.FUNC, fn, space));
                    i += fn.length();
                } else {
                    out.add(new Token(Token.Kind.LETTER, String.valueOf(c), space));
                    i++;
                }
            } else {
                i = symbol(s, i, c, out, space);
            }
            space = false;
        }
        out.add(new Token(Token.Kind.EOF, "", space));
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digits with an optional fraction and a scientific exponent glued to them (4.5e33, 1e-5). */
    private static int scanNumber(String s, int i) {
        int n = s.length();
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            if (i + 1 < n && isDigit(s.charAt(i + 1))) {
                i++;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            } else if (i + 1 < n && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
                i++; // Python float style "1./3"
            }
        }
        if (i + 1 < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (s.charAt(j) == '+' || s.charAt(j) == '-') {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                return j;
            }
        }
        return i;
    }

    private static String functionWordAt(String s, int i) {
        for (String w : FUNCTION_WORDS) {
            if (s.startsWith(w, i) && (i + w.length() >= s.length() || !Character.isLetter(s.charAt(i + w.length()))
                    || w.length() >= 3)) {
                return w;
            }
        }
        return null;
    }

    private static int command(String s, int i, List<Token> out, boolean space) {
        int n = s.length();
        if (i + 1 >= n) {
            throw new ParseException("a lone backslash at the end");
        }
        char c = s.charAt(i + 1);
        if (!Character.isLetter(c)) {
            switch (c) {
                case '{' -> out.add(new Token(Token.Kind.LSET, "\\{", space));
                case '}' -> out.add(new Token(Token.Kind.RSET, "\\}", space));
                case '\\' -> out.add(new Token(Token.Kind.ROWSEP, "\\\\", space));
                case '%' -> out.add(new Token(Token.Kind.OP, "%", space));
                case '|' -> out.add(new Token(Token.Kind.OP, "|", space));
                case ',', ';', ':', '!', ' ', '$' -> {
                    // spacing commands left over after normalisation mean nothing here
                }
                default -> throw new ParseException("unknown command \\" + c);
            }
            return i + 2;
        }
        int j = i + 1;
        while (j < n && Character.isLetter(s.charAt(j))) {
            j++;
        }
        String name = s.substring(i + 1, j);
        if (name.equals("begin") || name.equals("end")) {
            int open = j;
            while (open < n && s.charAt(open) == ' ') {
                open++;
            }
            int close = open < n && s.charAt(open) == '{' ? s.indexOf('}', open) : -1;
            if (close < 0) {
                throw new ParseException("\\" + name + " without {environment}");
            }
            out.add(new Token(name.equals("begin") ? Token.Kind.BEGIN : Token.Kind.END_ENV,
                    s.substring(open + 1, close).trim(), space));
            return close + 1;
        }
        String op = COMMAND_OPS.get(name);
        if (op != null) {
            out.add(new Token(Token.Kind.OP, op, space));
        } else if (FUNCTION_SET.contains(name)) {
            out.add(new Token(Token.Kind.FUNC, name, space));
        } else {
            out.add(new Token(Token.Kind.CMD, name, space));
        }
        return j;
    }

    private static int symbol(String s, int i, char c, List<Token> out, boolean space) {
        String op = switch (c) {
            case '+', '-', '*', '/', '^', '_', '!', '%', ',', ';', '=', '<', '>', '(', ')', '[', ']', '{', '}',
                 '|', '&', '\'', '±', '∓', '≤', '≥', '≠', '∪', '∩', '∈', '≈' -> String.valueOf(c);
            case '−', '–' -> "-";
            case '×', '·', '⋅' -> "*";
            case '÷' -> "/";
            case ':' -> ":";
            default -> null;
        };
        if (op != null) {
            if (c == '<' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                out.add(new Token(Token.Kind.OP, "≤", space));
                return i + 2;
            }
            if (c == '>' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                out.add(new Token(Token.Kind.OP, "≥", space));
                return i + 2;
            }
            if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                out.add(new Token(Token.Kind.OP, "≠", space));
                return i + 2;
            }
            if (c == '*' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                out.add(new Token(Token.Kind.OP, "^", space));
                return i + 2;
            }
            out.add(new Token(Token.Kind.OP, op, space));
            return i + 1;
        }
        switch (c) {
            case '∞' -> out.add(new Token(Token.Kind.CMD, "infty", space));
            case 'π' -> out.add(new Token(Token.Kind.CMD, "pi", space));
            case '√' -> out.add(new Token(Token.Kind.FUNC, "sqrt", space));
            default -> {
                int greek = GREEK.indexOf(c);
                if (greek >= 0) {
                    // α is \alpha: one symbol however it is written
                    out.add(new Token(Token.Kind.CMD, GREEK_NAMES[greek], space));
                } else if (Character.isLetter(c)) {
                    out.add(new Token(Token.Kind.LETTER, String.valueOf(c), space));
                } else {
                    throw new ParseException("unexpected character '" + c + "'");
                }
            }
        }
        return i + 1;
    }
}
