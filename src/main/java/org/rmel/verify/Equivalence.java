package org.rmel.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import org.rmel.verify.Expr.Text;
import org.rmel.verify.Expr.Tuple;
import org.rmel.verify.Expr.Union;

/**
 * Decides whether a prediction equals the gold answer. The gold answer's shape picks the rule
 * (asymmetric): a gold list or set matches in any order, a tuple in order, an interval with its
 * brackets, a relation as a relation, a number by value. Scalars are compared exactly when both
 * are rational, else numerically at sample points (see {@link VerifierSettings}).
 */
final class Equivalence {
    /** A decision and why. */
    record Outcome(boolean equal, String reason) {
        static Outcome yes(String reason) {
            return new Outcome(true, reason);
        }

        static Outcome no(String reason) {
            return new Outcome(false, reason);
        }
    }

    private static final int MAX_EXPANSIONS = 16;
    /**
     * Tolerance on the ratio of two relations' sides. Much tighter than the value tolerance:
     * when one term dominates at the sample points (10^5 M^6 next to dM/dt), a loose check
     * would call relations with different coefficients proportional.
     */
    private static final double RATIO_TOLERANCE = 1e-10;
    private final VerifierSettings settings;
    private final Budget budget;
    private final Evaluator eval;

    Equivalence(VerifierSettings settings, Budget budget) {
        this.settings = settings;
        this.budget = budget;
        this.eval = new Evaluator(budget);
    }

    /** Brings an answer to the form that is compared: see {@link #prepare}. */
    Expr prepare(Expr e) {
        budget.tick();
        if (e instanceof Relation r && isAssignment(r)) {
            return prepare(r.operands().get(1));
        }
        if (e instanceof Seq s) {
            return new Seq(prepareItems(s.items()));
        }
        if (e instanceof SetOf s) {
            return new SetOf(prepareItems(s.items()));
        }
        if (containsPlusMinus(e, 0)) {
            List<Expr> variants = expand(e);
            return variants.size() == 1 ? variants.get(0) : new Seq(variants);
        }
        return e;
    }

    /** x = 5, f(x) = 2x, x \in [a, b]: a name on the left is only a label for the answer. */
    private static boolean isAssignment(Relation r) {
        if (r.ops().size() != 1 || !(r.ops().get(0).equals("=") || r.ops().get(0).equals("∈"))) {
            return false;
        }
        Expr left = r.operands().get(0);
        return left instanceof Sym || left instanceof Func f && f.name().startsWith("apply:");
    }

    private List<Expr> prepareItems(List<Expr> items) {
        List<Expr> out = new ArrayList<>();
        for (Expr item : items) {
            Expr p = prepare(item);
            if (p instanceof Seq s) {
                out.addAll(s.items()); // 1 \pm \sqrt{5} inside a list is two items
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private boolean containsPlusMinus(Expr e, int depth) {
        budget.tick();
        budget.checkDepth(depth);
        if (e instanceof PlusMinus) {
            return true;
        }
        for (Expr c : children(e)) {
            if (containsPlusMinus(c, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** All sign choices of the ± signs in a scalar expression (at most 16). */
    private List<Expr> expand(Expr e) {
        List<Expr> done = new ArrayList<>();
        List<Expr> work = new ArrayList<>(List.of(e));
        while (!work.isEmpty()) {
            Expr w = work.remove(work.size() - 1);
            Expr plus = replaceFirstPlusMinus(w, true, 0);
            if (plus == null) {
                done.add(w);
            } else {
                work.add(replaceFirstPlusMinus(w, false, 0));
                work.add(plus);
            }
            if (done.size() + work.size() > MAX_EXPANSIONS) {
                throw new LimitExceededException("more than " + MAX_EXPANSIONS + " ± combinations");
            }
        }
        return List.copyOf(done);
    }

    /** A copy with the first ± made + (or -), or null when there is none. */
    private Expr replaceFirstPlusMinus(Expr e, boolean plus, int depth) {
        budget.tick();
        budget.checkDepth(depth);
        if (e instanceof PlusMinus pm) {
            Expr right = plus ? pm.right() : new Neg(pm.right());
            return pm.left() instanceof Num n && n.value().signum() == 0 ? right : new Add(List.of(pm.left(), right));
        }
        List<Expr> kids = children(e);
        for (int k = 0; k < kids.size(); k++) {
            Expr r = replaceFirstPlusMinus(kids.get(k), plus, depth + 1);
            if (r != null) {
                List<Expr> copy = new ArrayList<>(kids);
                copy.set(k, r);
                return rebuild(e, copy);
            }
        }
        return null;
    }

    private static List<Expr> children(Expr e) {
        if (e instanceof Add a) {
            return a.terms();
        } else if (e instanceof Mul m) {
            return m.factors();
        } else if (e instanceof Neg n) {
            return List.of(n.arg());
        } else if (e instanceof Div d) {
            return List.of(d.num(), d.den());
        } else if (e instanceof Pow p) {
            return List.of(p.base(), p.exponent());
        } else if (e instanceof Func f) {
            return f.args();
        } else if (e instanceof Percent p) {
            return List.of(p.arg());
        } else if (e instanceof PlusMinus pm) {
            return List.of(pm.left(), pm.right());
        } else if (e instanceof Tuple t) {
            return t.items();
        }
        return List.of();
    }

    private static Expr rebuild(Expr e, List<Expr> kids) {
        if (e instanceof Add) {
            return new Add(List.copyOf(kids));
        } else if (e instanceof Mul) {
            return new Mul(List.copyOf(kids));
        } else if (e instanceof Neg) {
            return new Neg(kids.get(0));
        } else if (e instanceof Div) {
            return new Div(kids.get(0), kids.get(1));
        } else if (e instanceof Pow) {
            return new Pow(kids.get(0), kids.get(1));
        } else if (e instanceof Func f) {
            return new Func(f.name(), List.copyOf(kids));
        } else if (e instanceof Percent) {
            return new Percent(kids.get(0));
        } else if (e instanceof Tuple) {
            return new Tuple(List.copyOf(kids));
        }
        throw new IllegalStateException("no children in " + e.getClass().getSimpleName());
    }

    /** Compares prepared answers. */
    Outcome compare(Expr gold, Expr pred) {
        budget.tick();
        if (gold.equals(pred)) {
            return Outcome.yes("identical after normalisation");
        }
        if (gold instanceof Seq || gold instanceof SetOf) {
            List<Expr> g = items(gold);
            if (pred instanceof Seq || pred instanceof SetOf) {
                return sameSet(g, items(pred), "answers");
            }
            if (g.size() == 1) {
                return compare(g.get(0), pred);
            }
            return Outcome.no("gold has " + g.size() + " answers, prediction has one");
        }
        if (pred instanceof Seq || pred instanceof SetOf) {
            List<Expr> p = items(pred);
            return p.size() == 1 ? compare(gold, p.get(0))
                    : Outcome.no("prediction has " + p.size() + " answers, gold has one");
        }
        if (gold instanceof Tuple t) {
            return tuple(t.items(), pred);
        }
        if (gold instanceof Interval i) {
            Interval fromRelation = pred instanceof Relation r ? asInterval(r) : null;
            return interval(i, fromRelation != null ? fromRelation : pred);
        }
        if (gold instanceof Relation r && pred instanceof Interval) {
            Interval fromRelation = asInterval(r);
            if (fromRelation != null) {
                return interval(fromRelation, pred);
            }
        }
        if (gold instanceof Union u) {
            if (pred instanceof Union v) {
                return sameSet(u.parts(), v.parts(), "union parts");
            }
            return Outcome.no("gold is a union, prediction is not");
        }
        if (gold instanceof Matrix m) {
            return matrix(m, pred);
        }
        if (gold instanceof Relation r) {
            return pred instanceof Relation s ? relation(r, s) : Outcome.no("gold is a relation, prediction is not");
        }
        if (gold instanceof Text t) {
            return text(t, pred);
        }
        if (!isScalar(pred)) {
            return Outcome.no("gold is a value, prediction is a " + kind(pred));
        }
        return scalar(gold, pred);
    }

    private static List<Expr> items(Expr e) {
        return e instanceof Seq s ? s.items() : ((SetOf) e).items();
    }

    private static boolean isScalar(Expr e) {
        return !(e instanceof Seq || e instanceof SetOf || e instanceof Tuple || e instanceof Interval
                || e instanceof Union || e instanceof Matrix || e instanceof Relation || e instanceof Text);
    }

    private static String kind(Expr e) {
        return e.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Set semantics: every gold item is matched by a predicted one and every predicted item by a gold one. */
    private Outcome sameSet(List<Expr> gold, List<Expr> pred, String what) {
        if (gold.size() * (long) pred.size() > 40_000) {
            throw new LimitExceededException("lists too long to compare");
        }
        boolean[] predMatched = new boolean[pred.size()];
        for (Expr g : gold) {
            boolean found = false;
            for (int k = 0; k < pred.size(); k++) {
                if (compare(g, pred.get(k)).equal()) {
                    predMatched[k] = true;
                    found = true;
                }
            }
            if (!found) {
                return Outcome.no("gold item " + g + " is missing from the prediction");
            }
        }
        for (int k = 0; k < pred.size(); k++) {
            if (!predMatched[k]) {
                return Outcome.no("predicted item " + pred.get(k) + " is not in the gold " + what);
            }
        }
        return Outcome.yes("same " + what + " in any order");
    }

    private Outcome sequence(List<Expr> gold, List<Expr> pred, String what) {
        if (gold.size() != pred.size()) {
            return Outcome.no(what + " of length " + gold.size() + " vs " + pred.size());
        }
        for (int k = 0; k < gold.size(); k++) {
            Outcome o = compare(gold.get(k), pred.get(k));
            if (!o.equal()) {
                return Outcome.no(what + " item " + (k + 1) + " differs: " + o.reason());
            }
        }
        return Outcome.yes("same " + what + " items in order");
    }

    private Outcome tuple(List<Expr> gold, Expr pred) {
        if (pred instanceof Tuple p) {
            return sequence(gold, p.items(), "tuple");
        }
        if (pred instanceof Interval i && gold.size() == 2 && !i.leftClosed() && !i.rightClosed()) {
            return sequence(gold, List.of(i.low(), i.high()), "pair");
        }
        if (pred instanceof Matrix m && vector(m) != null) {
            return sequence(gold, vector(m), "vector");
        }
        return Outcome.no("gold is a tuple, prediction is a " + kind(pred));
    }

    private Outcome interval(Interval gold, Expr pred) {
        Interval p;
        if (pred instanceof Interval i) {
            p = i;
        } else if (pred instanceof Tuple t && t.items().size() == 2) {
            p = new Interval(false, t.items().get(0), t.items().get(1), false);
        } else {
            return Outcome.no("gold is an interval, prediction is a " + kind(pred));
        }
        if (gold.leftClosed() != p.leftClosed() || gold.rightClosed() != p.rightClosed()) {
            return Outcome.no("interval brackets differ");
        }
        return sequence(List.of(gold.low(), gold.high()), List.of(p.low(), p.high()), "interval end");
    }

    private static List<Expr> vector(Matrix m) {
        if (m.rows().size() == 1) {
            return m.rows().get(0);
        }
        if (m.rows().get(0).size() == 1) {
            List<Expr> column = new ArrayList<>();
            m.rows().forEach(r -> column.add(r.get(0)));
            return column;
        }
        return null;
    }

    private Outcome matrix(Matrix gold, Expr pred) {
        if (pred instanceof Tuple t && vector(gold) != null) {
            return sequence(vector(gold), t.items(), "vector");
        }
        if (!(pred instanceof Matrix p)) {
            return Outcome.no("gold is a matrix, prediction is a " + kind(pred));
        }
        if (gold.rows().size() != p.rows().size() || gold.rows().get(0).size() != p.rows().get(0).size()) {
            return Outcome.no("matrix shapes differ");
        }
        for (int r = 0; r < gold.rows().size(); r++) {
            Outcome o = sequence(gold.rows().get(r), p.rows().get(r), "matrix row");
            if (!o.equal()) {
                return o;
            }
        }
        return Outcome.yes("same matrix entries");
    }

    private static Outcome text(Text gold, Expr pred) {
        String p = pred instanceof Text t ? t.text() : pred.toString();
        String a = gold.text().replace(" ", "").toLowerCase(Locale.ROOT);
        String b = p.replace(" ", "").toLowerCase(Locale.ROOT);
        return a.equals(b) ? Outcome.yes("same text") : Outcome.no("different text");
    }

    private Outcome relation(Relation gold, Relation pred) {
        Relation g = oriented(gold);
        Relation p = oriented(pred);
        if (!g.ops().equals(p.ops())) {
            return Outcome.no("different relation symbols " + g.ops() + " vs " + p.ops());
        }
        Outcome sides = sequence(g.operands(), p.operands(), "relation side");
        if (sides.equal() || g.ops().size() != 1) {
            return sides;
        }
        String op = g.ops().get(0);
        if (op.equals("=") || op.equals("≠")) {
            Outcome swapped = sequence(g.operands(), List.of(p.operands().get(1), p.operands().get(0)), "relation side");
            if (swapped.equal()) {
                return swapped;
            }
        }
        if (op.equals("∈")) {
            return sides;
        }
        // same relation written differently: lhs - rhs agree up to a constant factor
        // (positive for inequalities, so the direction is kept)
        Expr dg = new Add(List.of(g.operands().get(0), new Neg(g.operands().get(1))));
        Expr dp = new Add(List.of(p.operands().get(0), new Neg(p.operands().get(1))));
        return proportional(dg, dp, op.equals("=") || op.equals("≠"));
    }

    /**
     * The interval a one-variable inequality describes: 2 < x ≤ 5 is (2, 5], x ≥ 2 is [2, ∞);
     * null for anything else.
     */
    private static Interval asInterval(Relation relation) {
        Relation r = oriented(relation);
        List<Expr> v = r.operands();
        List<String> ops = r.ops();
        if (!ops.stream().allMatch(o -> o.equals("<") || o.equals("≤"))) {
            return null;
        }
        Expr negInf = new Neg(Const.INFINITY);
        if (ops.size() == 2 && v.get(1) instanceof Sym && !(v.get(0) instanceof Sym) && !(v.get(2) instanceof Sym)) {
            return new Interval(ops.get(0).equals("≤"), v.get(0), v.get(2), ops.get(1).equals("≤"));
        }
        if (ops.size() == 1 && v.get(0) instanceof Sym && !(v.get(1) instanceof Sym)) {
            return new Interval(false, negInf, v.get(1), ops.get(0).equals("≤"));
        }
        if (ops.size() == 1 && v.get(1) instanceof Sym && !(v.get(0) instanceof Sym)) {
            return new Interval(ops.get(0).equals("≤"), v.get(0), Const.INFINITY, false);
        }
        return null;
    }

    /** a > b becomes b < a, so that every chain reads with < and ≤. */
    private static Relation oriented(Relation r) {
        boolean descending = r.ops().stream().allMatch(o -> o.equals(">") || o.equals("≥"));
        if (!descending) {
            return r;
        }
        List<Expr> operands = new ArrayList<>(r.operands());
        java.util.Collections.reverse(operands);
        List<String> ops = new ArrayList<>();
        for (int k = r.ops().size() - 1; k >= 0; k--) {
            ops.add(r.ops().get(k).equals(">") ? "<" : "≤");
        }
        return new Relation(List.copyOf(operands), List.copyOf(ops));
    }

    private Outcome proportional(Expr a, Expr b, boolean anySign) {
        Double ratio = null;
        int valid = 0;
        for (int point = 0; point < settings.samplePoints() + 4 && valid < settings.samplePoints(); point++) {
            Complex x = eval.numeric(a, point);
            Complex y = eval.numeric(b, point);
            if (!x.isFinite() || !y.isFinite() || !x.isReal() || !y.isReal() || y.re() == 0) {
                continue;
            }
            double r = x.re() / y.re();
            if (ratio == null) {
                if (r == 0 || !anySign && r < 0) {
                    return Outcome.no("relations differ");
                }
                ratio = r;
            } else if (Math.abs(r - ratio) > RATIO_TOLERANCE * Math.max(Math.abs(r), Math.abs(ratio))) {
                return Outcome.no("relations differ");
            }
            valid++;
        }
        return valid >= 2 ? Outcome.yes("equivalent relations (sides differ by a constant factor)")
                : Outcome.no("relations could not be evaluated");
    }

    /** The percent rule; see README. */
    private Outcome scalar(Expr gold, Expr pred) {
        if (gold instanceof Percent g) {
            if (pred instanceof Percent p) {
                return value(g.arg(), p.arg());
            }
            Outcome asNumber = value(g.arg(), pred);
            if (asNumber.equal()) {
                return Outcome.yes(asNumber.reason() + " (gold percent written without %)");
            }
            return value(gold, pred);
        }
        return value(gold, pred);
    }

    private Outcome value(Expr gold, Expr pred) {
        Rational g = eval.exact(gold);
        Rational p = g == null ? null : eval.exact(pred);
        if (g != null && p != null) {
            if (g.equals(p)) {
                return Outcome.yes("equal numbers " + g);
            }
            if (g.isInteger() && p.isInteger()) {
                return Outcome.no("different integers " + g + " and " + p);
            }
            Rational diff = g.subtract(p).abs();
            Rational scale = g.abs().compareTo(p.abs()) >= 0 ? g.abs() : p.abs();
            if (diff.compareTo(scale.multiply(settings.relativeToleranceRational())) <= 0) {
                return Outcome.yes("numbers equal within relative tolerance " + settings.relativeTolerance());
            }
            return Outcome.no("different numbers " + g + " and " + p);
        }
        Set<String> symbols = new HashSet<>();
        collectSymbols(gold, symbols, 0);
        collectSymbols(pred, symbols, 0);
        int wanted = symbols.isEmpty() ? 1 : settings.samplePoints();
        int valid = 0;
        for (int point = 0; point < wanted + 4 && valid < wanted; point++) {
            Complex a = eval.numeric(gold, point);
            Complex b = eval.numeric(pred, point);
            boolean aInf = isInfinite(a);
            boolean bInf = isInfinite(b);
            if (aInf || bInf) {
                if (aInf && bInf && Math.signum(a.re()) == Math.signum(b.re()) && symbols.isEmpty()) {
                    return Outcome.yes("both infinite");
                }
                if (symbols.isEmpty()) {
                    return aInf && bInf ? Outcome.no("different infinities")
                            : Outcome.no("cannot compare " + a + " and " + b);
                }
                continue;
            }
            if (!a.isFinite() || !b.isFinite()) {
                continue; // undefined at this point: try another
            }
            if (!closeComplex(a, b)) {
                return Outcome.no(symbols.isEmpty() ? "different values " + a + " and " + b
                        : "different values at a sample point (" + a + " vs " + b + ")");
            }
            valid++;
        }
        if (valid == 0 || !symbols.isEmpty() && valid < 2) {
            return Outcome.no("could not evaluate the answers to compare them");
        }
        return Outcome.yes(symbols.isEmpty() ? "equal values within relative tolerance " + settings.relativeTolerance()
                : "equal at " + valid + " sample points of " + symbols);
    }

    private static boolean isInfinite(Complex c) {
        return Double.isInfinite(c.re()) && c.im() == 0 || Double.isInfinite(c.re()) && Double.isNaN(c.im());
    }

    private void collectSymbols(Expr e, Set<String> out, int depth) {
        budget.tick();
        budget.checkDepth(depth);
        if (e instanceof Sym s) {
            out.add(s.name());
        } else {
            for (Expr c : children(e)) {
                collectSymbols(c, out, depth + 1);
            }
        }
    }

    private boolean closeComplex(Complex a, Complex b) {
        double scale = Math.max(a.abs(), b.abs());
        return a.subtract(b).abs() <= settings.relativeTolerance() * scale + settings.absoluteTolerance();
    }

}
