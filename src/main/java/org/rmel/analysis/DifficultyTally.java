package org.rmel.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rmel.run.GroupEvent;
import org.rmel.run.RevisionEvent;
import org.rmel.run.Trajectory;

/**
 * Revision success by prompt difficulty — the inverted U — under the two definitions one run can
 * give by itself ({@link DifficultyDefinition#ONLINE}: the prompt's all-negative frequency k/n
 * over its visits before this one; {@link DifficultyDefinition#WHOLE_RUN}: over all its visits in
 * the run); the paper's across-runs definition needs several runs ({@link CrossRunDifficulty}).
 * Also by quintile of the seed's mean token log-probability, and (MEL+Extra) the rescue rate of
 * extra rollouts by difficulty.
 */
final class DifficultyTally {
    /** The trajectory ids and mean token log-probs of a prompt's latest all-negative group. */
    private record Seeds(String[] ids, double[] logprobs) {
    }

    /** One revision or extra-rollout group: its prompt, k/n before its visit, and its outcome. */
    private record Outcome(String prompt, long kBefore, long nBefore, boolean success) {
    }

    private final PromptVisits visits = new PromptVisits();
    private final Map<String, Seeds> latestAllNegative = new HashMap<>();
    private final List<Outcome> revisions = new ArrayList<>();
    private final List<Outcome> extras = new ArrayList<>();
    private double[] seedLogprob = new double[64];
    private boolean[] seedRescued = new boolean[64];
    private int seeds;

    void add(GroupEvent g) {
        if (g.fromExtraRollouts()) {
            extras.add(outcome(g.promptId(), g.correctCount() > 0));
            return;
        }
        visits.add(g);
        if (g.allNegative()) {
            int n = g.trajectories().size();
            Seeds s = new Seeds(new String[n], new double[n]);
            for (int i = 0; i < n; i++) {
                Trajectory t = g.trajectories().get(i);
                s.ids()[i] = t.id();
                s.logprobs()[i] = t.tokens() > 0 ? t.logprob() / t.tokens() : Double.NaN;
            }
            latestAllNegative.put(g.promptId(), s);
        }
    }

    /** The prompt's frequency before the all-negative visit that this revision or extra group follows. */
    private Outcome outcome(String prompt, boolean success) {
        int[] c = visits.counts(prompt);
        long n = Math.max(0, c[0] - 1);
        long k = Math.max(0, Math.min(n, c[1] - 1));
        return new Outcome(prompt, k, n, success);
    }

    void add(RevisionEvent r) {
        revisions.add(outcome(r.promptId(), r.succeeded()));
        double lp = r.seedLogprob() != null && r.seedTokens() > 0 ? r.seedLogprob() / r.seedTokens()
                : latestLogprob(latestAllNegative.get(r.promptId()), r.seedId());
        if (!Double.isNaN(lp)) {
            if (seeds == seedLogprob.length) {
                seedLogprob = Arrays.copyOf(seedLogprob, seeds * 2);
                seedRescued = Arrays.copyOf(seedRescued, seeds * 2);
            }
            seedLogprob[seeds] = lp;
            seedRescued[seeds] = r.succeeded();
            seeds++;
        }
    }

    /** Both one-run definitions: online, then whole-run. */
    List<DifficultyBuckets> buckets() {
        return List.of(online(), wholeRun());
    }

    DifficultyBuckets online() {
        DifficultyBuckets.Counter c = new DifficultyBuckets.Counter();
        revisions.forEach(o -> c.revision(o.kBefore(), o.nBefore(), o.success()));
        extras.forEach(o -> c.extra(o.kBefore(), o.nBefore(), o.success()));
        return c.build(DifficultyDefinition.ONLINE);
    }

    DifficultyBuckets wholeRun() {
        DifficultyBuckets.Counter c = new DifficultyBuckets.Counter();
        for (Outcome o : revisions) {
            int[] kn = visits.counts(o.prompt());
            c.revision(kn[1], kn[0], o.success());
        }
        for (Outcome o : extras) {
            int[] kn = visits.counts(o.prompt());
            c.extra(kn[1], kn[0], o.success());
        }
        return c.build(DifficultyDefinition.WHOLE_RUN);
    }

    private static double latestLogprob(Seeds seeds, String seedId) {
        if (seeds == null) {
            return Double.NaN;
        }
        for (int i = 0; i < seeds.ids().length; i++) {
            if (seeds.ids()[i].equals(seedId)) {
                return seeds.logprobs()[i];
            }
        }
        return Double.NaN;
    }

    /**
     * Revision success by quintile of the seed's mean token log-probability (quintile 1 = least
     * likely seeds). The mean, not the sum: seeds are the longest failures, so a sum would mostly
     * rank length. Equal-count quintiles over the revisions seen so far.
     */
    List<BucketRate> revisionBySeedLogprobQuintile() {
        Integer[] order = new Integer[seeds];
        for (int i = 0; i < seeds; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> seedLogprob[i]));
        List<BucketRate> out = new ArrayList<>();
        for (int q = 0; q < 5 && seeds > 0; q++) {
            int from = q * seeds / 5;
            int to = (q + 1) * seeds / 5;
            long ok = 0;
            for (int i = from; i < to; i++) {
                ok += seedRescued[order[i]] ? 1 : 0;
            }
            String range = to > from ? String.format(Locale.ROOT, " [%.3f, %.3f]", seedLogprob[order[from]], seedLogprob[order[to - 1]]) : "";
            out.add(new BucketRate("Q" + (q + 1) + range, Rate.of(ok, to - from)));
        }
        return out;
    }
}
