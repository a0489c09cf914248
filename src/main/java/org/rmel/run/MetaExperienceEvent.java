package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * {@code meta_experience}: one (y+, y−) pair turned into a meta-experience. {@code source} is
 * {@link #NATURAL} (a mixed group) or {@link #REVISION} (an accepted revision);
 * {@code kept} says whether the replay with the meta-experience in the prompt verified.
 * {@code leak} (optional; absent in older logs = false) marks a meta-experience whose critique or
 * heuristic states the gold answer: it was neither replayed nor internalised, {@code kept} is
 * false, and p_keep leaves it out.
 */
public record MetaExperienceEvent(
        long t,
        @JsonProperty(required = true) int step,
        @JsonProperty(value = "prompt_id", required = true) String promptId,
        String source,
        @JsonProperty("positive_id") String positiveId,
        @JsonProperty("negative_id") String negativeId,
        @JsonProperty("bifurcation_token") int bifurcationToken,
        @JsonProperty("bifurcation_step") int bifurcationStep,
        String critique,
        String heuristic,
        @JsonProperty("replay_answer") String replayAnswer,
        @JsonProperty(required = true) boolean kept,
        Boolean leak) implements RunEvent {
    public static final String TYPE = "meta_experience";
    public static final String NATURAL = "natural";
    public static final String REVISION = "revision";

    public MetaExperienceEvent {
        Objects.requireNonNull(promptId, "prompt_id");
        source = source == null ? NATURAL : source;
    }

    /** A meta-experience without a leak mark (older writers, tests). */
    public MetaExperienceEvent(long t, int step, String promptId, String source, String positiveId, String negativeId,
                               int bifurcationToken, int bifurcationStep, String critique, String heuristic,
                               String replayAnswer, boolean kept) {
        this(t, step, promptId, source, positiveId, negativeId, bifurcationToken, bifurcationStep, critique, heuristic,
                replayAnswer, kept, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Whether the meta-experience stated the gold answer (and so was not replayed). */
    public boolean leaked() {
        return Boolean.TRUE.equals(leak);
    }
}
