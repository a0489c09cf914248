package org.rmel.study.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The paper's claims, each judged on the study's 95 % two-level bootstrap intervals (see
 * {@link Verdict}): R-MEL &gt; MEL on average Pass@1; R-MEL has the highest average Avg@8; +4.0 on
 * MATH-500; w/o prefix −0.48; B = 1 −0.37; the inverted U; B = 1 rescues ~35 % of B = 4's groups;
 * p_keep comparable across conditions.
 */
public final class ClaimChecks {
    public static final String EASY = "easy (<=1/3)";
    public static final String INTERMEDIATE = "intermediate (<=2/3)";
    public static final String HARD = "hard (>2/3)";
    /** Default equivalence margin for "p_keep is comparable": differences within ±3 points. */
    public static final double DEFAULT_PKEEP_MARGIN = 0.03;

    private static final String MEL = "mel";
    private static final String EXTRA = "mel-extra";
    private static final String RMEL = "r-mel";
    private static final String NO_PREFIX = "r-mel-no-prefix";
    private static final String B1 = "r-mel-b1";

    private final StudyStatistics stats;
    private final double pKeepMargin;

    public ClaimChecks(StudyStatistics stats, double pKeepMargin) {
        this.stats = stats;
        this.pKeepMargin = pKeepMargin;
    }

    public List<Claim> all() {
        List<Claim> out = new ArrayList<>();
        out.add(avgPass1());
        out.add(highestAvg8());
        out.add(math500());
        out.add(ablation("no-prefix", NO_PREFIX, "Removing the prefix constraint (τₘᵢₙ = 0) lowers average Pass@1 from 33.17 to 32.69 (−0.48).",
                -0.0048));
        out.add(ablation("b1", B1, "A revision budget of B = 1 lowers average Pass@1 from 33.17 to 32.80 (−0.37).", -0.0037));
        out.add(invertedU());
        out.add(b1Capture());
        out.add(pKeep());
        return out;
    }

    private Optional<String> missing(String... conditions) {
        List<String> absent = new ArrayList<>();
        for (String c : conditions) {
            if (!stats.data().conditions().contains(c)) {
                absent.add(c + " (not in the study)");
            } else if (!stats.data().has(c)) {
                absent.add(c + " (no finished run yet)");
            }
        }
        if (stats.data().benchmarks().isEmpty() && stats.data().finishedRuns() > 0) {
            absent.add("evaluations (the runs share no evaluated benchmark)");
        }
        return absent.isEmpty() ? Optional.empty() : Optional.of("needs " + String.join(", ", absent));
    }

    private Claim avgPass1() {
        String statement = "R-MEL outperforms MEL on average Pass@1 (33.17 vs 33.00, +0.17).";
        Optional<String> m = missing(RMEL, MEL);
        if (m.isPresent()) {
            return untestable("avg-pass1", statement, m.get());
        }
        Estimate d = stats.difference(RMEL, MEL, SeedRun.Metric.PASS_AT_1, StudyStatistics.AVG);
        return new Claim("avg-pass1", statement, "R-MEL − MEL, average Pass@1: " + delta(d),
                Verdict.direction(d, +1), "the paper's +0.17 " + inside(d, 0.0017) + "; it gives no interval for it");
    }

    private Claim highestAvg8() {
        String statement = "R-MEL has the highest average Avg@8 of the three conditions (30.78; MEL 27.91, MEL+Extra 27.81).";
        Optional<String> m = missing(RMEL, MEL);
        if (m.isPresent()) {
            return untestable("avg8-highest", statement, m.get());
        }
        List<String> rivals = new ArrayList<>(List.of(MEL));
        if (stats.data().has(EXTRA)) {
            rivals.add(EXTRA);
        }
        List<String> parts = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (String r : rivals) {
            Estimate d = stats.difference(RMEL, r, SeedRun.Metric.AVG_AT_8, StudyStatistics.AVG);
            parts.add("R-MEL − " + label(r) + " " + delta(d));
            verdicts.add(Verdict.direction(d, +1));
        }
        List<String> field = new ArrayList<>(rivals);
        field.add(RMEL);
        double p = stats.probabilityHighest(RMEL, field, SeedRun.Metric.AVG_AT_8, StudyStatistics.AVG);
        String measured = "average Avg@8 " + String.join("; ", parts)
                + String.format(Locale.ROOT, "; R-MEL highest in %.0f%% of bootstrap replicates", 100 * p);
        return new Claim("avg8-highest", statement, measured, Verdict.all(verdicts.toArray(Verdict[]::new)),
                rivals.contains(EXTRA) ? "both differences must exclude 0" : "MEL+Extra has no finished run: compared with MEL only");
    }

    private Claim math500() {
        String statement = "R-MEL improves MATH-500 Pass@1 by +4.0 points over MEL and MEL+Extra (95% CI [1.00, 7.20]).";
        Optional<String> bench = stats.data().benchmarks().stream()
                .filter(b -> PaperNumbers.paperBenchmark(b).filter(p -> p.equals("MATH-500")).isPresent()).findFirst();
        if (bench.isEmpty()) {
            return untestable("math500", statement, "the study does not evaluate MATH-500 (its benchmarks: "
                    + String.join(", ", stats.data().benchmarks()) + ")");
        }
        Optional<String> m = missing(RMEL, MEL);
        if (m.isPresent()) {
            return untestable("math500", statement, m.get());
        }
        List<String> parts = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (String r : stats.data().has(EXTRA) ? List.of(MEL, EXTRA) : List.of(MEL)) {
            Estimate d = stats.difference(RMEL, r, SeedRun.Metric.PASS_AT_1, bench.get());
            parts.add("R-MEL − " + label(r) + " " + delta(d) + " (the paper's +4.0 " + inside(d, 0.04) + ")");
            verdicts.add(Verdict.direction(d, +1));
        }
        return new Claim("math500", statement, bench.get() + " Pass@1: " + String.join("; ", parts),
                Verdict.all(verdicts.toArray(Verdict[]::new)), "the improvement must exclude 0");
    }

    private Claim ablation(String id, String condition, String statement, double paperDelta) {
        Optional<String> m = missing(condition, RMEL);
        if (m.isPresent()) {
            return untestable(id, statement, m.get());
        }
        Estimate d = stats.difference(condition, RMEL, SeedRun.Metric.PASS_AT_1, StudyStatistics.AVG);
        return new Claim(id, statement, label(condition) + " − R-MEL, average Pass@1: " + delta(d), Verdict.direction(d, -1),
                String.format(Locale.ROOT, "the paper's %+.2f %s", 100 * paperDelta, inside(d, paperDelta)));
    }

    private Claim invertedU() {
        String statement = "Revision success is highest at intermediate difficulty: easy 7.7%, intermediate 15.4%, hard 3.3% (inverted U).";
        Optional<String> m = missing(RMEL);
        if (m.isPresent()) {
            return untestable("inverted-u", statement, m.get());
        }
        boolean across = stats.data().of(RMEL).stream().allMatch(r -> r.across().cohort() >= 2);
        java.util.function.Function<String, java.util.function.Function<SeedRun, long[]>> band =
                across ? StudyStatistics::revisionBandAcross : StudyStatistics::revisionBand;
        Estimate easy = stats.pooledRate(RMEL, band.apply(EASY));
        Estimate mid = stats.pooledRate(RMEL, band.apply(INTERMEDIATE));
        Estimate hard = stats.pooledRate(RMEL, band.apply(HARD));
        Estimate contrast = stats.pooledContrast(RMEL, List.of(band.apply(EASY), band.apply(INTERMEDIATE), band.apply(HARD)),
                r -> Math.min(r[1] - r[0], r[1] - r[2]));
        String measured = "R-MEL revision success pooled over " + easy.seeds() + " seed(s): easy " + rate(easy)
                + ", intermediate " + rate(mid) + ", hard " + rate(hard)
                + "; intermediate minus the higher of the others " + delta(contrast);
        int n = stats.data().of(RMEL).stream().mapToInt(r -> r.across().cohort()).max().orElse(0);
        String definition = across
                ? "difficulty as the paper defines it: k of the " + n + " runs of a seed (" + String.join(", ",
                        SeedRuns.PAPER_COHORT.stream().filter(stats.data()::has).map(ClaimChecks::label).toList())
                        + ") that were all-negative at that visit of the prompt, banded at 1/3 and 2/3"
                : "difficulty = the prompt's all-negative frequency k/n over its visits in the whole run, banded at 1/3 and "
                        + "2/3 (the paper's across-runs definition needs the MEL and MEL+Extra runs of the same seeds)";
        return new Claim("inverted-u", statement, measured, Verdict.direction(contrast, +1),
                definition + "; the inverted U needs intermediate above both easy and hard");
    }

    private Claim b1Capture() {
        String statement = "B = 1 rescues about 35% as many all-negative groups as B = 4 (99 vs ~283).";
        Optional<String> m = missing(B1, RMEL);
        if (m.isPresent()) {
            return untestable("b1-capture", statement, m.get());
        }
        Estimate ratio = stats.successRatio(B1, StudyStatistics.RESCUED, RMEL, StudyStatistics.RESCUED);
        long b1 = stats.data().of(B1).stream().filter(r -> stats.data().commonSeeds(List.of(B1, RMEL)).contains(r.seed()))
                .mapToLong(SeedRun::rescued).sum();
        long b4 = stats.data().of(RMEL).stream().filter(r -> stats.data().commonSeeds(List.of(B1, RMEL)).contains(r.seed()))
                .mapToLong(SeedRun::rescued).sum();
        Verdict v = !ratio.present() || Double.isNaN(ratio.low()) ? Verdict.NOT_TESTABLE
                : ratio.contains(0.35) ? Verdict.CONSISTENT : Verdict.CONTRADICTED;
        return new Claim("b1-capture", statement, String.format(Locale.ROOT,
                "rescued groups B = 1 / B = 4: %d / %d = %s", b1, b4, ratio(ratio)), v,
                "consistent when 35% lies in the interval (a count ratio of two different runs per seed, as the paper's 99/283)");
    }

    private Claim pKeep() {
        String statement = "p_keep is comparable across conditions: MEL 7.6%, MEL+Extra 7.4%, R-MEL 7.1%.";
        Optional<String> m = missing(RMEL, MEL);
        if (m.isPresent()) {
            return untestable("p-keep", statement, m.get());
        }
        List<String> parts = new ArrayList<>();
        for (String c : List.of(MEL, EXTRA, RMEL)) {
            if (stats.data().has(c)) {
                parts.add(label(c) + " " + rate(stats.pooledRate(c, StudyStatistics.P_KEEP)));
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        List<String> diffs = new ArrayList<>();
        for (String c : stats.data().has(EXTRA) ? List.of(MEL, EXTRA) : List.of(MEL)) {
            Estimate d = stats.pooledRateDifference(RMEL, StudyStatistics.P_KEEP, c, StudyStatistics.P_KEEP);
            diffs.add("R-MEL − " + label(c) + " " + delta(d));
            verdicts.add(equivalent(d));
        }
        return new Claim("p-keep", statement, "p_keep " + String.join(", ", parts) + "; " + String.join("; ", diffs),
                Verdict.all(verdicts.toArray(Verdict[]::new)), String.format(Locale.ROOT,
                "comparable = every difference's interval within ±%.1f points (equivalence margin, `--pkeep-margin`)",
                100 * pKeepMargin));
    }

    private Verdict equivalent(Estimate d) {
        if (!d.present() || Double.isNaN(d.low())) {
            return Verdict.NOT_TESTABLE;
        }
        if (d.low() >= -pKeepMargin && d.high() <= pKeepMargin) {
            return Verdict.REPLICATES;
        }
        if (d.low() > pKeepMargin || d.high() < -pKeepMargin) {
            return Verdict.CONTRADICTED;
        }
        return Math.abs(d.value()) <= pKeepMargin ? Verdict.CONSISTENT : Verdict.NOT_REPLICATED;
    }

    private static Claim untestable(String id, String statement, String why) {
        return new Claim(id, statement, "not measured: " + why, Verdict.NOT_TESTABLE, why);
    }

    static String label(String condition) {
        try {
            return org.rmel.method.Condition.fromCliName(condition).label();
        } catch (IllegalArgumentException e) {
            return condition;
        }
    }

    private static String inside(Estimate e, double paperValue) {
        return e.contains(paperValue) ? "lies inside this interval" : "lies outside this interval";
    }

    /** "+0.17 pt [−1.20, +1.55] (3 seeds)". */
    public static String delta(Estimate e) {
        if (!e.present()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+.2f pt [%+.2f, %+.2f] (%d seed%s)", 100 * e.value(), 100 * e.low(), 100 * e.high(),
                e.seeds(), e.seeds() == 1 ? "" : "s");
    }

    /** "15.4% [10.2, 21.0]". */
    public static String rate(Estimate e) {
        if (!e.present()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * e.value(), 100 * e.low(), 100 * e.high());
    }

    private static String ratio(Estimate e) {
        if (!e.present()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f%% [%.0f, %.0f] (%d seed%s)", 100 * e.value(), 100 * e.low(), 100 * e.high(),
                e.seeds(), e.seeds() == 1 ? "" : "s");
    }
}
