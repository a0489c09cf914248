package org.rmel.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rmel.verify.Expr.Const;
import org.rmel.verify.Expr.Func;
import org.rmel.verify.Expr.Interval;
import org.rmel.verify.Expr.Neg;
import org.rmel.verify.Expr.Num;
import org.rmel.verify.Expr.Relation;
import org.rmel.verify.Expr.Seq;
import org.rmel.verify.Expr.Sym;
import org.rmel.verify.Expr.Union;

/**
 * The set of reals an answer describes, as a list of intervals: an interval, a union, or an
 * inequality (chain) in one variable {@code v} or its absolute value {@code |v|} with constant
 * bounds. A list of such inequalities ("x < -2 or x > 3") is the union of their sets. Anything
 * else (two variables, {@code x^2 < 4}, bounds with symbols) gives null.
 */
final class SolutionSets {
    private static final Expr NEG_INFINITY = new Neg(Const.INFINITY);
    private final Evaluator eval;

    SolutionSets(Evaluator eval) {
        this.eval = eval;
    }

    List<Interval> of(Expr e) {
        if (e instanceof Interval i) {
            return List.of(i);
        }
        if (e instanceof Union u) {
            List<Interval> out = new ArrayList<>();
            for (Expr part : u.parts()) {
                List<Interval> p = of(part);
                if (p == null) {
                    return null;
                }
                out.addAll(p);
            }
            return out;
        }
        if (e instanceof Relation r) {
            return inequality(r);
        }
        if (e instanceof Seq s) {
            List<Interval> out = new ArrayList<>();
            String variable = null;
            for (Expr item : s.items()) {
                if (!(item instanceof Relation r)) {
                    return null;
                }
                String v = variableOf(r);
                if (v == null || variable != null && !variable.equals(v)) {
                    return null;
                }
                variable = v;
                List<Interval> p = inequality(r);
                if (p == null) {
                    return null;
                }
                out.addAll(p);
            }
            return out;
        }
        return null;
    }

    /** The one variable of a relation, or null when it has none or several. */
    private static String variableOf(Relation r) {
        Set<String> names = new HashSet<>();
        for (Expr o : r.operands()) {
            symbols(o, names, 0);
        }
        return names.size() == 1 ? names.iterator().next() : null;
    }

    private List<Interval> inequality(Relation relation) {
        if (relation.ops().equals(List.of("≠"))) {
            return excluded(relation);
        }
        if (!relation.ops().stream().allMatch(o -> o.equals("<") || o.equals("≤") || o.equals(">") || o.equals("≥"))) {
            return null;
        }
        Relation r = Equivalence.oriented(relation);
        if (!r.ops().stream().allMatch(o -> o.equals("<") || o.equals("≤"))) {
            return null; // a chain that changes direction
        }
        String variable = variableOf(r);
        if (variable == null) {
            return null;
        }
        List<Expr> v = r.operands();
        int at = -1;
        for (int k = 0; k < v.size(); k++) {
            Set<String> names = new HashSet<>();
            symbols(v.get(k), names, 0);
            if (!names.isEmpty()) {
                if (at >= 0) {
                    return null;
                }
                at = k;
            } else if (!isConstant(v.get(k))) {
                return null;
            }
        }
        if (at < 0 || v.size() > 3 || v.size() == 3 && at != 1) {
            return null;
        }
        Expr low = at > 0 ? v.get(at - 1) : NEG_INFINITY;
        boolean lowClosed = at > 0 && r.ops().get(at - 1).equals("≤");
        Expr high = at < v.size() - 1 ? v.get(at + 1) : Const.INFINITY;
        boolean highClosed = at < v.size() - 1 && r.ops().get(at).equals("≤");
        Expr f = v.get(at);
        boolean absolute = f instanceof Func abs && abs.name().equals("abs");
        Rational[] line = affine(absolute ? ((Func) f).args().get(0) : f, variable);
        if (line == null) {
            return null;
        }
        List<Interval> inner = absolute ? absolute(low, lowClosed, high, highClosed)
                : List.of(new Interval(lowClosed, low, high, highClosed));
        if (inner == null) {
            return null;
        }
        List<Interval> out = new ArrayList<>();
        for (Interval i : inner) {
            out.add(inverse(i, line[0], line[1]));
        }
        return out;
    }

    /** x ≠ c: the reals without c, (-∞, c) ∪ (c, ∞). */
    private List<Interval> excluded(Relation r) {
        Expr left = r.operands().get(0);
        Expr right = r.operands().get(1);
        Expr c = left instanceof Sym ? right : right instanceof Sym ? left : null;
        if (c == null || Double.isNaN(real(c))) {
            return null;
        }
        return List.of(new Interval(false, NEG_INFINITY, c, false), new Interval(false, c, Const.INFINITY, false));
    }

    /**
     * {a, b} when f(v) = a v + b with a non-zero (checked exactly at five points, two of them
     * not integers), else null.
     */
    private Rational[] affine(Expr f, String variable) {
        if (f instanceof Sym) {
            return new Rational[] {Rational.ONE, Rational.ZERO};
        }
        Rational f0 = at(f, variable, Rational.ZERO);
        Rational f1 = at(f, variable, Rational.ONE);
        if (f0 == null || f1 == null) {
            return null;
        }
        Rational a = f1.subtract(f0);
        if (a.signum() == 0) {
            return null;
        }
        for (Rational t : new Rational[] {Rational.of(2), Rational.of(-3), Rational.of(1).divide(Rational.of(2)),
            Rational.of(7).divide(Rational.of(3))}) {
            Rational ft = at(f, variable, t);
            if (ft == null || !ft.equals(a.multiply(t).add(f0))) {
                return null;
            }
        }
        return new Rational[] {a, f0};
    }

    private Rational at(Expr f, String variable, Rational value) {
        return eval.exact(substitute(f, variable, new Num(value), 0));
    }

    private static Expr substitute(Expr e, String variable, Expr value, int depth) {
        if (depth > 60) {
            throw new LimitExceededException("nesting too deep to solve the inequality");
        }
        if (e instanceof Sym s) {
            return s.name().equals(variable) ? value : e;
        }
        List<Expr> kids = Equivalence.children(e);
        if (kids.isEmpty()) {
            return e;
        }
        List<Expr> copy = new ArrayList<>(kids.size());
        for (Expr k : kids) {
            copy.add(substitute(k, variable, value, depth + 1));
        }
        return Equivalence.rebuild(e, copy);
    }

    /** The interval of v where a v + b lies in {@code i}. */
    private Interval inverse(Interval i, Rational a, Rational b) {
        if (a.equals(Rational.ONE) && b.signum() == 0) {
            return i;
        }
        Expr lo = solveFor(i.low(), a, b);
        Expr hi = solveFor(i.high(), a, b);
        return a.signum() > 0 ? new Interval(i.leftClosed(), lo, hi, i.rightClosed())
                : new Interval(i.rightClosed(), hi, lo, i.leftClosed());
    }

    private Expr solveFor(Expr end, Rational a, Rational b) {
        if (end == Const.INFINITY || end.equals(NEG_INFINITY)) {
            boolean positive = (end == Const.INFINITY) == (a.signum() > 0);
            return positive ? Const.INFINITY : NEG_INFINITY;
        }
        Rational exact = eval.exact(end);
        if (exact != null) {
            Rational x = exact.subtract(b).divide(a);
            return x.signum() < 0 ? new Neg(new Num(x.negate())) : new Num(x);
        }
        return new Expr.Div(new Expr.Add(List.of(end, new Neg(new Num(b)))), new Num(a));
    }

    /** low (≤|<) |u| (≤|<) high as intervals of u. */
    private List<Interval> absolute(Expr low, boolean lowClosed, Expr high, boolean highClosed) {
        double lo = low == NEG_INFINITY ? Double.NEGATIVE_INFINITY : real(low);
        if (Double.isNaN(lo)) {
            return null;
        }
        Expr negHigh = high == Const.INFINITY ? NEG_INFINITY : new Neg(high);
        if (lo < 0 || lo == 0 && !lowClosed) {
            // only the upper bound constrains: |u| < h is (-h, h)
            return high == Const.INFINITY ? null : List.of(new Interval(highClosed, negHigh, high, highClosed));
        }
        return List.of(new Interval(highClosed, negHigh, new Neg(low), lowClosed),
                new Interval(lowClosed, low, high, highClosed));
    }

    private static void symbols(Expr e, Set<String> out, int depth) {
        if (e instanceof Sym s) {
            out.add(s.name());
        } else if (depth < 60) {
            for (Expr c : Equivalence.children(e)) {
                symbols(c, out, depth + 1);
            }
        }
    }

    private boolean isConstant(Expr e) {
        return !Double.isNaN(real(e)) || e == Const.INFINITY || e.equals(NEG_INFINITY);
    }

    private double real(Expr e) {
        Set<String> names = new HashSet<>();
        symbols(e, names, 0);
        if (!names.isEmpty()) {
            return Double.NaN;
        }
        Complex c = eval.numeric(e, 0);
        return c.isReal() && Double.isFinite(c.re()) ? c.re() : Double.NaN;
    }

}
