package org.rmel.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunSpec;
import org.rmel.run.RunStatus;

/** The human-readable {@code analyze} report: rates as percentages with counts and Wilson 95 % intervals. */
public final class AnalysisText {
    private AnalysisText() {
    }

    public static String render(RunDirectory run, RunAnalyzer.Result result, List<PairedBootstrap.Comparison> comparisons) {
        return render(run, result, comparisons, result.analysis().difficulty(DifficultyDefinition.WHOLE_RUN));
    }

    /** The report with the difficulty buckets of one definition (across-runs ones come from {@link CrossRunDifficulty}). */
    public static String render(RunDirectory run, RunAnalyzer.Result result, List<PairedBootstrap.Comparison> comparisons,
                                DifficultyBuckets difficulty) {
        return render(run, result, comparisons, difficulty, null);
    }

    /** The report with the run's start-to-end change ({@code learning}, null to leave the section out). */
    public static String render(RunDirectory run, RunAnalyzer.Result result, List<PairedBootstrap.Comparison> comparisons,
                                DifficultyBuckets difficulty, LearningChange learning) {
        StringBuilder out = new StringBuilder();
        RunSpec spec = run.spec();
        RunAnalysis a = result.analysis();
        RunStatus s = result.read().status();
        line(out, "Run %s", run.dir());
        line(out, "  condition %s, K=%s, B=%s, tau schedule %s, tau_min %s, seed %s",
                spec.condition().orElse("?"), opt(spec.k().isPresent() ? spec.k().getAsInt() : null),
                opt(spec.budget().isPresent() ? spec.budget().getAsInt() : null), spec.tauSchedule(),
                opt(spec.tauMin().isPresent() ? spec.tauMin().getAsDouble() : null),
                opt(spec.seed().isPresent() ? spec.seed().getAsLong() : null));
        line(out, "  readings: lcp_rule %s, revision_mode %s, revision_in_grpo %s, no_prefix_reading %s, extra_match %s",
                spec.string("lcp_rule").orElse("fixed (not recorded)"), spec.string("revision_mode").orElse("forced (not recorded)"),
                spec.json().has("revision_in_grpo") ? spec.json().get("revision_in_grpo").asText() : "true (not recorded)",
                spec.string("no_prefix_reading").orElse("no_filter (not recorded)"),
                spec.string("extra_match").orElse("calls (not recorded)"));
        line(out, "Status %s (%s): %d%s steps, %d events%s", s.state(), s.detail(), s.stepsDone(),
                s.stepsTotal().isPresent() ? "/" + s.stepsTotal().getAsInt() : "", result.read().events(),
                result.read().warnings().isEmpty() ? "" : ", " + result.read().warnings().size() + " log problems (listed as warnings)");
        out.append('\n');
        line(out, "All-negative groups       %s", rate(a.allNegative()));
        line(out, "Revision success          %s", rate(a.revisionSuccess()));
        for (TauRate t : a.revisionByTau()) {
            line(out, "  attempts at tau %.2f     %s, verified %d", t.tau(), rate(t.accepted()), t.verified());
        }
        line(out, "p_keep (leaks excluded)   %s", rate(a.pKeep()));
        a.pKeepBySource().forEach((src, r) -> line(out, "  %-23s %s", src, rate(r)));
        line(out, "Leaks (state the answer)  %s of meta-experiences; not replayed, not internalised", rate(a.leaks()));
        LcpStats lcp = a.lcp();
        line(out, "LCP ratio, attempts       %s", histogram(lcp.attempts()));
        lcp.attemptsByTau().forEach((tau, h) -> line(out, "  attempts at tau %-7s %s", tau, histogram(h)));
        line(out, "LCP ratio, accepted       %s", histogram(lcp.accepted()));
        lcp.acceptedByTau().forEach((tau, h) -> line(out, "  accepted at tau %-7s %s", tau, histogram(h)));
        line(out, "  accepted under 0.5      %s", rate(lcp.acceptedBelowHalf()));
        line(out, "  LCP filter rejected     %s of verified attempts (this run's reading)", rate(lcp.filterRejected()));
        buckets(out, "Revision success by all-negative frequency, " + difficulty.label(), difficulty.revision());
        buckets(out, "Revision success by difficulty band, " + difficulty.label(), difficulty.revisionBands());
        buckets(out, "Revision success by seed log-prob quintile (mean per token, Q1 = least likely)",
                a.revisionBySeedLogprob());
        buckets(out, "Extra rollouts: groups rescued by all-negative frequency, " + difficulty.label(), difficulty.extra());
        buckets(out, "Extra rollouts: groups rescued by difficulty band, " + difficulty.label(), difficulty.extraBands());
        evals(out, a);
        if (learning != null) {
            learning(out, learning);
        }
        Compute c = a.compute();
        out.append('\n');
        line(out, "Generated tokens          rollouts %d (%d groups), revisions %d (%d attempts in %d revisions), "
                + "extra %d (%d groups); total %d; trainer-reported %d", c.rolloutTokens(), c.rolloutGroups(),
                c.revisionTokens(), c.revisionAttempts(), c.revisions(), c.extraTokens(), c.extraGroups(),
                c.totalTokens(), c.reportedTokens());
        line(out, "Tokens per rescued group  %s (%d tokens on all-negative groups, %d of %d groups rescued; %s per searched group)",
                num(c.tokensPerRescuedGroup()), c.rescueTokens(), c.rescued(), c.rescueGroups(), num(c.tokensPerSearchedGroup()));
        out.append('\n');
        line(out, "Per-step series (%d):", a.series().size());
        for (Series series : a.series().values()) {
            line(out, "  %-32s %d points, last %s", series.name(), series.size(), num(series.last()));
        }
        if (!comparisons.isEmpty()) {
            out.append('\n');
            line(out, "Paired bootstrap, this run minus the baseline (percentage points, 95%% CI):");
            for (PairedBootstrap.Comparison cmp : comparisons) {
                line(out, "  %-16s %-9s %+.2f [%.2f, %.2f]  (%.2f vs %.2f; %d paired, %d/%d unpaired; %d resamples, seed %d)",
                        cmp.benchmark(), cmp.metric() == PairedBootstrap.Metric.PASS_AT_1 ? "Pass@1" : "Avg@8",
                        100 * cmp.difference(), 100 * cmp.low(), 100 * cmp.high(), 100 * cmp.meanA(), 100 * cmp.meanB(),
                        cmp.paired(), cmp.onlyInA(), cmp.onlyInB(), cmp.resamples(), cmp.seed());
            }
        }
        return out.toString();
    }

    private static void evals(StringBuilder out, RunAnalysis a) {
        if (a.evals().isEmpty()) {
            return;
        }
        out.append('\n');
        line(out, "Evaluation (%%)             best step by mean Pass@1: %s",
                a.bestStep().isPresent() ? Integer.toString(a.bestStep().getAsInt()) : "-");
        // Avg@N is named after the samples per problem the run drew (eval_samples), 8 in the paper
        java.util.Set<Integer> samples = new java.util.TreeSet<>();
        a.evals().values().forEach(ps -> ps.forEach(p -> samples.add(p.samples())));
        String avg = samples.size() == 1 ? "Avg@" + samples.iterator().next() : "Avg@N";
        line(out, "  %-16s %6s %6s %7s %7s  %s", "benchmark", "step", "n", "Pass@1", avg, "unbiased pass@k");
        for (Map.Entry<String, List<EvalPoint>> e : a.evals().entrySet()) {
            for (EvalPoint p : e.getValue()) {
                StringBuilder ks = new StringBuilder();
                p.passAtK().forEach((k, v) -> ks.append(String.format(Locale.ROOT, "@%d %.2f  ", k, 100 * v)));
                line(out, "  %-16s %6d %6d %7.2f %7.2f  %s", e.getKey(), p.step(), p.problems(), 100 * p.passAt1(),
                        100 * p.avgAt8(), ks.toString().trim());
            }
        }
    }

    private static void learning(StringBuilder out, LearningChange l) {
        if (l.reward().isEmpty() && l.evals().isEmpty()) {
            return;
        }
        out.append('\n');
        line(out, "Learning within the run (last minus first, percentage points, paired bootstrap 95%% CI)");
        l.reward().ifPresent(r -> line(out, "  %-30s %6.2f -> %6.2f  %+6.2f [%+.2f, %+.2f]  (%d prompts, first vs last visit; %d resamples)",
                "training reward", 100 * r.first(), 100 * r.last(), 100 * r.difference(), 100 * r.low(), 100 * r.high(),
                r.prompts(), r.resamples()));
        List<PairedBootstrap.Comparison> rows = new java.util.ArrayList<>(l.pooled());
        rows.addAll(l.evals());
        for (PairedBootstrap.Comparison c : rows) {
            String metric = c.metric() == PairedBootstrap.Metric.PASS_AT_1 ? "Pass@1" : "Avg@N";
            line(out, "  %-30s %6.2f -> %6.2f  %+6.2f [%+.2f, %+.2f]  (%d problems, step %d -> %d)",
                    metric + " " + c.benchmark(), 100 * c.meanB(), 100 * c.meanA(), 100 * c.difference(), 100 * c.low(),
                    100 * c.high(), c.paired(), l.firstEvalStep(), l.lastEvalStep());
        }
    }

    private static void buckets(StringBuilder out, String title, List<BucketRate> rows) {
        if (rows.isEmpty() || rows.stream().allMatch(r -> r.rate().trials() == 0)) {
            return;
        }
        out.append('\n');
        line(out, "%s", title);
        for (BucketRate r : rows) {
            line(out, "  %-32s %s", r.bucket(), rate(r.rate()));
        }
    }

    private static String rate(Rate r) {
        if (r.trials() == 0) {
            return "- (0 trials)";
        }
        return String.format(Locale.ROOT, "%5.1f%% (%d/%d) [%.1f, %.1f]", 100 * r.value(), r.successes(), r.trials(),
                100 * r.low(), 100 * r.high());
    }

    private static String histogram(Histogram h) {
        StringBuilder b = new StringBuilder("n=" + h.total() + " |");
        for (long c : h.counts()) {
            b.append(' ').append(c);
        }
        return b.append(" | (bins of 0.1 from 0 to 1)").toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }

    private static String opt(Object v) {
        return v == null ? "?" : v.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
