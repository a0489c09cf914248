package org.rmel.study.stats;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the statistics need from one finished run of a study, read in one pass: per benchmark the
 * per-problem scores at the run's best step (highest mean Pass@1, the paper's checkpoint choice),
 * and the counts behind p_keep, revision success by difficulty, rescued groups and LCP ratios.
 *
 * @param revisionByBand revision success per difficulty band ({s, t} per band label)
 * @param extraByBand MEL+Extra: extra-rollout groups with a correct answer per band
 * @param revisionByQuintile revision success per seed log-prob quintile (Q1 … Q5)
 */
public record SeedRun(String condition, int seed, Path dir, Map<String, ProblemScores> benchmarks, OptionalInt bestStep,
        long kept, long metas, Map<String, long[]> revisionByBand, Map<String, long[]> extraByBand,
        Map<String, long[]> revisionByQuintile, long rescued, long revisions, List<LcpPoint> lcp, Across across) {

    /**
     * The paper's difficulty: per band, revision success and extra-rollout rescue when a prompt's
     * difficulty is k of the N runs of its cohort (this run and the MEL, MEL+Extra and R-MEL runs of
     * the same seed) that were all-negative at that visit; {@code cohort} is N (0: not computed).
     */
    public record Across(int cohort, Map<String, long[]> revisionByBand, Map<String, long[]> extraByBand) {
        public static Across none() {
            return new Across(0, Map.of(), Map.of());
        }
    }

    /** Without the across-runs buckets (they need the other runs of the seed). */
    public SeedRun(String condition, int seed, Path dir, Map<String, ProblemScores> benchmarks, OptionalInt bestStep,
            long kept, long metas, Map<String, long[]> revisionByBand, Map<String, long[]> extraByBand,
            Map<String, long[]> revisionByQuintile, long rescued, long revisions, List<LcpPoint> lcp) {
        this(condition, seed, dir, benchmarks, bestStep, kept, metas, revisionByBand, extraByBand, revisionByQuintile, rescued,
                revisions, lcp, Across.none());
    }

    public SeedRun withAcross(Across a) {
        return new SeedRun(condition, seed, dir, benchmarks, bestStep, kept, metas, revisionByBand, extraByBand,
                revisionByQuintile, rescued, revisions, lcp, a);
    }

    /** Per-problem scores of one benchmark at the best step: Pass@1 (0/1) and Avg@N (fraction), by problem id. */
    public record ProblemScores(List<String> ids, double[] pass1, double[] avgN, int samples) {
        public double[] metric(Metric m) {
            return m == Metric.PASS_AT_1 ? pass1 : avgN;
        }
    }

    /**
     * One revision attempt's LCP ratio (over the seed's length) at truncation ratio τ, whether the
     * verifier accepted its answer and whether it was accepted as the revision (verified and not
     * accepted: the LCP filter refused it).
     */
    public record LcpPoint(double tau, double ratio, boolean accepted, boolean verified) {
    }

    /** Which evaluation score. */
    public enum Metric {
        PASS_AT_1("Pass@1"), AVG_AT_8("Avg@8");

        public final String label;

        Metric(String label) {
            this.label = label;
        }
    }
}
