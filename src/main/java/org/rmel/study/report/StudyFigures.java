package org.rmel.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.rmel.base.BadInputException;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.charts.ChartFigure;
import org.rmel.figures.charts.GridFigure;
import org.rmel.figures.charts.LcpCharts;
import org.rmel.figures.charts.SeedBarCharts;
import org.rmel.figures.data.LcpData;
import org.rmel.figures.data.LcpSample;
import org.rmel.figures.data.SeedBarPanel;
import org.rmel.study.stats.ClaimChecks;
import org.rmel.study.stats.Estimate;
import org.rmel.study.stats.SeedRun;
import org.rmel.study.stats.StudyStatistics;

/**
 * The study's figures, pooled over seeds with each seed's own value as a dot, built through the
 * figure package's factories ({@link SeedBarCharts}, {@link LcpCharts}) so they share its styles
 * and exports: the inverted U (revision success by difficulty band and by seed log-prob quintile,
 * MEL+Extra's extra-rollout rescue beside it), LCP (accepted revisions below an LCP ratio of 0.5,
 * and the pooled histograms) and the average scores per condition.
 */
public final class StudyFigures {
    private static final List<String> BANDS = List.of(ClaimChecks.EASY, ClaimChecks.INTERMEDIATE, ClaimChecks.HARD);
    private static final List<String> QUINTILES = List.of("Q1", "Q2", "Q3", "Q4", "Q5");

    private final StudyResults results;
    private final StudyStatistics stats;

    public StudyFigures(StudyResults results) {
        this.results = results;
        this.stats = results.statistics();
    }

    /** Whether the paper's across-runs difficulty could be computed (the runs of a seed's MEL, MEL+Extra, R-MEL finished). */
    public boolean acrossRuns() {
        return results.revisingConditions().stream().flatMap(c -> stats.data().of(c).stream())
                .anyMatch(r -> r.across().cohort() >= 2);
    }

    /**
     * Panel (a) revision success (and MEL+Extra's rescue) by difficulty band — the paper's across-runs
     * definition where it can be computed, else within each run — and (b) by seed log-prob quintile.
     */
    public Figure difficulty(FigureStyle style) {
        boolean across = acrossRuns();
        List<ChartFigure> panels = new ArrayList<>();
        panels.add(bandPanel(across ? "(a) by difficulty (paper's k of N), pooled over seeds"
                : "(a) by difficulty (k/n within the run), pooled over seeds", across, style));
        List<SeedBarPanel.Series> byQuintile = new ArrayList<>();
        for (String c : results.revisingConditions()) {
            byQuintile.add(series(StudyResults.label(c) + " revision", c, QUINTILES, StudyStatistics::quintile));
        }
        byQuintile.removeIf(s -> s.bars().isEmpty());
        if (!byQuintile.isEmpty()) {
            panels.add(SeedBarCharts.create(new SeedBarPanel("(b) by seed log-prob quintile, pooled over seeds",
                    "seed log-prob quintile (Q1 least likely)", "success rate", byQuintile), style));
        }
        return panels.size() == 1 ? panels.get(0) : new GridFigure(panels);
    }

    /** The bands under the within-run (whole-run k/n) definition, beside the paper's in the report. */
    public Figure difficultyWithinRun(FigureStyle style) {
        return bandPanel("difficulty: k/n within the run (whole run), pooled over seeds", false, style);
    }

    private ChartFigure bandPanel(String title, boolean across, FigureStyle style) {
        List<SeedBarPanel.Series> byBand = new ArrayList<>();
        for (String c : results.revisingConditions()) {
            byBand.add(series(StudyResults.label(c) + " revision", c, BANDS,
                    across ? StudyStatistics::revisionBandAcross : StudyStatistics::revisionBand));
        }
        for (String c : results.conditionsWithRuns()) {
            if (stats.data().of(c).stream().anyMatch(r -> r.extraByBand().values().stream().anyMatch(x -> x[1] > 0))) {
                byBand.add(series(StudyResults.label(c) + " rollout", c, BANDS,
                        across ? StudyStatistics::extraBandAcross : StudyStatistics::extraBand));
            }
        }
        byBand.removeIf(s -> s.bars().isEmpty());
        if (byBand.isEmpty()) {
            throw new BadInputException("no finished run has revisions or extra rollouts on all-negative groups yet");
        }
        return SeedBarCharts.create(new SeedBarPanel(title, across ? "k of N runs all-negative"
                : "all-negative frequency in the run", "success rate", byBand), style);
    }

    private SeedBarPanel.Series series(String name, String condition, List<String> buckets,
            Function<String, Function<SeedRun, long[]>> counts) {
        List<SeedBarPanel.Bar> bars = new ArrayList<>();
        for (String b : buckets) {
            Function<SeedRun, long[]> f = counts.apply(b);
            long s = 0;
            long t = 0;
            for (SeedRun r : stats.data().of(condition)) {
                long[] x = f.apply(r);
                if (x != null) {
                    s += x[0];
                    t += x[1];
                }
            }
            if (t == 0) {
                continue;
            }
            Estimate e = stats.pooledRate(condition, f);
            bars.add(new SeedBarPanel.Bar(axis(b), e.value(), e.low(), e.high(), s + "/" + t, points(stats.perSeedRates(condition, f))));
        }
        return new SeedBarPanel.Series(name, bars);
    }

    private static List<SeedBarPanel.SeedPoint> points(List<double[]> perSeed) {
        return perSeed.stream().map(p -> new SeedBarPanel.SeedPoint((int) p[0], p[1])).toList();
    }

    static String axis(String bucket) {
        return bucket.replace("<=", "≤");
    }

    private List<String> lcpConditions() {
        List<String> revising = results.revisingConditions().stream()
                .filter(c -> stats.data().of(c).stream().anyMatch(r -> !r.lcp().isEmpty())).toList();
        if (revising.isEmpty()) {
            throw new BadInputException("no finished run made revision attempts yet (only R-MEL conditions revise)");
        }
        return revising;
    }

    /** Accepted revisions with an LCP ratio below 0.5 (the paper: 33.9 % without the prefix constraint), per revising condition. */
    public Figure lcpShare(FigureStyle style) {
        List<SeedBarPanel.Bar> bars = new ArrayList<>();
        for (String c : lcpConditions()) {
            Estimate e = stats.pooledRate(c, StudyStatistics.LCP_BELOW_HALF);
            long below = stats.data().of(c).stream().mapToLong(r -> StudyStatistics.LCP_BELOW_HALF.apply(r)[0]).sum();
            long accepted = stats.data().of(c).stream().mapToLong(r -> StudyStatistics.LCP_BELOW_HALF.apply(r)[1]).sum();
            bars.add(new SeedBarPanel.Bar(shortLabel(c), e.value(), e.low(), e.high(), below + "/" + accepted,
                    points(stats.perSeedRates(c, StudyStatistics.LCP_BELOW_HALF))));
        }
        return SeedBarCharts.create(new SeedBarPanel("accepted revisions with LCP ratio < 0.5", "condition",
                "share of accepted revisions", List.of(new SeedBarPanel.Series("pooled over seeds", bars))), style);
    }

    /** The LCP-ratio histograms by τ of each revising condition, its seeds pooled. */
    public Figure lcp(FigureStyle style) {
        List<ChartFigure> panels = new ArrayList<>();
        for (String c : lcpConditions()) {
            List<LcpSample> samples = new ArrayList<>();
            for (SeedRun r : stats.data().of(c)) {
                r.lcp().forEach(p -> samples.add(new LcpSample(p.tau(), p.ratio(), p.accepted(), p.verified())));
            }
            double tauMin = results.study().spec().settings(new org.rmel.study.StudyCell(0, c, results.study().spec().seeds().get(0)))
                    .doubleValue("tau_min");
            int n = stats.data().of(c).size();
            LcpData data = new LcpData(String.format(Locale.ROOT, "%s, %d seed%s", StudyResults.label(c), n,
                    n == 1 ? "" : "s"), samples, tauMin);
            // each condition in its own colour (its place in the figure), τ as shades of it
            panels.add(LcpCharts.histogram(data, style, LcpCharts.DEFAULT_BINS, data.taus(), panels.size()));
        }
        return panels.size() == 1 ? panels.get(0) : new GridFigure(panels);
    }

    /** A condition's name short enough for a category axis: "w/o prefix", "B=1". */
    static String shortLabel(String condition) {
        return switch (condition) {
            case "r-mel-no-prefix" -> "w/o prefix";
            case "r-mel-b1" -> "B = 1";
            case "r-mel-adaptive" -> "adaptive";
            default -> StudyResults.label(condition);
        };
    }

    /** Average Pass@1 and Avg@8 per condition, with each seed's average. */
    public Figure scores(FigureStyle style) {
        List<String> conds = results.conditionsWithRuns();
        if (conds.isEmpty() || stats.data().benchmarks().isEmpty()) {
            throw new BadInputException("no finished run with evaluations yet");
        }
        List<SeedBarPanel.Series> series = new ArrayList<>();
        for (SeedRun.Metric m : SeedRun.Metric.values()) {
            List<SeedBarPanel.Bar> bars = new ArrayList<>();
            for (String c : conds) {
                Estimate e = stats.score(c, m, StudyStatistics.AVG);
                bars.add(new SeedBarPanel.Bar(StudyResults.label(c), e.value(), e.low(), e.high(),
                        "n=" + e.seeds(), stats.perSeedScores(c, m, StudyStatistics.AVG).stream()
                                .map(p -> new SeedBarPanel.SeedPoint((int) p[0], p[1])).toList()));
            }
            series.add(new SeedBarPanel.Series(m.label, bars));
        }
        return SeedBarCharts.create(new SeedBarPanel("average over " + String.join(", ", stats.data().benchmarks()),
                "condition", "score (mean over seeds)", series), style);
    }
}
