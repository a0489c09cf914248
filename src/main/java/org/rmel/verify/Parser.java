package org.rmel.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rmel.verify.Expr.Add;
import org.rmel.verify.Expr.Const;
import org.rmel.verify.Expr.Div;
import org.rmel.verify.Expr.Func;
import org.rmel.verify.Expr.Interval;
import org.rmel.verify.Expr.Matrix;
import org.rmel.verify.Expr.Mul;
import org.rmel.verify.Expr.Neg;
import org.rmel.verify.Expr.Num;
import org.rmel.verify.Expr.Percent;
import org.rmel.verify.Expr.PlusMinus;
import org.rmel.verify.Expr.Pow;
import org.rmel.verify.Expr.Relation;
import org.rmel.verify.Expr.Seq;
import org.rmel.verify.Expr.SetOf;
import org.rmel.verify.Expr.Sym;
import org.rmel.verify.Expr.Tuple;
import org.rmel.verify.Expr.Union;
import org.rmel.verify.Token.Kind;

/**
 * Recursive-descent parser from tokens to an {@link Expr}. Precedence, loosest first: comma
 * list, relation, union, sum, product (explicit and implicit), unary sign, power, postfix
 * (factorial, percent, subscript, prime), atom. Every level checks the depth budget, so
 * 10,000 nested braces end in a limit verdict and never in a stack overflow.
 */
final class Parser {
    private static final Set<String> RELATIONS = Set.of("=", "<", ">", "≤", "≥", "≠", "∈", "≈");
    /** Letters that are functions when written f(...): the usual names for unknown functions. */
    private static final Set<String> FUNCTION_LETTERS = Set.of("f", "g", "h");
    private static final Set<String> DECORATIONS = Set.of(
            "dot", "ddot", "hat", "bar", "vec", "overline", "tilde", "widetilde", "widehat", "boldsymbol", "mathcal");
    private static final Set<String> MATRIX_ENVS = Set.of(
            "pmatrix", "bmatrix", "matrix", "Bmatrix", "vmatrix", "smallmatrix", "array");

    private final List<Token> tokens;
    private final Budget budget;
    private int pos;
    private int depth;
    private int absDepth;

    private Parser(List<Token> tokens, Budget budget) {
        this.tokens = tokens;
        this.budget = budget;
    }

    static Expr parse(String normalised, Budget budget) {
        Parser p = new Parser(Lexer.tokenize(normalised, budget), budget);
        if (p.peek().kind() == Kind.EOF) {
            throw new ParseException("empty answer");
        }
        List<Expr> items = p.list();
        if (p.peek().kind() != Kind.EOF) {
            throw new ParseException("unexpected '" + p.peek().text() + "'");
        }
        return items.size() == 1 ? items.get(0) : new Seq(items);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    /** The next token; EOF is never consumed, so a look past the end stays at EOF. */
    private Token next() {
        budget.tick();
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean acceptOp(String op) {
        if (peek().is(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectOp(String op) {
        if (!acceptOp(op)) {
            throw new ParseException("expected '" + op + "' but found '" + describe(peek()) + "'");
        }
    }

    private static String describe(Token t) {
        return t.kind() == Kind.EOF ? "end of answer" : t.text();
    }

    private void enter() {
        budget.checkDepth(++depth);
    }

    /** Comma- or semicolon-separated items. */
    private List<Expr> list() {
        List<Expr> items = new ArrayList<>();
        items.add(relation());
        while (peek().is(",") || peek().is(";")) {
            pos++;
            items.add(relation());
        }
        return items;
    }

    private Expr relation() {
        enter();
        Expr first = ratio();
        List<Expr> operands = null;
        List<String> ops = null;
        while (peek().kind() == Kind.OP && RELATIONS.contains(peek().text())) {
            if (operands == null) {
                operands = new ArrayList<>();
                ops = new ArrayList<>();
                operands.add(first);
            }
            ops.add(next().text());
            operands.add(ratio());
        }
        depth--;
        return operands == null ? first : new Relation(List.copyOf(operands), List.copyOf(ops));
    }

    /** A ratio {@code 5:12} is the quotient 5/12 (and {@code a:b:c} reads left to right). */
    private Expr ratio() {
        Expr e = union();
        int levels = 0;
        while (acceptOp(":")) {
            budget.checkDepth(depth + ++levels); // a:b:c nests to the left
            e = new Div(e, union());
        }
        return e;
    }

    private Expr union() {
        Expr first = sum();
        if (!peek().is("∪")) {
            return first;
        }
        List<Expr> parts = new ArrayList<>();
        parts.add(asInterval(first));
        while (acceptOp("∪")) {
            parts.add(asInterval(sum()));
        }
        return new Union(List.copyOf(parts));
    }

    /** In a union a pair (a, b) can only be an open interval. */
    private static Expr asInterval(Expr e) {
        return e instanceof Tuple t && t.items().size() == 2
                ? new Interval(false, t.items().get(0), t.items().get(1), false) : e;
    }

    /**
     * Terms joined by +, - and ±. A ± is a binary operator like the other two, so
     * {@code a \pm b + c} is (a ± b) + c and {@code 1 \pm 1 \pm 1} has four values.
     */
    private Expr sum() {
        enter();
        int plusMinusLevels = 0;
        List<Expr> terms = new ArrayList<>();
        terms.add(signedTerm());
        while (true) {
            Token t = peek();
            if (t.is("+")) {
                pos++;
                terms.add(term());
            } else if (t.is("-")) {
                pos++;
                terms.add(new Neg(term()));
            } else if (t.is("±") || t.is("∓")) {
                pos++;
                budget.checkDepth(depth + ++plusMinusLevels); // each ± nests the sum so far
                Expr left = collapse(terms);
                terms = new ArrayList<>();
                terms.add(new PlusMinus(left, term()));
            } else {
                break;
            }
        }
        depth--;
        return collapse(terms);
    }

    private static Expr collapse(List<Expr> terms) {
        return terms.size() == 1 ? terms.get(0) : new Add(List.copyOf(terms));
    }

    private Expr signedTerm() {
        if (acceptOp("-")) {
            return new Neg(term());
        }
        if (acceptOp("+")) {
            return term();
        }
        if (acceptOp("±") || acceptOp("∓")) {
            return new PlusMinus(new Num(Rational.ZERO), term());
        }
        return term();
    }

    private Expr term() {
        enter();
        Expr acc = power();
        List<Expr> factors = new ArrayList<>();
        factors.add(acc);
        while (true) {
            Token t = peek();
            if (t.is("*")) {
                pos++;
                factors.add(unaryFactor());
            } else if (t.is("/")) {
                pos++;
                Expr den = unaryFactor();
                Expr num = factors.size() == 1 ? factors.get(0) : new Mul(List.copyOf(factors));
                factors = new ArrayList<>();
                factors.add(new Div(num, den));
            } else if (startsImplicitFactor(t)) {
                Expr f = power();
                Expr last = factors.get(factors.size() - 1);
                if (isMixedNumber(last, f, factors.size())) {
                    factors.set(0, new Add(List.of(last, f)));
                } else {
                    factors.add(f);
                }
            } else {
                break;
            }
        }
        depth--;
        return factors.size() == 1 ? factors.get(0) : new Mul(List.copyOf(factors));
    }

    /** {@code 1\frac{4}{5}} and {@code 137 \frac{1}{2}} are mixed numbers, as in MATH answers. */
    private static boolean isMixedNumber(Expr whole, Expr next, int count) {
        return count == 1 && whole instanceof Num w && w.value().isInteger() && w.value().signum() > 0
                && next instanceof Div d && d.num() instanceof Num a && d.den() instanceof Num b
                && a.value().isInteger() && b.value().isInteger() && a.value().compareTo(b.value()) < 0
                && a.value().signum() > 0;
    }

    private Expr unaryFactor() {
        if (acceptOp("-")) {
            return new Neg(unaryFactor());
        }
        if (acceptOp("+")) {
            return unaryFactor();
        }
        return power();
    }

    private boolean startsImplicitFactor(Token t) {
        return switch (t.kind()) {
            case NUM, LETTER, FUNC, LSET, BEGIN -> true;
            case CMD -> !t.text().equals("rfloor") && !t.text().equals("rceil");
            case OP -> t.is("(") || t.is("[") || t.is("{") || (t.is("|") && absDepth == 0);
            default -> false;
        };
    }

    private Expr power() {
        enter();
        Expr base = postfix(atom());
        if (acceptOp("^")) {
            Expr exponent = scriptArgument();
            checkPowerSize(base, exponent);
            base = postfix(new Pow(base, exponent));
        }
        depth--;
        return base;
    }

    /**
     * Refuses number powers too large to ever compute (2^{10^{9}}) as soon as they are read,
     * from a floating-point estimate of their size in bits.
     */
    private void checkPowerSize(Expr base, Expr exponent) {
        double b = Math.abs(approximate(base, 0));
        double e = Math.abs(approximate(exponent, 0));
        if (Double.isNaN(b) || Double.isNaN(e) || b <= 1) {
            return;
        }
        double bits = e * Math.log(b) / Math.log(2);
        if (!(bits <= budget.maxNumberBits())) {
            throw new LimitExceededException("power too large: " + base + "^{" + exponent + "} has about "
                    + (Double.isInfinite(bits) ? "infinitely many" : String.format("%.3g", bits)) + " bits, over the "
                    + budget.maxNumberBits() + "-bit limit");
        }
    }

    /** The value of a tree of number literals as a double, or NaN when it has anything else. */
    private static double approximate(Expr e, int depth) {
        if (depth > 50) {
            return Double.NaN;
        }
        if (e instanceof Num n) {
            return n.value().toDouble();
        }
        if (e instanceof Neg n) {
            return -approximate(n.arg(), depth + 1);
        }
        if (e instanceof Pow p) {
            return Math.pow(approximate(p.base(), depth + 1), approximate(p.exponent(), depth + 1));
        }
        if (e instanceof Mul m) {
            double r = 1;
            for (Expr f : m.factors()) {
                r *= approximate(f, depth + 1);
            }
            return r;
        }
        if (e instanceof Div d) {
            return approximate(d.num(), depth + 1) / approximate(d.den(), depth + 1);
        }
        return Double.NaN;
    }

    /** The argument of ^ or a one-token macro argument: a braced group, or one digit or symbol. */
    private Expr scriptArgument() {
        enter();
        Token t = peek();
        Expr result;
        if (t.is("{")) {
            pos++;
            result = groupUntil("}");
        } else if (t.kind() == Kind.NUM) {
            result = number(firstDigitSplit());
        } else if (t.is("-")) {
            pos++;
            result = new Neg(scriptArgument());
        } else {
            result = atom();
        }
        depth--;
        return result;
    }

    /** LaTeX reads x^23 as x^2 * 3 and \frac43 as 4/3: take one digit and leave the rest. */
    private String firstDigitSplit() {
        Token t = next();
        String text = t.text();
        if (text.length() > 1 && Character.isDigit(text.charAt(0))) {
            tokens.set(pos - 1, new Token(Kind.NUM, text.substring(1), false));
            pos--;
            return text.substring(0, 1);
        }
        return text;
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.is("!")) {
                pos++;
                e = new Func("factorial", List.of(e));
            } else if (t.is("%")) {
                pos++;
                e = new Percent(e);
            } else if (t.is("'") && e instanceof Sym s) {
                pos++;
                e = new Sym(s.name() + "'");
            } else if (t.is("_")) {
                pos++;
                String sub = subscriptText();
                if (e instanceof Const c && (c == Const.E || c == Const.I)) {
                    e = new Sym(c.name());
                }
                if (e instanceof Num) {
                    continue; // 52_8: a numeral in base 8, compared by its digits
                }
                if (!(e instanceof Sym s)) {
                    throw new ParseException("subscript on a non-symbol");
                }
                e = new Sym(s.name() + "_{" + sub + "}");
            } else {
                return e;
            }
        }
    }

    /** The raw text of a subscript, re-joined from tokens, used as part of a symbol's name. */
    private String subscriptText() {
        Token t = next();
        if (!t.is("{")) {
            return t.kind() == Kind.CMD || t.kind() == Kind.FUNC && t.text().length() > 1 && !t.spaceBefore()
                    ? "\\" + t.text() : t.text();
        }
        StringBuilder b = new StringBuilder();
        int level = 1;
        while (true) {
            Token u = next();
            if (u.kind() == Kind.EOF) {
                throw new ParseException("unclosed subscript");
            }
            if (u.is("{")) {
                level++;
            } else if (u.is("}") && --level == 0) {
                return b.toString();
            }
            if (b.length() > 0 && (u.kind() == Kind.LETTER || u.kind() == Kind.NUM)
                    && Character.isLetter(b.charAt(b.length() - 1)) && lastWasCommand(b)) {
                b.append(' ');
            }
            b.append(u.kind() == Kind.CMD || u.kind() == Kind.FUNC ? "\\" + u.text() : u.text());
        }
    }

    private static boolean lastWasCommand(StringBuilder b) {
        for (int k = b.length() - 1; k >= 0; k--) {
            char c = b.charAt(k);
            if (c == '\\') {
                return true;
            }
            if (!Character.isLetter(c)) {
                return false;
            }
        }
        return false;
    }

    private Expr atom() {
        enter();
        Token t = next();
        Expr result = switch (t.kind()) {
            case NUM -> number(t.text());
            case LETTER -> letter(t.text());
            case FUNC -> function(t.text());
            case CMD -> command(t.text());
            case LSET -> isSetBuilder() ? setBuilder(Kind.RSET) : new SetOf(bracedList(Kind.RSET));
            case BEGIN -> matrix(t.text());
            case OP -> switch (t.text()) {
                case "(", "[" -> bracket(t.text());
                case "{" -> braces();
                case "|" -> abs();
                default -> throw new ParseException("unexpected '" + t.text() + "'");
            };
            default -> throw new ParseException("unexpected '" + describe(t) + "'");
        };
        depth--;
        return result;
    }

    private Expr number(String text) {
        try {
            Rational r = Rational.parseDecimal(text, budget.maxNumberBits());
            if (r.bitLength() > budget.maxNumberBits()) {
                throw new LimitExceededException("number literal too large (" + text.length() + " digits)");
            }
            return new Num(r, text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParseException("bad number " + text);
        }
    }

    private Expr letter(String name) {
        if (peek().is("(") && !peek().spaceBefore() && isApplication(name)) {
            pos++;
            List<Expr> args = bracketItems(")");
            return new Func("apply:" + name, List.copyOf(args));
        }
        return switch (name) {
            case "e" -> Const.E;
            case "i" -> Const.I;
            default -> new Sym(name);
        };
    }

    /**
     * Whether {@code name(} starts a function application rather than a product: f, g, h always;
     * other symbols only around a single token, as in I(0), x(t), \theta(t).
     */
    private boolean isApplication(String name) {
        if (FUNCTION_LETTERS.contains(name)) {
            return true;
        }
        if (pos + 2 >= tokens.size()) {
            return false;
        }
        Token inner = tokens.get(pos + 1);
        return (inner.kind() == Kind.LETTER || inner.kind() == Kind.NUM) && tokens.get(pos + 2).is(")");
    }

    private Expr command(String name) {
        switch (name) {
            case "frac", "cfrac" -> {
                Expr num = scriptArgument();
                Expr den = scriptArgument();
                return new Div(num, den);
            }
            case "binom", "dbinom", "tbinom", "choose" -> {
                Expr n = scriptArgument();
                Expr k = scriptArgument();
                return new Func("binom", List.of(n, k));
            }
            case "pi" -> {
                return Const.PI;
            }
            case "infty", "infinity", "inf" -> {
                return Const.INFINITY;
            }
            case "lfloor" -> {
                return closedFunction("floor", "rfloor");
            }
            case "lceil" -> {
                return closedFunction("ceil", "rceil");
            }
            case "emptyset", "varnothing" -> {
                return new SetOf(List.of());
            }
            default -> {
                if (DECORATIONS.contains(name)) {
                    Expr inner = scriptArgument();
                    return symbolOrApplication("\\" + name + "{" + inner + "}");
                }
                return symbolOrApplication("\\" + name);
            }
        }
    }

    private Expr symbolOrApplication(String name) {
        if (peek().is("(") && isApplication(name)) {
            pos++;
            return new Func("apply:" + name, List.copyOf(bracketItems(")")));
        }
        return new Sym(name);
    }

    private Expr closedFunction(String fn, String closer) {
        Expr inner = sum();
        Token t = next();
        if (t.kind() != Kind.CMD || !t.text().equals(closer)) {
            throw new ParseException("expected \\" + closer);
        }
        return new Func(fn, List.of(inner));
    }

    private Expr function(String name) {
        if (name.equals("sqrt")) {
            Expr index = null;
            if (acceptOp("[")) {
                index = groupUntil("]");
            }
            Expr radicand = acceptOp("(") ? groupUntil(")") : scriptArgument();
            return index == null ? new Func("sqrt", List.of(radicand)) : new Func("root", List.of(radicand, index));
        }
        Expr exponent = null;
        Expr base = null;
        for (int k = 0; k < 2; k++) {
            if (acceptOp("^")) {
                exponent = scriptArgument();
            } else if (acceptOp("_")) {
                base = scriptArgument();
            }
        }
        List<Expr> args = functionArguments();
        String canonical = name.equals("lg") ? "log10" : name;
        if (base != null) {
            if (!canonical.equals("log")) {
                throw new ParseException("subscript on \\" + name);
            }
            args = List.of(args.get(0), base);
        }
        if (canonical.equals("log10")) {
            canonical = "log";
            args = List.of(args.get(0), new Num(Rational.of(10)));
        }
        Expr call = new Func(canonical, List.copyOf(args));
        if (exponent != null) {
            // \sin^{-1} x is arcsin x; \sin^2 x is (sin x)^2
            if (exponent instanceof Neg neg && neg.arg() instanceof Num one && one.value().equals(Rational.ONE)
                    && canonical.length() == 3 && "sin cos tan".contains(canonical)) {
                return new Func("arc" + canonical, List.copyOf(args));
            }
            return new Pow(call, exponent);
        }
        return call;
    }

    /** (a, b), {a}, or the product that follows: \sin 2x, \log n, \cos \theta(t). */
    private List<Expr> functionArguments() {
        if (acceptOp("(")) {
            return List.copyOf(bracketItems(")"));
        }
        if (peek().is("{")) {
            pos++;
            return List.of(groupUntil("}"));
        }
        List<Expr> factors = new ArrayList<>();
        factors.add(power());
        while (startsImplicitFactor(peek()) && peek().kind() != Kind.FUNC && !peek().is("(")) {
            factors.add(power());
        }
        return List.of(factors.size() == 1 ? factors.get(0) : new Mul(List.copyOf(factors)));
    }

    /** Items up to the closer; the opening bracket is already consumed. */
    private List<Expr> bracketItems(String closer) {
        List<Expr> items = list();
        expectOp(closer);
        return items;
    }

    private Expr groupUntil(String closer) {
        List<Expr> items = bracketItems(closer);
        return items.size() == 1 ? items.get(0) : new Seq(List.copyOf(items));
    }

    private Expr braces() {
        if (isSetBuilder()) {
            return setBuilder(Kind.OP);
        }
        List<Expr> items = bracketItems("}");
        return items.size() == 1 ? items.get(0) : new SetOf(List.copyOf(items));
    }

    /** {@code \{x \mid -3 \le x \le 4\}} or {@code \{x : ...\}}: a letter, then | or :. */
    private boolean isSetBuilder() {
        if (pos + 1 >= tokens.size() || peek().kind() != Kind.LETTER) {
            return false;
        }
        Token bar = tokens.get(pos + 1);
        return bar.is("|") || bar.is(":");
    }

    /**
     * A set written by its condition is read as the condition, which the comparison turns into
     * the set of reals it describes; one condition only.
     */
    private Expr setBuilder(Kind closer) {
        pos += 2;
        Expr condition = relation();
        Token t = next();
        boolean closed = closer == Kind.RSET ? t.kind() == Kind.RSET : t.is("}");
        if (!closed) {
            throw new ParseException("a set written by a condition takes one condition");
        }
        return condition;
    }

    private List<Expr> bracedList(Kind closer) {
        if (peek().kind() == closer) {
            pos++;
            return List.of();
        }
        List<Expr> items = list();
        if (next().kind() != closer) {
            throw new ParseException("unclosed set");
        }
        return List.copyOf(items);
    }

    /** ( or [ opened: a group, a tuple, or an interval depending on the items and the closer. */
    private Expr bracket(String open) {
        List<Expr> items = list();
        Token close = next();
        if (!close.is(")") && !close.is("]")) {
            throw new ParseException("expected ')' or ']' but found '" + describe(close) + "'");
        }
        boolean leftClosed = open.equals("[");
        boolean rightClosed = close.is("]");
        if (items.size() == 1) {
            if (leftClosed != rightClosed) {
                throw new ParseException("mismatched brackets");
            }
            return items.get(0);
        }
        if (items.size() == 2 && (leftClosed || rightClosed || isInfinite(items.get(0)) || isInfinite(items.get(1)))) {
            return new Interval(leftClosed, items.get(0), items.get(1), rightClosed);
        }
        return new Tuple(List.copyOf(items));
    }

    private static boolean isInfinite(Expr e) {
        return e == Const.INFINITY || e instanceof Neg n && n.arg() == Const.INFINITY;
    }

    private Expr abs() {
        absDepth++;
        Expr inner = sum();
        absDepth--;
        expectOp("|");
        return new Func("abs", List.of(inner));
    }

    private Expr matrix(String env) {
        if (!MATRIX_ENVS.contains(env)) {
            throw new ParseException("unsupported environment " + env);
        }
        if (env.equals("array") && acceptOp("{")) {
            while (!acceptOp("}")) {
                if (next().kind() == Kind.EOF) {
                    throw new ParseException("unclosed array column specification");
                }
            }
        }
        List<List<Expr>> rows = new ArrayList<>();
        List<Expr> row = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.END_ENV) {
                pos++;
                if (!row.isEmpty()) {
                    rows.add(List.copyOf(row));
                }
                break;
            }
            if (t.kind() == Kind.EOF) {
                throw new ParseException("\\begin{" + env + "} without \\end");
            }
            if (t.kind() == Kind.ROWSEP) {
                pos++;
                rows.add(List.copyOf(row));
                row = new ArrayList<>();
                continue;
            }
            row.add(sum());
            if (!acceptOp("&") && peek().kind() != Kind.ROWSEP && peek().kind() != Kind.END_ENV) {
                throw new ParseException("unexpected '" + describe(peek()) + "' in matrix");
            }
        }
        int width = rows.isEmpty() ? 0 : rows.get(0).size();
        for (List<Expr> r : rows) {
            if (r.size() != width) {
                throw new ParseException("matrix rows of different lengths");
            }
        }
        if (width == 0) {
            throw new ParseException("empty matrix");
        }
        Expr m = new Matrix(List.copyOf(rows));
        return env.equals("vmatrix") ? new Func("det", List.of(m)) : m;
    }
}
