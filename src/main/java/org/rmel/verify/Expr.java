package org.rmel.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parsed form of an answer. Nodes are immutable records, so structural equality is
 * {@code equals} and a tree may be shared between threads. {@link #toString()} renders a plain
 * form that the parser reads back to an equal tree (the verdict shows it to the user).
 */
sealed interface Expr {

    /**
     * An exact number; {@code decimal} when it was written with a decimal point or an exponent
     * (0.333333, 4.5e33), the form Math-Verify compares after rounding.
     */
    record Num(Rational value, boolean decimal) implements Expr {
        Num(Rational value) {
            this(value, false);
        }

        @Override
        public String toString() {
            String text = decimal ? decimalText() : value.toString();
            return value.signum() < 0 ? "(" + text + ")" : text;
        }

        /** A decimal literal's value is a terminating decimal: render it as one. */
        private String decimalText() {
            try {
                return new java.math.BigDecimal(value.num()).divide(new java.math.BigDecimal(value.den())).toString();
            } catch (ArithmeticException notTerminating) {
                return value.toString();
            }
        }
    }

    /** A named constant with a fixed value: pi, e, i, infinity. */
    record Const(String name) implements Expr {
        static final Const PI = new Const("\\pi");
        static final Const E = new Const("e");
        static final Const I = new Const("i");
        static final Const INFINITY = new Const("\\infty");

        @Override
        public String toString() {
            return name;
        }
    }

    /** A free variable; evaluated at sample points when compared. */
    record Sym(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    record Neg(Expr arg) implements Expr {
        @Override
        public String toString() {
            return "-" + wrap(arg, true);
        }
    }

    record Add(List<Expr> terms) implements Expr {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (Expr t : terms) {
                if (b.length() > 0) {
                    b.append(t instanceof Neg n ? " - " + wrap(n.arg(), true) : " + " + t);
                } else {
                    b.append(t);
                }
            }
            return b.toString();
        }
    }

    record Mul(List<Expr> factors) implements Expr {
        @Override
        public String toString() {
            return factors.stream().map(f -> wrap(f, true)).collect(Collectors.joining("*"));
        }
    }

    record Div(Expr num, Expr den) implements Expr {
        @Override
        public String toString() {
            return wrap(num, true) + "/" + wrap(den, false);
        }
    }

    record Pow(Expr base, Expr exponent) implements Expr {
        @Override
        public String toString() {
            return wrap(base, false) + "^{" + exponent + "}";
        }
    }

    /**
     * A function applied to arguments. Names: sin, cos, ..., sqrt, root (radicand, index),
     * log (argument[, base]), ln, exp, abs, floor, ceil, factorial, binom, and {@code apply:NAME}
     * for an unknown function such as {@code f(x)} or {@code I(0)}.
     */
    record Func(String name, List<Expr> args) implements Expr {
        @Override
        public String toString() {
            if (name.startsWith("apply:")) {
                return name.substring(6) + "(" + join(args) + ")";
            }
            return switch (name) {
                case "factorial" -> wrap(args.get(0), false) + "!";
                case "abs" -> "|" + args.get(0) + "|";
                case "sqrt" -> "\\sqrt{" + args.get(0) + "}";
                case "floor" -> "\\lfloor " + args.get(0) + " \\rfloor";
                case "ceil" -> "\\lceil " + args.get(0) + " \\rceil";
                case "root" -> "\\sqrt[" + args.get(1) + "]{" + args.get(0) + "}";
                case "binom" -> "\\binom{" + args.get(0) + "}{" + args.get(1) + "}";
                case "log" -> args.size() == 2
                        ? "\\log_{" + args.get(1) + "}(" + args.get(0) + ")" : "\\log(" + args.get(0) + ")";
                default -> "\\" + name + "(" + join(args) + ")";
            };
        }
    }

    /** {@code p%}: a number written with a percent sign (the percent rule is in Equivalence). */
    record Percent(Expr arg) implements Expr {
        @Override
        public String toString() {
            return wrap(arg, false) + "%";
        }
    }

    /** {@code a ± b}; compared as the set of both values. */
    record PlusMinus(Expr left, Expr right) implements Expr {
        @Override
        public String toString() {
            return left + " \\pm " + wrap(right, true);
        }
    }

    /** An ordered tuple or point {@code (a, b, ...)}. */
    record Tuple(List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return "(" + join(items) + ")";
        }
    }

    record Interval(boolean leftClosed, Expr low, Expr high, boolean rightClosed) implements Expr {
        @Override
        public String toString() {
            return (leftClosed ? "[" : "(") + low + ", " + high + (rightClosed ? "]" : ")");
        }
    }

    /** A set written with braces. */
    record SetOf(List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return "\\{" + join(items) + "\\}";
        }
    }

    /** A bare comma-separated list of answers; compared like a set. */
    record Seq(List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return join(items);
        }
    }

    record Union(List<Expr> parts) implements Expr {
        @Override
        public String toString() {
            return parts.stream().map(Expr::toString).collect(Collectors.joining(" \\cup "));
        }
    }

    /** An equation, inequality or membership, possibly chained: operands.size() == ops.size() + 1. */
    record Relation(List<Expr> operands, List<String> ops) implements Expr {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(operands.get(0).toString());
            for (int k = 0; k < ops.size(); k++) {
                b.append(' ').append(ops.get(k)).append(' ').append(operands.get(k + 1));
            }
            return b.toString();
        }
    }

    record Matrix(List<List<Expr>> rows) implements Expr {
        @Override
        public String toString() {
            return rows.stream().map(r -> r.stream().map(Expr::toString).collect(Collectors.joining(" & ")))
                    .collect(Collectors.joining(" \\\\ ", "\\begin{pmatrix} ", " \\end{pmatrix}"));
        }
    }

    /** A word answer such as {@code \text{Evelyn}}; compared ignoring case and spaces. */
    record Text(String text) implements Expr {
        @Override
        public String toString() {
            return "\\text{" + text + "}";
        }
    }

    private static String join(List<Expr> items) {
        return items.stream().map(Expr::toString).collect(Collectors.joining(", "));
    }

    /** Parenthesises a child whose own rendering would bind looser than its parent. */
    private static String wrap(Expr e, boolean productContext) {
        boolean atomic = e instanceof Num n ? n.value().signum() >= 0 && n.value().isInteger()
                : e instanceof Sym || e instanceof Const || e instanceof Func
                        || e instanceof Tuple || e instanceof Matrix
                        || (productContext && (e instanceof Pow || e instanceof Mul));
        return atomic ? e.toString() : "(" + e + ")";
    }
}
