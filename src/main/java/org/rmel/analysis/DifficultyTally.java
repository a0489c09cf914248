package org.rmel.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rmel.run.GroupEvent;
import org.rmel.run.RevisionEvent;
import org.rmel.run.Trajectory;

/**
 * Revision success by prompt difficulty — the inverted U. A prompt's difficulty at the moment of
 * a revision is its all-negative frequency k/n: k all-negative rollout groups among its n visits
 * so far, the current one included. Also by band of that frequency, by quintile of the seed's
 * mean token log-probability, and (MEL+Extra) the rescue rate of extra rollouts by difficulty.
 */
final class DifficultyTally {
    /** The trajectory ids and mean token log-probs of a prompt's latest all-negative group. */
    private record Seeds(String[] ids, double[] logprobs) {
    }

    private final PromptVisits visits = new PromptVisits();
    private final Map<String, Seeds> latestAllNegative = new HashMap<>();
    /** "k/n" → {successes, trials}, ordered by the frequency, then by n. */
    private final TreeMap<long[], long[]> revisionBuckets = new TreeMap<>(FREQUENCY_ORDER);
    private final TreeMap<long[], long[]> extraBuckets = new TreeMap<>(FREQUENCY_ORDER);
    private double[] seedLogprob = new double[64];
    private boolean[] seedRescued = new boolean[64];
    private int seeds;

    private static final Comparator<long[]> FREQUENCY_ORDER = (a, b) -> {
        int c = Long.compare(a[0] * b[1], b[0] * a[1]);
        return c != 0 ? c : Long.compare(a[1], b[1]);
    };

    void add(GroupEvent g) {
        if (g.fromExtraRollouts()) {
            count(extraBuckets, visits.frequency(g.promptId()), g.correctCount() > 0);
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

    void add(RevisionEvent r) {
        count(revisionBuckets, visits.frequency(r.promptId()), r.succeeded());
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

    private static void count(TreeMap<long[], long[]> buckets, long[] kn, boolean success) {
        long[] c = buckets.computeIfAbsent(kn, x -> new long[2]);
        c[0] += success ? 1 : 0;
        c[1]++;
    }

    List<BucketRate> revisionByFrequency() {
        return exact(revisionBuckets);
    }

    List<BucketRate> revisionByBand() {
        return bands(revisionBuckets);
    }

    List<BucketRate> extraByFrequency() {
        return exact(extraBuckets);
    }

    List<BucketRate> extraByBand() {
        return bands(extraBuckets);
    }

    private static List<BucketRate> exact(TreeMap<long[], long[]> buckets) {
        List<BucketRate> out = new ArrayList<>();
        buckets.forEach((kn, c) -> out.add(new BucketRate(kn[0] + "/" + kn[1], Rate.of(c[0], c[1]))));
        return out;
    }

    /** Bands of k/n: easy (≤ 1/3), intermediate (≤ 2/3), hard (> 2/3) — the paper's 1/3, 2/3, 3/3. */
    private static List<BucketRate> bands(TreeMap<long[], long[]> buckets) {
        long[][] c = new long[3][2];
        buckets.forEach((kn, sc) -> {
            int band = 3 * kn[0] <= kn[1] ? 0 : 3 * kn[0] <= 2 * kn[1] ? 1 : 2;
            c[band][0] += sc[0];
            c[band][1] += sc[1];
        });
        return List.of(new BucketRate("easy (<=1/3)", Rate.of(c[0][0], c[0][1])),
                new BucketRate("intermediate (<=2/3)", Rate.of(c[1][0], c[1][1])),
                new BucketRate("hard (>2/3)", Rate.of(c[2][0], c[2][1])));
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
