package org.rmel.verify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Decides whether a prediction equals the gold answer, following Math-Verify's rules where they
 * are known (README, "Verifier"): an equation predicted against a value is read as its value
 * side; a gold assignment {@code x = 5} against a value as its right side; lists and sets compare
 * as sets (a set against a tuple too); one-variable inequalities, intervals and unions compare as
 * solution sets; two exact numbers compare exactly, a decimal against a number after rounding
 * both to {@link VerifierSettings#floatRounding()} places; everything else numerically.
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

        Outcome because(String prefix) {
            return new Outcome(equal, prefix + reason);
        }
    }

    private static final int MAX_EXPANSIONS = 16;
    /**
     * Tolerance on the ratio of two relations' sides. Much tighter than the value tolerance:
     * when one term dominates at the sample points (10^5 M^6 next to dM/dt), a loose check
     * would call relations with different coefficients proportional.
     */
    private static final double RATIO_TOLERANCE = 1e-10;
    /**
     * A decimal against an irrational value (3.14159 against pi) is equal only when the
     * difference vanishes at double precision, as SymPy's chopped 15-digit evaluation decides.
     */
    private static final double CHOP = 0x1.0p-49;
    private final VerifierSettings settings;
    private final Budget budget;
    private final Evaluator eval;

    Equivalence(VerifierSettings settings, Budget budget) {
        this.settings = settings;
        this.budget = budget;
        this.eval = new Evaluator(budget);
    }

    /**
     * Brings an answer to the form that is compared: lists and sets flattened, {@code x \in S}
     * read as S, and every ± expanded into the list of its values.
     */
    Expr prepare(Expr e) {
        budget.tick();
        if (e instanceof Relation r && isMembership(r)) {
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

    /** x \in [a, b]: a name on the left of \in only labels the set. */
    private static boolean isMembership(Relation r) {
        return r.ops().size() == 1 && r.ops().get(0).equals("∈") && isSymbolsOnly(r.operands().get(0), 0);
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

    /** All sign choices of the ± signs (at most 16 values). */
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

    static List<Expr> children(Expr e) {
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
        } else if (e instanceof Relation r) {
            return r.operands();
        }
        return List.of();
    }

    static Expr rebuild(Expr e, List<Expr> kids) {
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
        } else if (e instanceof Relation r) {
            return new Relation(List.copyOf(kids), r.ops());
        }
        throw new IllegalStateException("no children in " + e.getClass().getSimpleName());
    }

    // ------------------------------------------------------------------ comparison

    /** Compares prepared answers. */
    Outcome compare(Expr gold, Expr pred) {
        budget.tick();
        if (gold.equals(pred)) {
            return Outcome.yes("identical after normalisation");
        }
        // Math-Verify's rule: a predicted equation against a gold value is read as its value side
        // (x = 11, (a, b) = (5, 1), A + B = M, y = 2 + 3 = 5: the last side)
        if (pred instanceof Relation r && isEquation(r) && !(gold instanceof Relation)) {
            return compare(gold, valueSide(r)).because("the prediction's value side: ");
        }
        // and a gold assignment x = 5 (a left side of names only) against a value is its right side
        if (gold instanceof Relation r && isEquation(r) && isSymbolsOnly(r.operands().get(0), 0)
                && !(pred instanceof Relation)) {
            return compare(r.operands().get(r.operands().size() - 1), pred).because("the gold value side: ");
        }
        Outcome sets = solutionSets(gold, pred);
        if (sets != null) {
            return sets;
        }
        boolean goldList = gold instanceof Seq || gold instanceof SetOf;
        boolean predList = pred instanceof Seq || pred instanceof SetOf;
        if (goldList || predList) {
            return collections(gold, pred, goldList, predList);
        }
        if (gold instanceof Tuple t) {
            return tuple(t.items(), pred);
        }
        if (gold instanceof Interval i) {
            return interval(i, pred);
        }
        if (gold instanceof Union) {
            return Outcome.no("gold is a union, prediction is a " + kind(pred));
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

    /** An equation or approximation chain: only = and ≈. */
    private static boolean isEquation(Relation r) {
        for (String op : r.ops()) {
            if (!op.equals("=") && !op.equals("≈")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The side of an equation that is the value: the last side, unless it is only names while the
     * first side has none ({@code 11 = x}).
     */
    private Expr valueSide(Relation r) {
        Expr last = r.operands().get(r.operands().size() - 1);
        Expr first = r.operands().get(0);
        if (isSymbolsOnly(last, 0) && !hasSymbols(first)) {
            return first;
        }
        return last;
    }

    /**
     * A left side that only names the answer: symbols and their products, quotients, powers,
     * tuples and function applications ({@code x}, {@code PQ}, {@code \frac{AM}{MC}},
     * {@code (a, b)}, {@code f(x)}, {@code x_{1}}), with no number in it.
     */
    private static boolean isSymbolsOnly(Expr e, int depth) {
        if (depth > 20) {
            return false;
        }
        if (e instanceof Sym || e == Const.E || e == Const.I) {
            return true;
        }
        if (e instanceof Func f && f.name().startsWith("apply:")) {
            return f.args().stream().allMatch(a -> isSymbolsOnly(a, depth + 1));
        }
        if (e instanceof Mul m) {
            return m.factors().stream().allMatch(a -> isSymbolsOnly(a, depth + 1));
        }
        if (e instanceof Div d) {
            return isSymbolsOnly(d.num(), depth + 1) && isSymbolsOnly(d.den(), depth + 1);
        }
        if (e instanceof Pow p && p.exponent() instanceof Neg n && n.arg() instanceof Num one
                && one.value().equals(Rational.ONE)) {
            return isSymbolsOnly(p.base(), depth + 1); // f^{-1}(x): the inverse function's name
        }
        if (e instanceof Tuple t) {
            return t.items().stream().allMatch(a -> isSymbolsOnly(a, depth + 1));
        }
        return false;
    }

    private boolean hasSymbols(Expr e) {
        Set<String> symbols = new HashSet<>();
        collectSymbols(e, symbols, 0);
        return !symbols.isEmpty();
    }

    private static List<Expr> items(Expr e) {
        return e instanceof Seq s ? s.items() : ((SetOf) e).items();
    }

    /**
     * Lists and sets: as sets, in any order, each item matched. A gold list against a tuple reads
     * the tuple as a set; a gold tuple (or open pair) against a predicted set reads the set in
     * increasing order, as SymPy orders a finite set. A single answer against a list must equal
     * every item ({5, 5} is {5}).
     */
    private Outcome collections(Expr gold, Expr pred, boolean goldList, boolean predList) {
        if (goldList && predList) {
            return sameSet(items(gold), items(pred), "answers");
        }
        if (goldList) {
            List<Expr> g = items(gold);
            if (pred instanceof Tuple t && t.items().size() == g.size()) {
                return sameSet(g, t.items(), "answers").because("the tuple read as a set: ");
            }
            return sameSet(g, List.of(pred), "answers");
        }
        List<Expr> p = items(pred);
        List<Expr> ordered = null;
        if (gold instanceof Tuple t && t.items().size() == p.size()) {
            ordered = t.items();
        } else if (gold instanceof Interval i && !i.leftClosed() && !i.rightClosed() && p.size() == 2) {
            ordered = List.of(i.low(), i.high());
        }
        if (ordered != null) {
            List<Expr> increasing = increasing(p);
            return increasing != null ? sequence(ordered, increasing, "tuple").because("the set in increasing order: ")
                    : sameSet(ordered, p, "answers");
        }
        return sameSet(List.of(gold), p, "answers");
    }

    /** The items sorted by their real values, or null when one has no single real value. */
    private List<Expr> increasing(List<Expr> items) {
        List<double[]> keyed = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            if (hasSymbols(items.get(k))) {
                return null;
            }
            Complex v = eval.numeric(items.get(k), 0);
            if (!v.isReal() || Double.isNaN(v.re())) {
                return null;
            }
            keyed.add(new double[] {v.re(), k});
        }
        keyed.sort(Comparator.comparingDouble(a -> a[0]));
        List<Expr> out = new ArrayList<>();
        keyed.forEach(a -> out.add(items.get((int) a[1])));
        return out;
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
        return sameInterval(gold, p);
    }

    /** Same ends with the same brackets; an infinite end is open however it is written. */
    private Outcome sameInterval(Interval gold, Interval pred) {
        boolean gl = gold.leftClosed() && !isInfinite(gold.low());
        boolean gr = gold.rightClosed() && !isInfinite(gold.high());
        boolean pl = pred.leftClosed() && !isInfinite(pred.low());
        boolean pr = pred.rightClosed() && !isInfinite(pred.high());
        if (gl != pl || gr != pr) {
            return Outcome.no("interval brackets differ");
        }
        return sequence(List.of(gold.low(), gold.high()), List.of(pred.low(), pred.high()), "interval end");
    }

    private static boolean isInfinite(Expr e) {
        return e == Const.INFINITY || e instanceof Neg n && n.arg() == Const.INFINITY;
    }

    // ------------------------------------------------------------------ solution sets

    /**
     * Intervals, unions and one-variable inequalities as sets of reals: {@code -3 \le x \le 4}
     * is [-3, 4], {@code 2 \le |w| \le 5/2} is [-5/2, -2] ∪ [2, 5/2], "x < -2 or x > 3" is a
     * union. Null when this rule does not apply (then the other rules decide).
     */
    private Outcome solutionSets(Expr goldAnswer, Expr predAnswer) {
        Expr gold = pairAsInterval(goldAnswer, predAnswer);
        Expr pred = pairAsInterval(predAnswer, goldAnswer);
        boolean goldSet = gold instanceof Interval || gold instanceof Union;
        boolean predSet = pred instanceof Interval || pred instanceof Union;
        boolean goldInequality = isInequalityLike(gold);
        boolean predInequality = isInequalityLike(pred);
        boolean applies = goldSet && (predSet || predInequality) || predSet && goldInequality
                || gold instanceof Relation && pred instanceof Relation && goldInequality && predInequality
                || goldInequality && predInequality && (gold instanceof Seq || pred instanceof Seq);
        if (!applies || goldSet && pred instanceof Interval && gold instanceof Interval) {
            return null;
        }
        if (gold instanceof Relation g && pred instanceof Relation p) {
            Outcome direct = relation(g, p);
            if (direct.equal()) {
                return direct;
            }
        }
        SolutionSets solver = new SolutionSets(eval);
        List<Interval> g = solver.of(gold);
        List<Interval> p = solver.of(pred);
        if (g == null || p == null) {
            return goldSet || predSet ? Outcome.no("gold is a " + kind(gold) + ", prediction is a " + kind(pred)
                    + " that is not a set of reals") : null;
        }
        if (g.size() * (long) p.size() > 40_000) {
            throw new LimitExceededException("unions too long to compare");
        }
        boolean[] matched = new boolean[p.size()];
        for (Interval gi : g) {
            boolean found = false;
            for (int k = 0; k < p.size(); k++) {
                if (sameInterval(gi, p.get(k)).equal()) {
                    matched[k] = true;
                    found = true;
                }
            }
            if (!found) {
                return Outcome.no("the gold set has " + gi + ", the predicted set does not");
            }
        }
        for (int k = 0; k < p.size(); k++) {
            if (!matched[k]) {
                return Outcome.no("the predicted set has " + p.get(k) + ", the gold set does not");
            }
        }
        return Outcome.yes("same set of reals " + g.stream().map(Expr::toString).reduce((a, b) -> a + " ∪ " + b).orElse("∅"));
    }

    /** A pair (a, b) next to an inequality or a union is the open interval it also denotes. */
    private static Expr pairAsInterval(Expr e, Expr other) {
        return e instanceof Tuple t && t.items().size() == 2 && (isInequalityLike(other) || other instanceof Union)
                ? new Interval(false, t.items().get(0), t.items().get(1), false) : e;
    }

    private static boolean isInequalityLike(Expr e) {
        if (e instanceof Relation r) {
            return r.ops().equals(List.of("≠"))
                    || r.ops().stream().allMatch(o -> o.equals("<") || o.equals(">") || o.equals("≤") || o.equals("≥"));
        }
        if (e instanceof Seq s) {
            return s.items().stream().allMatch(i -> i instanceof Relation && isInequalityLike(i));
        }
        return false;
    }

    // ------------------------------------------------------------------ matrices, text, relations

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
        if (op.equals("=") || op.equals("≠") || op.equals("≈")) {
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

    /** a > b becomes b < a, so that every chain reads with < and ≤. */
    static Relation oriented(Relation r) {
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

    // ------------------------------------------------------------------ values

    /**
     * The percent rule: {@code p\%} is p/100, and a percent sign may also be left out on either
     * side (45, 45\% and "45 pct" name the same answer).
     */
    private Outcome scalar(Expr gold, Expr pred) {
        Outcome asValues = value(gold, pred);
        if (asValues.equal() || !(gold instanceof Percent) && !(pred instanceof Percent)) {
            return asValues;
        }
        Expr g = gold instanceof Percent p ? p.arg() : gold;
        Expr q = pred instanceof Percent p ? p.arg() : pred;
        Outcome withoutSign = value(g, q);
        return withoutSign.equal() ? withoutSign.because("percent sign left out: ") : asValues;
    }

    private Outcome value(Expr gold, Expr pred) {
        boolean decimal = hasDecimal(gold, 0) || hasDecimal(pred, 0);
        Rational g = eval.exact(gold);
        Rational p = g == null ? null : eval.exact(pred);
        if (g != null && p != null) {
            if (g.equals(p)) {
                return Outcome.yes("equal numbers " + g);
            }
            if (decimal) {
                BigDecimal a = rounded(g);
                BigDecimal b = rounded(p);
                if (a.compareTo(b) != 0) {
                    return Outcome.no("different when rounded to " + settings.floatRounding() + " decimal places ("
                            + a + " and " + b + ")");
                }
                if (a.abs().compareTo(BigDecimal.ONE.movePointLeft(settings.floatRounding())) <= 0) {
                    // below the last kept place rounding would equate 1e-8 with 2e-8: compare
                    // such small numbers at as many significant digits instead (a known difference)
                    java.math.MathContext digits = new java.math.MathContext(Math.max(1, settings.floatRounding()));
                    BigDecimal x = new BigDecimal(g.num()).divide(new BigDecimal(g.den()), digits);
                    BigDecimal y = new BigDecimal(p.num()).divide(new BigDecimal(p.den()), digits);
                    return x.compareTo(y) == 0
                            ? Outcome.yes("equal at " + settings.floatRounding() + " significant digits (" + x + ")")
                            : Outcome.no("different at " + settings.floatRounding() + " significant digits (" + x
                                    + " and " + y + ")");
                }
                return Outcome.yes("equal when rounded to " + settings.floatRounding() + " decimal places (" + a + ")");
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
            boolean close = symbols.isEmpty() && decimal ? chopped(a, b) : closeComplex(a, b);
            if (!close) {
                return Outcome.no(symbols.isEmpty() ? "different values " + a + " and " + b
                        : "different values at a sample point (" + a + " vs " + b + ")");
            }
            valid++;
        }
        if (valid == 0 || !symbols.isEmpty() && valid < 2) {
            return Outcome.no("could not evaluate the answers to compare them");
        }
        if (symbols.isEmpty()) {
            return Outcome.yes(decimal ? "equal values (the difference vanishes at double precision)"
                    : "equal values within relative tolerance " + settings.relativeTolerance());
        }
        return Outcome.yes("equal at " + valid + " sample points of " + symbols);
    }

    private BigDecimal rounded(Rational r) {
        return new BigDecimal(r.num()).divide(new BigDecimal(r.den()), settings.floatRounding(), RoundingMode.HALF_EVEN);
    }

    /** Whether the expression has a number written with a decimal point (a float for SymPy). */
    private static boolean hasDecimal(Expr e, int depth) {
        if (e instanceof Num n) {
            return n.decimal();
        }
        if (depth > 50) {
            return false;
        }
        for (Expr c : children(e)) {
            if (hasDecimal(c, depth + 1)) {
                return true;
            }
        }
        return false;
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

    /** A decimal against an irrational constant: the difference must vanish at double precision. */
    private static boolean chopped(Complex a, Complex b) {
        double scale = Math.max(a.abs(), b.abs());
        return a.subtract(b).abs() <= Math.max(CHOP, 4 * Math.ulp(scale));
    }
}
