package org.rmel.analysis;

import java.util.HashMap;
import java.util.Map;
import org.rmel.run.GroupEvent;

/**
 * Each prompt's visits and all-negative visits so far (rollout groups only; extra rollouts are
 * not visits): the difficulty proxy k/n of the paper.
 */
final class PromptVisits {
    private final Map<String, int[]> counts = new HashMap<>();

    void add(GroupEvent g) {
        if (g.fromExtraRollouts()) {
            return;
        }
        int[] c = counts.computeIfAbsent(g.promptId(), k -> new int[2]);
        c[0]++;
        if (g.allNegative()) {
            c[1]++;
        }
    }

    /** {visits, all-negative visits} of {@code prompt} so far ({0, 0} when never seen). */
    int[] counts(String prompt) {
        return counts.getOrDefault(prompt, new int[2]).clone();
    }

    /**
     * {k, n} for {@code prompt} now. A revision or extra rollout always follows an all-negative
     * visit, so k ≥ 1 and n ≥ 1; the floor guards logs that lack the group event.
     */
    long[] frequency(String prompt) {
        int[] c = counts.getOrDefault(prompt, new int[2]);
        long n = Math.max(1, c[0]);
        long k = Math.max(1, Math.min(c[1], n));
        return new long[] {k, n};
    }
}
