package org.rmel.study.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The study's statistics, each a {@link Estimate} from the {@link Bootstrap two-level bootstrap}:
 *
 * <ul>
 *   <li>a condition's score on a benchmark: the mean over its seeds of the per-seed mean over
 *       problems (Pass@1 greedy, Avg@N sampled) at each run's best step; "Avg" is the mean over the
 *       benchmarks every run evaluated;</li>
 *   <li>the paired difference of two conditions: over the seeds both finished, the mean over
 *       seeds of the mean per-problem difference (problems paired by id within a seed: the same
 *       seed evaluates on the same problems);</li>
 *   <li>a pooled rate (revision success in a difficulty band, p_keep, accepted revisions with LCP
 *       ratio under 0.5): successes over trials summed over the seeds, items resampled within seeds.</li>
 * </ul>
 */
public final class StudyStatistics {
    public static final String AVG = "Avg";

    private final StudyData data;
    private final Bootstrap bootstrap;

    public StudyStatistics(StudyData data, Bootstrap bootstrap) {
        this.data = data;
        this.bootstrap = bootstrap;
    }

    public StudyData data() {
        return data;
    }

    public Bootstrap bootstrap() {
        return bootstrap;
    }

    private List<String> columns(String benchmark) {
        return benchmark.equals(AVG) ? data.benchmarks() : List.of(benchmark);
    }

    /** A condition's mean score over its seeds on one benchmark (or "Avg"). */
    public Estimate score(String condition, SeedRun.Metric metric, String benchmark) {
        List<SeedRun> runs = data.of(condition);
        List<String> cols = columns(benchmark);
        if (runs.isEmpty() || cols.isEmpty()) {
            return Estimate.missing();
        }
        return bootstrap.estimate(runs.size(), (pick, sampler) -> {
            double sum = 0;
            for (String b : cols) {
                double seedSum = 0;
                for (int i : pick) {
                    seedSum += sampler.mean(runs.get(i).benchmarks().get(b).metric(metric));
                }
                sum += seedSum / pick.length;
            }
            return sum / cols.size();
        });
    }

    /** Each seed's score of a condition (for the per-seed points), in seed order. */
    public List<double[]> perSeedScores(String condition, SeedRun.Metric metric, String benchmark) {
        List<double[]> out = new ArrayList<>();
        List<String> cols = columns(benchmark);
        for (SeedRun r : data.of(condition)) {
            double sum = 0;
            for (String b : cols) {
                double[] items = r.benchmarks().get(b).metric(metric);
                double s = 0;
                for (double x : items) {
                    s += x;
                }
                sum += items.length == 0 ? Double.NaN : s / items.length;
            }
            out.add(new double[] {r.seed(), cols.isEmpty() ? Double.NaN : sum / cols.size()});
        }
        return out;
    }

    /** {@code a − b}, paired by seed and by problem within a seed. */
    public Estimate difference(String a, String b, SeedRun.Metric metric, String benchmark) {
        List<Integer> seeds = data.commonSeeds(List.of(a, b));
        List<String> cols = columns(benchmark);
        if (seeds.isEmpty() || cols.isEmpty()) {
            return Estimate.missing();
        }
        double[][][] diffs = new double[seeds.size()][cols.size()][];
        for (int s = 0; s < seeds.size(); s++) {
            SeedRun ra = data.run(a, seeds.get(s));
            SeedRun rb = data.run(b, seeds.get(s));
            for (int c = 0; c < cols.size(); c++) {
                diffs[s][c] = paired(ra.benchmarks().get(cols.get(c)), rb.benchmarks().get(cols.get(c)), metric);
            }
        }
        return bootstrap.estimate(seeds.size(), (pick, sampler) -> {
            double sum = 0;
            for (int c = 0; c < cols.size(); c++) {
                double seedSum = 0;
                for (int i : pick) {
                    seedSum += sampler.mean(diffs[i][c]);
                }
                sum += seedSum / pick.length;
            }
            return sum / cols.size();
        });
    }

    /** Per-problem differences a − b over the problems both evaluated. */
    static double[] paired(SeedRun.ProblemScores a, SeedRun.ProblemScores b, SeedRun.Metric metric) {
        Map<String, Integer> inB = new java.util.HashMap<>();
        for (int i = 0; i < b.ids().size(); i++) {
            inB.put(b.ids().get(i), i);
        }
        double[] va = a.metric(metric);
        double[] vb = b.metric(metric);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < a.ids().size(); i++) {
            Integer j = inB.get(a.ids().get(i));
            if (j != null) {
                out.add(va[i] - vb[j]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Successes over trials pooled over a condition's seeds; {@code counts} gives a run's {s, t} (null: none). */
    public Estimate pooledRate(String condition, Function<SeedRun, long[]> counts) {
        List<SeedRun> runs = data.of(condition);
        if (runs.isEmpty()) {
            return Estimate.missing();
        }
        long[][] c = counts(runs, counts);
        return bootstrap.estimate(runs.size(), (pick, sampler) -> pooled(c, pick, sampler));
    }

    /** Each seed's rate: {seed, rate, successes, trials}. */
    public List<double[]> perSeedRates(String condition, Function<SeedRun, long[]> counts) {
        List<double[]> out = new ArrayList<>();
        for (SeedRun r : data.of(condition)) {
            long[] c = counts.apply(r);
            long s = c == null ? 0 : c[0];
            long t = c == null ? 0 : c[1];
            out.add(new double[] {r.seed(), t == 0 ? Double.NaN : s / (double) t, s, t});
        }
        return out;
    }

    /** Pooled rate of {@code a} minus that of {@code b}, over the seeds both finished. */
    public Estimate pooledRateDifference(String a, Function<SeedRun, long[]> ca, String b, Function<SeedRun, long[]> cb) {
        List<Integer> seeds = data.commonSeeds(List.of(a, b));
        if (seeds.isEmpty()) {
            return Estimate.missing();
        }
        long[][] xa = counts(seeds.stream().map(s -> data.run(a, s)).toList(), ca);
        long[][] xb = counts(seeds.stream().map(s -> data.run(b, s)).toList(), cb);
        return bootstrap.estimate(seeds.size(), (pick, sampler) -> pooled(xa, pick, sampler) - pooled(xb, pick, sampler));
    }

    /** Ratio of summed successes of {@code a} to those of {@code b} over common seeds (rescued groups: B = 1 vs B = 4). */
    public Estimate successRatio(String a, Function<SeedRun, long[]> ca, String b, Function<SeedRun, long[]> cb) {
        List<Integer> seeds = data.commonSeeds(List.of(a, b));
        if (seeds.isEmpty()) {
            return Estimate.missing();
        }
        long[][] xa = counts(seeds.stream().map(s -> data.run(a, s)).toList(), ca);
        long[][] xb = counts(seeds.stream().map(s -> data.run(b, s)).toList(), cb);
        return bootstrap.estimate(seeds.size(), (pick, sampler) -> {
            double num = 0;
            double den = 0;
            for (int i : pick) {
                num += sampler.successes(xa[i][0], xa[i][1]);
                den += sampler.successes(xb[i][0], xb[i][1]);
            }
            return den == 0 ? Double.NaN : num / den;
        });
    }

    /** A statistic of several pooled rates of one condition drawn together (e.g. the inverted U's contrasts). */
    public Estimate pooledContrast(String condition, List<Function<SeedRun, long[]>> counts,
            Function<double[], Double> contrast) {
        List<SeedRun> runs = data.of(condition);
        if (runs.isEmpty()) {
            return Estimate.missing();
        }
        List<long[][]> all = counts.stream().map(f -> counts(runs, f)).toList();
        return bootstrap.estimate(runs.size(), (pick, sampler) -> {
            double[] rates = new double[all.size()];
            for (int k = 0; k < all.size(); k++) {
                rates[k] = pooled(all.get(k), pick, sampler);
            }
            return contrast.apply(rates);
        });
    }

    /**
     * How often, over the bootstrap replicates (seeds shared by all conditions; within a seed the
     * same resampled problems for every condition), {@code best} has the strictly highest score of
     * {@code conditions}; NaN without common seeds.
     */
    public double probabilityHighest(String best, List<String> conditions, SeedRun.Metric metric, String benchmark) {
        List<Integer> seeds = data.commonSeeds(conditions);
        List<String> cols = columns(benchmark);
        if (seeds.isEmpty() || cols.isEmpty()) {
            return Double.NaN;
        }
        // [seed][benchmark][condition][problem], problems aligned by id on the first condition's list
        double[][][][] v = new double[seeds.size()][cols.size()][conditions.size()][];
        for (int s = 0; s < seeds.size(); s++) {
            for (int b = 0; b < cols.size(); b++) {
                SeedRun.ProblemScores first = data.run(conditions.get(0), seeds.get(s)).benchmarks().get(cols.get(b));
                for (int c = 0; c < conditions.size(); c++) {
                    SeedRun.ProblemScores other = data.run(conditions.get(c), seeds.get(s)).benchmarks().get(cols.get(b));
                    v[s][b][c] = aligned(first, other, metric);
                }
            }
        }
        int bestIndex = conditions.indexOf(best);
        double[] reps = bootstrap.replicates(seeds.size(), (pick, sampler) -> {
            double[] score = new double[conditions.size()];
            for (int b = 0; b < cols.size(); b++) {
                for (int i : pick) {
                    int n = v[i][b][0].length;
                    int[] idx = sampler.indices(n);
                    for (int c = 0; c < conditions.size(); c++) {
                        double sum = 0;
                        for (int k : idx) {
                            sum += v[i][b][c][k];
                        }
                        score[c] += n == 0 ? 0 : sum / n;
                    }
                }
            }
            for (int c = 0; c < score.length; c++) {
                if (c != bestIndex && score[c] >= score[bestIndex] - 1e-12) {
                    return 0;
                }
            }
            return 1;
        });
        double s = 0;
        for (double r : reps) {
            s += r;
        }
        return s / reps.length;
    }

    /** {@code other}'s scores in the order of {@code first}'s problem ids (NaN where it lacks one). */
    private static double[] aligned(SeedRun.ProblemScores first, SeedRun.ProblemScores other, SeedRun.Metric metric) {
        Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < other.ids().size(); i++) {
            at.put(other.ids().get(i), i);
        }
        double[] vo = other.metric(metric);
        double[] out = new double[first.ids().size()];
        for (int i = 0; i < out.length; i++) {
            Integer j = at.get(first.ids().get(i));
            out[i] = j == null ? Double.NaN : vo[j];
        }
        return out;
    }

    private static long[][] counts(List<SeedRun> runs, Function<SeedRun, long[]> f) {
        long[][] out = new long[runs.size()][];
        for (int i = 0; i < runs.size(); i++) {
            long[] c = f.apply(runs.get(i));
            out[i] = c == null ? new long[] {0, 0} : c;
        }
        return out;
    }

    private static double pooled(long[][] c, int[] pick, Bootstrap.Sampler sampler) {
        double s = 0;
        double t = 0;
        for (int i : pick) {
            s += sampler.successes(c[i][0], c[i][1]);
            t += c[i][1];
        }
        return t == 0 ? Double.NaN : s / t;
    }

    /** Counts of one band of revision success (null when the run has none). */
    public static Function<SeedRun, long[]> revisionBand(String band) {
        return r -> r.revisionByBand().get(band);
    }

    /** Counts of one band under the paper's across-runs difficulty (null when the run has none). */
    public static Function<SeedRun, long[]> revisionBandAcross(String band) {
        return r -> r.across().revisionByBand().get(band);
    }

    public static Function<SeedRun, long[]> extraBandAcross(String band) {
        return r -> r.across().extraByBand().get(band);
    }

    public static Function<SeedRun, long[]> extraBand(String band) {
        return r -> r.extraByBand().get(band);
    }

    public static Function<SeedRun, long[]> quintile(String q) {
        return r -> r.revisionByQuintile().get(q);
    }

    public static final Function<SeedRun, long[]> P_KEEP = r -> new long[] {r.kept(), r.metas()};
    public static final Function<SeedRun, long[]> RESCUED = r -> new long[] {r.rescued(), r.revisions()};
    /** Accepted revisions with an LCP ratio under 0.5, over accepted revisions. */
    public static final Function<SeedRun, long[]> LCP_BELOW_HALF = r -> {
        long accepted = r.lcp().stream().filter(SeedRun.LcpPoint::accepted).count();
        long below = r.lcp().stream().filter(p -> p.accepted() && p.ratio() < 0.5).count();
        return new long[] {below, accepted};
    };
}
