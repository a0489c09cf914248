package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * {@code group}: K trajectories sampled for one prompt and scored by the verifier.
 * {@code visit} counts how many times the prompt has been drawn (1-based; extra-rollout groups
 * repeat the visit of the group they top up). {@code origin} is {@link #ROLLOUT} or
 * {@link #EXTRA} (MEL+Extra's compute-matched fresh rollouts for an all-negative group).
 * {@code prompt} (optional) is the problem's text as the task gives it, before the prompt
 * template; null in runs written before it was recorded.
 */
public record GroupEvent(
        long t,
        @JsonProperty(required = true) int step,
        @JsonProperty(value = "prompt_id", required = true) String promptId,
        int visit,
        String gold,
        String origin,
        @JsonProperty(required = true) List<Trajectory> trajectories,
        @JsonInclude(JsonInclude.Include.NON_NULL) String prompt) implements RunEvent {
    public static final String TYPE = "group";
    public static final String ROLLOUT = "rollout";
    public static final String EXTRA = "extra";

    public GroupEvent {
        Objects.requireNonNull(promptId, "prompt_id");
        Objects.requireNonNull(trajectories, "trajectories");
        origin = origin == null ? ROLLOUT : origin;
        trajectories = List.copyOf(trajectories);
    }

    /** A group without its problem text (runs of contract v1 before it was recorded). */
    public GroupEvent(long t, int step, String promptId, int visit, String gold, String origin, List<Trajectory> trajectories) {
        this(t, step, promptId, visit, gold, origin, trajectories, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Extra rollouts do not count as a visit of the prompt. */
    public boolean fromExtraRollouts() {
        return EXTRA.equals(origin);
    }

    public int correctCount() {
        int c = 0;
        for (Trajectory tr : trajectories) {
            if (tr.correct()) {
                c++;
            }
        }
        return c;
    }

    /** No trajectory verified: the group GRPO and MEL discard and R-MEL tries to rescue. */
    public boolean allNegative() {
        return !trajectories.isEmpty() && correctCount() == 0;
    }

    public boolean allPositive() {
        return !trajectories.isEmpty() && correctCount() == trajectories.size();
    }

    public boolean mixed() {
        int c = correctCount();
        return c > 0 && c < trajectories.size();
    }

    public long tokenSum() {
        long s = 0;
        for (Trajectory tr : trajectories) {
            s += tr.tokens();
        }
        return s;
    }
}
