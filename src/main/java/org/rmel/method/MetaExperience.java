package org.rmel.method;

import java.util.Objects;

/**
 * A meta-experience built from a contrastive pair, as the {@code meta_experience} event records
 * it. The critique and heuristic come from the policy side; {@code kept} is the replay verdict
 * (the replay with the meta-experience in the prompt verified), which p_keep counts.
 */
public record MetaExperience(String promptId, PairSource source, String positiveId, String negativeId,
                             int bifurcationToken, int bifurcationStep, String critique, String heuristic,
                             String replayAnswer, boolean kept) {

    public MetaExperience {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(positiveId, "positiveId");
        Objects.requireNonNull(negativeId, "negativeId");
        Objects.requireNonNull(critique, "critique");
        Objects.requireNonNull(heuristic, "heuristic");
        Objects.requireNonNull(replayAnswer, "replayAnswer");
        if (bifurcationToken < 0 || bifurcationStep < 0) {
            throw new IllegalArgumentException("bifurcation token and step must be >= 0");
        }
    }

    /** The record for a pair, once the policy produced critique and heuristic and replayed them. */
    public static MetaExperience of(ContrastivePair pair, String critique, String heuristic, String replayAnswer,
                                    boolean kept) {
        return new MetaExperience(pair.promptId(), pair.source(), pair.positive().id(), pair.negative().id(),
                pair.bifurcationToken(), pair.bifurcationStep(), critique, heuristic, replayAnswer, kept);
    }
}
