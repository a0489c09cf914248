package org.rmel.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rmel.run.EvalEvent;
import org.rmel.run.ProblemResult;

/**
 * Paired bootstrap confidence interval for the difference of two runs on one benchmark (how the
 * paper reports +4.0 [1.00, 7.20] on MATH-500): problems are paired by id, resampled with
 * replacement, and the interval is the 2.5th and 97.5th percentile (linear interpolation between
 * order statistics) of the resampled mean differences. Seeded, so a table is reproducible.
 */
public final class PairedBootstrap {
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Which per-problem score is compared. */
    public enum Metric {
        /** Greedy answer correct: 0 or 1. */
        PASS_AT_1,
        /** Fraction of the sampled answers correct. */
        AVG_AT_8
    }

    /**
     * The result: means of A and B over the paired problems, the observed difference A − B and its
     * interval, all as fractions; plus the problems that could not be paired.
     */
    public record Comparison(String benchmark, Metric metric, int paired, int onlyInA, int onlyInB, double meanA,
            double meanB, double difference, double low, double high, int resamples, long seed) {
    }

    private PairedBootstrap() {
    }

    public static Comparison compare(EvalEvent a, EvalEvent b, Metric metric, int resamples, long seed) {
        return comparePooled(a.benchmark(), List.of(a), List.of(b), metric, resamples, seed);
    }

    /**
     * The same over several benchmarks pooled into one set of paired problems (each problem of each
     * benchmark counts once; problems pair by benchmark and id), labelled {@code label}: how a run's
     * held-out sets of one distribution are judged together.
     */
    public static Comparison comparePooled(String label, List<EvalEvent> a, List<EvalEvent> b, Metric metric,
            int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be positive, got " + resamples);
        }
        Map<String, double[]> inB = new HashMap<>();
        for (EvalEvent e : b) {
            for (ProblemResult p : e.perProblem()) {
                inB.put(e.benchmark() + "\u0000" + p.id(), new double[] {score(p, e, metric)});
            }
        }
        List<double[]> pairs = new ArrayList<>();
        int onlyInA = 0;
        for (EvalEvent e : a) {
            for (ProblemResult p : e.perProblem()) {
                double[] q = inB.remove(e.benchmark() + "\u0000" + p.id());
                if (q == null) {
                    onlyInA++;
                } else {
                    pairs.add(new double[] {score(p, e, metric), q[0]});
                }
            }
        }
        int n = pairs.size();
        if (n == 0) {
            return new Comparison(label, metric, 0, onlyInA, inB.size(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, resamples, seed);
        }
        double[] diff = new double[n];
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < n; i++) {
            sumA += pairs.get(i)[0];
            sumB += pairs.get(i)[1];
            diff[i] = pairs.get(i)[0] - pairs.get(i)[1];
        }
        double[] ci = interval(diff, resamples, seed);
        return new Comparison(label, metric, n, onlyInA, inB.size(), sumA / n, sumB / n, (sumA - sumB) / n,
                ci[0], ci[1], resamples, seed);
    }

    /**
     * The 95 % percentile interval of the mean of {@code differences} (paired differences, one per
     * unit) over {@code resamples} resamples of the units with replacement.
     */
    public static double[] interval(double[] differences, int resamples, long seed) {
        int n = differences.length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += differences[rnd.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        return new double[] {quantile(means, 0.025), quantile(means, 0.975)};
    }

    private static double score(ProblemResult p, EvalEvent e, Metric metric) {
        return metric == Metric.PASS_AT_1 ? (p.greedyCorrect() ? 1 : 0) : p.samplesCorrect() / (double) e.samples();
    }

    /** Quantile of sorted values, linear interpolation between order statistics (R's type 7). */
    public static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
