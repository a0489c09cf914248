package org.rmel.method;

import java.util.Objects;

/**
 * A meta-experience built from a contrastive pair, as the {@code meta_experience} event records
 * it. The critique and heuristic come from the policy side; {@code kept} is the replay verdict
 * (the replay with the meta-experience in the prompt verified), which p_keep counts.
 *
 * <p>A meta-experience whose critique or heuristic states the gold answer is a {@code leak}
 * ({@link AnswerLeak}): it is neither replayed nor internalised, {@code kept} is false and
 * {@code replayAnswer} empty, and p_keep leaves it out ({@link KeepTally}), so p_keep measures
 * lessons rather than answer copying.
 */
public record MetaExperience(String promptId, PairSource source, String positiveId, String negativeId,
                             int bifurcationToken, int bifurcationStep, String critique, String heuristic,
                             String replayAnswer, boolean kept, boolean leak) {

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
        if (leak && kept) {
            throw new IllegalArgumentException("a leaking meta-experience is never replayed, so it cannot be kept");
        }
    }

    /** A meta-experience that was checked and replayed (not a leak). */
    public MetaExperience(String promptId, PairSource source, String positiveId, String negativeId,
                          int bifurcationToken, int bifurcationStep, String critique, String heuristic,
                          String replayAnswer, boolean kept) {
        this(promptId, source, positiveId, negativeId, bifurcationToken, bifurcationStep, critique, heuristic,
                replayAnswer, kept, false);
    }

    /** The record for a pair, once the policy produced critique and heuristic and replayed them. */
    public static MetaExperience of(ContrastivePair pair, String critique, String heuristic, String replayAnswer,
                                    boolean kept) {
        return new MetaExperience(pair.promptId(), pair.source(), pair.positive().id(), pair.negative().id(),
                pair.bifurcationToken(), pair.bifurcationStep(), critique, heuristic, replayAnswer, kept, false);
    }

    /** The record for a pair whose critique or heuristic states the gold answer: not replayed, not kept. */
    public static MetaExperience leaked(ContrastivePair pair, String critique, String heuristic) {
        return new MetaExperience(pair.promptId(), pair.source(), pair.positive().id(), pair.negative().id(),
                pair.bifurcationToken(), pair.bifurcationStep(), critique, heuristic, "", false, true);
    }
}
