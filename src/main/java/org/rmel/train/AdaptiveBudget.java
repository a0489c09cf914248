package org.rmel.train;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rmel.method.DifficultyTracker.Difficulty;

/**
 * R-MEL adaptive: spends a step's revision budget where revision pays, judged live.
 *
 * <p>The rule. A step with n all-negative groups has the same pool of attempts R-MEL would
 * spend, B·n. Each all-negative group falls in a difficulty bucket by its prompt's history
 * before this visit (the paper's all-negative frequency k/n): {@code new} (never seen),
 * {@code easy} (k/n ≤ 1/3), {@code mid} (1/3 < k/n < 1), {@code hard} (always all-negative so
 * far). Per bucket the trainer keeps the live per-attempt success rate of revision,
 * p = (accepted + 1)/(attempts + 2) (a uniform prior, so an unexplored bucket looks as
 * promising as any). Attempts are then handed out one at a time to the group whose next attempt
 * has the largest chance of being the one that rescues it, p·(1 − p)^b for a group already given
 * b attempts — the greedy allocation that maximises the expected number of rescued groups if
 * attempts succeed independently. Every group gets at least one attempt (so every bucket's
 * estimate stays live) and at most {@code adaptive_cap}. With equal estimates this gives every
 * group B attempts, i.e. plain R-MEL; as hard prompts keep failing, their budget moves to the
 * intermediate prompts where the paper's inverted U says revision succeeds most.
 */
public final class AdaptiveBudget {

    /** Difficulty buckets of the rule. */
    public enum Bucket {
        NEW, EASY, MID, HARD;

        public static Bucket of(Difficulty d) {
            if (d.visits() == 0) {
                return NEW;
            }
            double f = d.frequency();
            if (f >= 1.0) {
                return HARD;
            }
            return f <= 1.0 / 3 ? EASY : MID;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Bucket, int[]> counts = new EnumMap<>(Bucket.class);

    public AdaptiveBudget() {
        for (Bucket b : Bucket.values()) {
            counts.put(b, new int[2]);
        }
    }

    /** Live per-attempt success estimate of a bucket. */
    public double successEstimate(Bucket b) {
        int[] c = counts.get(b);
        return (c[1] + 1.0) / (c[0] + 2.0);
    }

    /** Records the attempts one group's search made and whether it was rescued. */
    public void record(Bucket b, int attempts, boolean rescued) {
        int[] c = counts.get(b);
        c[0] += attempts;
        c[1] += rescued ? 1 : 0;
    }

    /** Per-bucket counts [attempts, accepted], for the checkpoint's trainer state. */
    public Map<String, int[]> counts() {
        Map<String, int[]> out = new java.util.LinkedHashMap<>();
        counts.forEach((b, c) -> out.put(b.key(), c.clone()));
        return out;
    }

    /** Restores {@link #counts()}. */
    public void restore(Map<String, int[]> saved) {
        for (Bucket b : Bucket.values()) {
            int[] c = saved.get(b.key());
            if (c != null) {
                counts.put(b, c.clone());
            }
        }
    }

    /**
     * Attempts per group, in order.
     *
     * @param buckets each all-negative group's bucket
     * @param budget B (the pool is B per group)
     * @param cap the most attempts one group may get
     */
    public int[] allocate(List<Bucket> buckets, int budget, int cap) {
        int n = buckets.size();
        int[] given = new int[n];
        if (n == 0) {
            return given;
        }
        int pool = budget * n;
        for (int i = 0; i < n; i++) {
            given[i] = 1;
        }
        pool -= n;
        while (pool > 0) {
            int best = -1;
            double bestGain = -1;
            for (int i = 0; i < n; i++) {
                if (given[i] >= cap) {
                    continue;
                }
                double p = successEstimate(buckets.get(i));
                double gain = p * Math.pow(1 - p, given[i]);
                if (gain > bestGain + 1e-12) {
                    bestGain = gain;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            given[best]++;
            pool--;
        }
        return given;
    }
}
