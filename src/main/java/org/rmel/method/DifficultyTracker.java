package org.rmel.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-prompt difficulty as its all-negative frequency over the visits so far (k/n: k of n groups
 * sampled for the prompt were all-negative), the paper's difficulty proxy. Mutable; not
 * thread-safe. Query before recording a visit to get the difficulty known at sampling time.
 */
public final class DifficultyTracker {

    /** A prompt's counts. */
    public record Difficulty(int visits, int allNegative) {
        public Difficulty {
            if (visits < 0 || allNegative < 0 || allNegative > visits) {
                throw new IllegalArgumentException("need 0 <= allNegative <= visits, got " + allNegative + "/" + visits);
            }
        }

        /** k/n; 0 for a prompt never seen. */
        public double frequency() {
            return visits == 0 ? 0.0 : (double) allNegative / visits;
        }

        /** "k/n", the bucket label of the paper's difficulty plot. */
        public String label() {
            return allNegative + "/" + visits;
        }
    }

    private final Map<String, Difficulty> byPrompt = new LinkedHashMap<>();

    /** Counts one visit of a prompt. */
    public void record(String promptId, boolean allNegative) {
        Difficulty d = get(promptId);
        byPrompt.put(promptId, new Difficulty(d.visits() + 1, d.allNegative() + (allNegative ? 1 : 0)));
    }

    /** Counts the visit a group represents (all-negative by its rollouts). */
    public void record(Group group) {
        record(group.promptId(), group.outcome() == GroupOutcome.ALL_NEGATIVE);
    }

    /** The counts so far; 0/0 for a prompt never recorded. */
    public Difficulty get(String promptId) {
        return byPrompt.getOrDefault(promptId, new Difficulty(0, 0));
    }

    /** Every prompt recorded so far, in first-seen order. */
    public Map<String, Difficulty> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byPrompt));
    }
}
