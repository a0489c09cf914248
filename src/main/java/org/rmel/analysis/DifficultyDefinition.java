package org.rmel.analysis;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which all-negative frequency a revision (or an extra-rollout group) is bucketed by in the
 * difficulty figure (the paper's Figure 3). Every figure and report names the definition it used
 * ({@link #label()}).
 */
public enum DifficultyDefinition {
    /**
     * The paper's: k of the N runs of the run's cohort (the MEL, MEL+Extra and R-MEL runs of its
     * seed and prompts, the run itself in its condition's place: an ablation takes R-MEL's; see
     * {@link CrossRunDifficulty#cohorts}) in which the prompt's group was all-negative at this visit;
     * buckets k/N (1/3 easy, 2/3 intermediate, 3/3 hard). The revision's own run always counts, so
     * k ≥ 1. Figures and reports print the cohort's label, which names N and the runs.
     */
    ACROSS_RUNS("across-runs", "k of N runs all-negative at this visit (paper)"),
    /** Within one run: the prompt's all-negative visits over all its visits in the whole run. */
    WHOLE_RUN("whole-run", "k/n over the whole run"),
    /**
     * Within one run, as the trainer knew it: all-negative visits over visits before this one (what
     * R-MEL adaptive allocates by); a first visit is "new".
     */
    ONLINE("online", "k/n before this visit (online)");

    private final String wireName;
    private final String label;

    DifficultyDefinition(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The name on the command line ({@code --difficulty}) and in JSON. */
    public String wireName() {
        return wireName;
    }

    /** What the figures and reports print. */
    public String label() {
        return label;
    }

    public static DifficultyDefinition fromName(String name) {
        for (DifficultyDefinition d : values()) {
            if (d.wireName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown difficulty definition '" + name + "'; valid: "
                + Arrays.stream(values()).map(DifficultyDefinition::wireName).collect(Collectors.joining(", ")));
    }
}
